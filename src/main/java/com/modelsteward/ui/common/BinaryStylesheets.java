package com.modelsteward.ui.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javafx.css.CssParser;
import javafx.css.Stylesheet;

/**
 * A build step (pom.xml, phase process-classes): writes each stylesheet's binary form beside it in the jar,
 * {@code styles/light.css} → {@code styles/light.bss}. JavaFX's style manager loads {@code x.bss} in place of
 * {@code x.css} when both are on the class path, as it does for its own modena theme, so the console's first frame
 * does not wait for the CSS parser on the FX thread (docs/performance.md). The .css stays the source a reader edits;
 * a stylesheet the parser reports an error in fails the build instead of shipping with the rule silently dropped.
 */
public final class BinaryStylesheets {

    private BinaryStylesheets() {
    }

    /** {@code args[0]}: the folder of stylesheets, the classes folder's {@code styles/}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: BinaryStylesheets <folder of .css files>");
        }
        List<Path> sources;
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            sources = files.filter(file -> file.getFileName().toString().endsWith(".css")).sorted().toList();
        }
        for (Path css : sources) {
            convert(css, binaryOf(css));
        }
    }

    /** Where JavaFX looks for the binary form of {@code css}: the same name ending in .bss. */
    public static Path binaryOf(Path css) {
        String name = css.getFileName().toString();
        return css.resolveSibling(name.substring(0, name.length() - ".css".length()) + ".bss");
    }

    /** Writes the binary form of {@code css} to {@code bss}; refuses a stylesheet with a parse error. */
    public static void convert(Path css, Path bss) throws IOException {
        CssParser.errorsProperty().clear();
        Stylesheet.convertToBinary(css.toFile(), bss.toFile());
        if (!CssParser.errorsProperty().isEmpty()) {
            String first = CssParser.errorsProperty().getFirst().getMessage();
            CssParser.errorsProperty().clear();
            Files.deleteIfExists(bss);
            throw new IOException(css + ": " + first);
        }
    }
}
