package com.modelsteward.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javafx.css.Declaration;
import javafx.css.Rule;
import javafx.css.Stylesheet;
import javafx.scene.Scene;
import javafx.scene.layout.Background;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console styles itself from the stylesheets' binary forms, which the build writes from the .css files: each
 * shipped .bss must hold the rules of the .css beside it as it is now, and JavaFX must take it in place of the .css.
 */
@ExtendWith(ApplicationExtension.class)
class BinaryStylesheetsTest {

    private static final Path SOURCES = Path.of("styles");

    @Test
    void eachShippedBinaryIsTheConversionOfItsStylesheetAsItIsNow(@TempDir Path scratch) throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(SOURCES)) {
            sources = files.filter(file -> file.getFileName().toString().endsWith(".css")).sorted().toList();
        }
        assertTrue(sources.size() >= 4, "light, dark, lineage and drift at least: " + sources);
        for (Path css : sources) {
            Path fresh = scratch.resolve(BinaryStylesheets.binaryOf(css).getFileName());
            BinaryStylesheets.convert(css, fresh);
            String shipped = "/styles/" + fresh.getFileName();
            URL url = BinaryStylesheets.class.getResource(shipped);
            assertNotNull(url, shipped + " is on the class path beside " + css.getFileName());
            // Rules compared, not bytes: the binary's string table follows the order this JVM first met pseudo-classes.
            assertEquals(rules(Stylesheet.loadBinary(fresh.toUri().toURL())), rules(Stylesheet.loadBinary(url)),
                    shipped + " was made from another " + css);
        }
    }

    /** Every rule's selectors and declarations as text, in order. */
    private static String rules(Stylesheet stylesheet) {
        StringBuilder text = new StringBuilder();
        for (Rule rule : stylesheet.getRules()) {
            text.append(rule.getSelectors()).append(" {");
            for (Declaration declaration : rule.getDeclarations()) {
                text.append(' ').append(declaration.getProperty()).append(": ").append(declaration.getParsedValue())
                        .append(declaration.isImportant() ? " !important" : "").append(';');
            }
            text.append(" }\n");
        }
        return text.toString();
    }

    @Test
    void aStylesheetTheParserReportsAnErrorInIsRefusedAndLeavesNoBinary(@TempDir Path folder) throws IOException {
        Path css = Files.writeString(folder.resolve("broken.css"), ".root { -fx-background-color: red; }\n.label { -fx-text-fill: ; }\n}\n");

        IOException refused = assertThrows(IOException.class, () -> BinaryStylesheets.convert(css, BinaryStylesheets.binaryOf(css)));

        assertTrue(refused.getMessage().startsWith(css.toString()), refused.getMessage());
        assertFalse(Files.exists(folder.resolve("broken.bss")));
    }

    @Test
    void javaFxStylesFromTheBinaryWhenOneLiesBesideTheStylesheet(@TempDir Path folder) throws Exception {
        // The binary says green and the text says red: a node styled with the .css's address must come out green.
        Path greenText = Files.writeString(folder.resolve("green.css"), ".probe { -fx-background-color: #00ff00; }\n");
        BinaryStylesheets.convert(greenText, folder.resolve("theme.bss"));
        Path css = Files.writeString(folder.resolve("theme.css"), ".probe { -fx-background-color: #ff0000; }\n");

        Color[] fill = new Color[1];
        javafx.application.Platform.runLater(() -> {
            Region probe = new Region();
            probe.getStyleClass().add("probe");
            Scene scene = new Scene(probe);
            scene.getStylesheets().add(css.toUri().toString());
            probe.applyCss();
            Background background = probe.getBackground();
            fill[0] = background == null ? null : (Color) background.getFills().getFirst().getFill();
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(Color.web("#00ff00"), fill[0]);
    }
}
