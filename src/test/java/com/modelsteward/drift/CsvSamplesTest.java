package com.modelsteward.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSamplesTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private String failure(String text) throws IOException {
        Path csv = file("bad.csv", text);
        DriftException error = assertThrows(DriftException.class, () -> CsvSamples.read(csv));
        assertEquals("E_DRIFT_CSV", error.code());
        assertTrue(error.getMessage().startsWith(csv.toString()), error.getMessage());
        return error.getMessage();
    }

    @Test
    void readsColumnsSkippingEmptyCellsAndKeepingNonFiniteValues() throws IOException {
        Map<String, double[]> samples = CsvSamples.read(file("ok.csv", "a,\"b\"\n1,2\n,NaN\n3.5,-inf\n"));
        assertEquals(List.of("a", "b"), List.copyOf(samples.keySet()));
        assertArrayEquals(new double[] {1, 3.5}, samples.get("a"));
        assertArrayEquals(new double[] {2, Double.NaN, Double.NEGATIVE_INFINITY}, samples.get("b"));
    }

    @Test
    void textInANumericColumnNamesLineAndColumn() throws IOException {
        String message = failure("a,b\n1,2\n3,abc\n");
        assertTrue(message.contains("line 3, column 2 (b): \"abc\" is not a number"), message);
    }

    @Test
    void raggedRowsAreRefused() throws IOException {
        String message = failure("a,b\n1,2\n3\n");
        assertTrue(message.contains("line 3") && message.contains("1 cells but the header has 2 columns"), message);
    }

    @Test
    void emptyFilesAndHeaderOnlyFilesAreRefused() throws IOException {
        assertTrue(failure("").contains("is empty"));
        assertTrue(failure("a,b\n").contains("no data rows"));
        assertTrue(failure("a,,c\n1,2,3\n").contains("line 1, column 2: the feature name is empty"));
        assertTrue(failure("a,a\n1,2\n").contains("appears twice"));
    }

    @Test
    void aFeatureInOnlyOneFileIsNamed() throws IOException {
        Path ref = file("ref.csv", "a,b\n1,2\n");
        Path cur = file("cur.csv", "a,c\n1,2\n");
        DriftException error = assertThrows(DriftException.class,
                () -> SampleFiles.requireSameFeatures(ref, CsvSamples.read(ref), cur, CsvSamples.read(cur)));
        assertEquals(ref + ", line 1, column 2: feature \"b\" is not in " + cur, error.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.csv");
        DriftException error = assertThrows(DriftException.class, () -> CsvSamples.read(missing));
        assertEquals(missing + " does not exist", error.getMessage());
    }

    /** The bounded line reader ends lines as BufferedReader did: LF, CR LF and a lone CR, with or without a last newline. */
    @Test
    void everyLineEndingIsReadAsBefore() throws IOException {
        Path file = Files.writeString(dir.resolve("endings.csv"), "a,b\r\n1,2\r3,4\n\r\n5,6");
        Map<String, double[]> samples = CsvSamples.read(file);
        assertArrayEquals(new double[] {1, 3, 5}, samples.get("a"));
        assertArrayEquals(new double[] {2, 4, 6}, samples.get("b"));
    }

    @Test
    void aLineAtTheLimitIsReadAndOneCharacterMoreIsRefused() throws IOException {
        String padding = " ".repeat(CsvSamples.MAX_LINE_CHARS - 1);
        Path atLimit = Files.writeString(dir.resolve("at-limit.csv"), "a\n" + padding + "1\n");
        assertArrayEquals(new double[] {1}, CsvSamples.read(atLimit).get("a"));
        Path over = Files.writeString(dir.resolve("over.csv"), "a\n" + padding + "12\n");
        DriftException refused = assertThrows(DriftException.class, () -> CsvSamples.read(over));
        assertEquals(over + ", line 2: the file has a line longer than 1048576 characters, the limit for a drift CSV", refused.getMessage());
    }

    @Test
    void moreValuesThanTheLimitAreRefusedAtTheLineThatPassesIt() throws IOException {
        Path file = dir.resolve("many-values.csv");
        try (var out = Files.newBufferedWriter(file)) {
            out.write("a,b\n");
            for (int row = 0; row <= CsvSamples.MAX_VALUES / 2; row++) {
                out.write("1,2\n");
            }
        }
        DriftException refused = assertThrows(DriftException.class, () -> CsvSamples.read(file));
        assertEquals(file + ", line 10000002: the file holds more than 20000000 values, the limit for a drift CSV", refused.getMessage());
    }
}
