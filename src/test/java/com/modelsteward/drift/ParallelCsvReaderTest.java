package com.modelsteward.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.testsupport.TempFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The parallel reader against the sequential one, which words every refusal: wherever the parallel reader answers, its
 * columns equal the sequential reader's bit for bit; wherever the sequential one refuses, the parallel one declines (and
 * {@link CsvSamples#read} then gives the sequential refusal word for word). Files of several chunks, every shape the
 * parallel reader takes on (CR LF, blanks, quotes, empty cells, blank lines, NaN and inf words, exponents, 19+ digits),
 * the bad-input corpus, and mutated files.
 */
class ParallelCsvReaderTest {

    private static Path dir;

    @BeforeContainer
    static void folder() throws IOException {
        dir = Files.createTempDirectory("parallel-csv");
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        TempFolders.delete(dir);
    }

    private static Path write(String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** The outcome of the sequential reader: its columns, or its refusal's message. */
    private static Object sequential(Path file) {
        try {
            return CsvSamples.readSequentially(file, MemoryBudget.of(Long.MAX_VALUE));
        } catch (DriftException refused) {
            return refused.getMessage();
        }
    }

    private static void assertSameColumns(Map<String, double[]> expected, Map<String, double[]> actual) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        for (String feature : expected.keySet()) {
            double[] e = expected.get(feature);
            double[] a = actual.get(feature);
            assertEquals(e.length, a.length, feature);
            for (int i = 0; i < e.length; i++) {
                if (Double.doubleToRawLongBits(e[i]) != Double.doubleToRawLongBits(a[i])) {
                    throw new AssertionError(feature + "[" + i + "]: " + e[i] + " expected, " + a[i] + " read");
                }
            }
        }
    }

    /** The two readers agree on {@code file}; returns whether the parallel reader answered itself. */
    @SuppressWarnings("unchecked")
    private static boolean agree(Path file) {
        Object expected = sequential(file);
        Map<String, double[]> parallel = ParallelCsvReader.read(file, MemoryBudget.of(Long.MAX_VALUE));
        if (expected instanceof String refusal) {
            assertNull(parallel, "the sequential reader refuses (" + refusal + ") but the parallel one read the file");
            DriftException error = assertThrows(DriftException.class, () -> CsvSamples.read(file));
            assertEquals(refusal, error.getMessage());
            return false;
        }
        if (parallel != null) {
            assertSameColumns((Map<String, double[]>) expected, parallel);
        }
        assertSameColumns((Map<String, double[]>) expected, CsvSamples.read(file));
        return parallel != null;
    }

    /** Rows of random cells in every shape the parallel reader takes, enough for several chunks. */
    private static byte[] variedFile(long seed, int rows, boolean crlf) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(rows * 120);
        text.append("\uFEFFa, \"b\" ,c,d,e\n");
        String end = crlf ? "\r\n" : "\n";
        for (int row = 0; row < rows; row++) {
            if (random.nextInt(500) == 0) {
                text.append(random.nextBoolean() ? "" : " \t ").append(end);
                continue;
            }
            for (int c = 0; c < 5; c++) {
                text.append(c == 0 ? "" : ",").append(cell(random, c));
            }
            text.append(end);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String cell(Random random, int column) {
        return switch (column == 0 ? 0 : random.nextInt(14)) {
            case 0, 1, 2 -> Double.toString((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-12, 12)));
            case 3 -> Long.toString(random.nextLong());
            case 4 -> random.nextInt(1000) + "." + random.nextInt(1000) + "e" + (random.nextInt(600) - 300);
            case 5 -> "";
            case 6 -> " " + random.nextInt(100) + "\t";
            case 7 -> "\"" + random.nextGaussian() + "\"";
            case 8 -> List.of("NaN", "nan", "inf", "-inf", "+Infinity", "-INFINITY", "INF").get(random.nextInt(7));
            case 9 -> "0." + "0".repeat(random.nextInt(30)) + random.nextInt(1_000_000);
            case 10 -> random.nextInt(10) + "." + "1234567890".repeat(3);
            case 11 -> (random.nextBoolean() ? "+" : "-") + "." + random.nextInt(100_000);
            case 12 -> random.nextInt(100) + ".";
            default -> "1e" + (random.nextInt(800) - 400);
        };
    }

    @Example
    void filesOfSeveralChunksInEveryShapeAreReadInParallelExactlyAsSequentially() {
        int rows = 2 * ParallelCsvReader.CHUNK_BYTES / 60;
        assertTrue(agree(write("varied-lf.csv", variedFile(1, rows, false))), "the parallel reader declined an LF file");
        assertTrue(agree(write("varied-crlf.csv", variedFile(2, rows, true))), "the parallel reader declined a CR LF file");
        byte[] noFinalNewline = variedFile(3, 1000, false);
        assertTrue(agree(write("no-final-newline.csv", java.util.Arrays.copyOf(noFinalNewline, noFinalNewline.length - 1))));
    }

    /** A line that straddles a chunk boundary, and a chunk that starts right after a newline. */
    @Example
    void linesOnEitherSideOfAChunkBoundaryBelongToExactlyOneChunk() {
        for (int shift = -3; shift <= 3; shift++) {
            StringBuilder text = new StringBuilder("x\n");
            int row = 0;
            while (text.length() < ParallelCsvReader.CHUNK_BYTES + shift - 10) {
                text.append(row++).append('\n');
            }
            text.append("1".repeat(ParallelCsvReader.CHUNK_BYTES + shift + 2 - text.length() - 1)).append('\n');
            for (int k = 0; k < 1000; k++) {
                text.append(k).append('\n');
            }
            assertTrue(agree(write("boundary" + shift + ".csv", text.toString().getBytes(StandardCharsets.US_ASCII))), "shift " + shift);
        }
    }

    /**
     * A line that starts before a chunk's end and runs hundreds of KB past it (a parse first reads 64 KB past its chunk,
     * and the rest of such a line only when it needs it), up to the longest line allowed, and one a byte longer.
     */
    @Example
    void aLongLineAcrossAChunkBoundaryIsReadWhole() {
        // "5," and the tail and "6": the last tail makes a line of exactly the limit (the sequential reader reads it), the one
        // before a character less; odd tails end their line in CR LF.
        int[] tails = {64 << 10, (64 << 10) + 1, 300_000, CsvSamples.MAX_LINE_CHARS - 4, CsvSamples.MAX_LINE_CHARS - 3};
        for (int tail : tails) {
            StringBuilder text = new StringBuilder("x,y\n");
            int row = 0;
            while (text.length() < ParallelCsvReader.CHUNK_BYTES - 40) {
                text.append(row).append(',').append(row++ % 7).append('\n');
            }
            int lineStart = text.length();
            text.append("5,").append(" ".repeat(tail)).append(tail % 2 == 0 ? "6\n" : "6\r\n");
            assertTrue(text.length() - lineStart - (tail % 2 == 0 ? 1 : 2) <= CsvSamples.MAX_LINE_CHARS, "the line is within the limit");
            for (int k = 0; k < 1000; k++) {
                text.append(k).append(',').append(-k).append('\n');
            }
            assertTrue(agree(write("long-tail" + tail + ".csv", text.toString().getBytes(StandardCharsets.US_ASCII))),
                    "the parallel reader read the file with a tail of " + tail);
        }
        StringBuilder tooLong = new StringBuilder("x\n");
        while (tooLong.length() < ParallelCsvReader.CHUNK_BYTES - 40) {
            tooLong.append("1\n");
        }
        tooLong.append("2").append(" ".repeat(CsvSamples.MAX_LINE_CHARS)).append("\n3\n");
        Path file = write("long-tail-over.csv", tooLong.toString().getBytes(StandardCharsets.US_ASCII));
        assertNull(ParallelCsvReader.read(file, MemoryBudget.of(Long.MAX_VALUE)), "a line over the limit is the sequential reader's");
        agree(file);
    }

    @Example
    void everyBadInputCorpusFileGivesTheSequentialOutcome() throws IOException, URISyntaxException {
        Path corpus = Path.of(ParallelCsvReaderTest.class.getResource("/bad-input/drift-csv").toURI());
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path file : files.sorted().toList()) {
                agree(file);
            }
        }
    }

    @Example
    void whatOnlyTheSequentialReaderKnowsIsLeftToIt() {
        for (String text : new String[] {"a\n0x1p3\n", "a\n1.5d\n", "a\n1\r2\n", "a\n1\n2\r", "a\n é\n", "a,b\n1,2,3\n", "a,b\n1\n", "a\n1 2\n",
            "a\n-nan\n", "a\n1e\n", "a\n.\n", "a\n\"1\n", "a\n\u0000\n", "a\n", "a\r1\n", "a,a\n1,2\n", "\n1\n"}) {
            Path file = write("declined.csv", text.getBytes(StandardCharsets.UTF_8));
            assertNull(ParallelCsvReader.read(file, MemoryBudget.of(Long.MAX_VALUE)), text);
            agree(file);
        }
    }

    @Property(tries = 300)
    void mutatedFilesAreReadAlikeOrLeftToTheSequentialReader(@ForAll("mutated") byte[] content) {
        agree(write("mutated.csv", content));
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        byte[] seed = variedFile(7, 60, false);
        List<String> tokens = List.of(",", "\n", "\r", "\r\n", "\"", " ", "\t", "NaN", "inf", "e", "E-", ".", "-", "+", "0x1p3", "1d", "é",
                "\u0000", "9".repeat(25), "1e400", "4.9e-325", "");
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(0).ofMaxSize(12).map(numbers -> {
            List<Byte> bytes = new ArrayList<>();
            for (byte b : seed) {
                bytes.add(b);
            }
            for (int k = 0; k + 2 < numbers.size(); k += 3) {
                int at = numbers.get(k) % (bytes.size() + 1);
                int remove = Math.min(numbers.get(k + 1) % 3, bytes.size() - at);
                for (int r = 0; r < remove; r++) {
                    bytes.remove(at);
                }
                byte[] insert = tokens.get(numbers.get(k + 2) % tokens.size()).getBytes(StandardCharsets.UTF_8);
                for (int r = insert.length - 1; r >= 0; r--) {
                    bytes.add(at, insert[r]);
                }
            }
            byte[] result = new byte[bytes.size()];
            for (int i = 0; i < result.length; i++) {
                result[i] = bytes.get(i);
            }
            return result;
        });
    }

    @Example
    void valuesThatWouldNotFitInMemoryAreRefusedWithOneSentenceNamingTheFile() {
        Path file = write("big.csv", variedFile(11, 20_000, false));
        String expected = file + " needs room for 100000 values (0.8 MB), more than the 0.1 MB of memory left to this run; "
                + "give Java more memory (for example JAVA_TOOL_OPTIONS=-Xmx4g) or compare fewer rows";
        DriftException parallel = assertThrows(DriftException.class, () -> CsvSamples.read(file, MemoryBudget.of(100_000)));
        assertEquals("E_DRIFT_CSV", parallel.code());
        assertEquals(expected, parallel.getMessage());
        DriftException sequential = assertThrows(DriftException.class, () -> CsvSamples.readSequentially(file, MemoryBudget.of(100_000)));
        assertTrue(sequential.getMessage().startsWith(file + " needs room for "), sequential.getMessage());
        assertTrue(sequential.getMessage().endsWith("give Java more memory (for example JAVA_TOOL_OPTIONS=-Xmx4g) or compare fewer rows"));
        assertNotNull(CsvSamples.read(file, MemoryBudget.of(1_000_000)));
    }
}
