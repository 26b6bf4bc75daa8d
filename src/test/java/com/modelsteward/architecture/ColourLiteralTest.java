package com.modelsteward.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A theme is one stylesheet over the looked-up colours (issue 22): colours are written only in the {@code .root} blocks
 * of styles/light.css and styles/dark.css. Java reads them through ui.common.ThemeColours and never names one, and the
 * other rules of the stylesheets use the variables.
 */
class ColourLiteralTest {

    private static final Pattern JAVA_COLOUR = Pattern.compile("\\bColor\\.(web|rgb|hsb|gray|color|valueOf)\\s*\\(|\\bColor\\.[A-Z][A-Z_]+\\b");
    private static final Pattern CSS_COLOUR = Pattern.compile("#[0-9a-fA-F]{3,8}\\b|\\brgba?\\s*\\(|\\bhsba?\\s*\\(|\\b(white|black|red|green|blue|gray|grey)\\b");

    @Test
    void noColourIsWrittenInJava() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (JAVA_COLOUR.matcher(lines.get(i)).find() && !lines.get(i).strip().startsWith("*") && !lines.get(i).strip().startsWith("//")) {
                        offenders.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertEquals("", String.join("\n", offenders));
    }

    @Test
    void stylesheetsWriteColoursOnlyInTheThemesRootBlocks() throws IOException {
        List<String> offenders = new ArrayList<>();
        int sheets = 0;
        try (Stream<Path> files = Files.list(Path.of("styles"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".css")).sorted().toList()) {
                sheets++;
                boolean theme = file.getFileName().toString().equals("light.css") || file.getFileName().toString().equals("dark.css");
                boolean inRoot = false;
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).replaceAll("/\\*.*?\\*/", "");
                    if (line.startsWith(".root {")) {
                        inRoot = true;
                    } else if (line.startsWith("}")) {
                        inRoot = false;
                    }
                    if (CSS_COLOUR.matcher(line).find() && !(theme && inRoot)) {
                        offenders.add(file + ":" + (i + 1) + ": " + line.strip());
                    }
                }
            }
        }
        assertTrue(sheets >= 4, "stylesheets read: " + sheets);
        assertEquals("", String.join("\n", offenders));
    }

    /** The checks catch what they are for. */
    @Test
    void theChecksRecogniseAColour() {
        assertTrue(JAVA_COLOUR.matcher("g.setStroke(Color.web(\"#2f6fdb\"));").find());
        assertTrue(JAVA_COLOUR.matcher("label.setTextFill(Color.WHITE);").find());
        assertTrue(CSS_COLOUR.matcher(".x { -fx-text-fill: white; }").find());
        assertTrue(CSS_COLOUR.matcher(".x { -fx-background-color: #fdecea; }").find());
        assertTrue(!CSS_COLOUR.matcher(".x { -fx-background-color: -color-fail-bg; }").find());
    }
}
