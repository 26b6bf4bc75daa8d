package com.modelsteward.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.csv.CsvWriter;
import com.modelsteward.drift.CsvSamples;
import com.modelsteward.governance.InputFiles;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.scorecards.ScorecardImport;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file under src/test/resources/bad-input/ goes through the importer its folder names, and must give exactly the
 * error listed in bad-input/expected.txt ({@code path | CODE | message}, {@code {file}} standing for the file's path), or
 * be accepted where the line says {@code OK}. Files too big to keep in git (10 MB strings, a million rows) are made in the
 * test's temp folder. No exception other than the documented refusal may escape.
 */
class BadInputCorpusTest {

    @TempDir
    Path dir;

    private static final Map<String, Consumer<Path>> IMPORTERS = Map.of(
            "model", file -> InputFiles.readModel(file),
            "scorecards", file -> InputFiles.readScorecards(file, "2026-11-01T12:00:00.000Z"),
            "policy", file -> PolicyLoader.load(file, Map.of()),
            "csv", BadInputCorpusTest::importCsv,
            "drift-csv", file -> CsvSamples.read(file));

    /** Scorecard CSV through the whole import, into a fresh registry that knows model m-1: refused files write nothing. */
    private static void importCsv(Path file) {
        try {
            Path folder = Files.createTempDirectory("corpus-csv");
            try (Registry registry = Registry.create(folder.resolve("corpus.db"))) {
                registry.writeHandle(h -> h.execute("INSERT INTO model_registry (model_id, model_name, model_type, version) VALUES ('m-1', 'm', 'signal_model', '1')"));
                try {
                    ScorecardImport.importCsv(registry, file, Clock.systemUTC(), "corpus", (rows, bytes, total) -> { });
                } catch (RegistryException refused) {
                    long written = registry.readHandle(h -> h.createQuery("SELECT count(*) FROM scorecards").mapTo(Long.class).one());
                    assertEquals(0, written, file + " was refused but wrote rows");
                    throw refused;
                }
            } finally {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path leftover : files.toList()) {
                        Files.delete(leftover);
                    }
                }
                Files.delete(folder);
            }
        } catch (IOException failed) {
            throw new java.io.UncheckedIOException(failed);
        }
    }

    static Path corpus() {
        try {
            return Path.of(BadInputCorpusTest.class.getResource("/bad-input").toURI());
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** What the importer said about {@code file}: "OK", or "CODE | message" with the path replaced by {file}. */
    static String outcome(String importer, Path file) {
        try {
            IMPORTERS.get(importer).accept(file);
            return "OK";
        } catch (RegistryException refused) {
            return refused.code() + " | " + refused.getMessage().replace(file.toString(), "{file}").replace("\n", "\\n");
        }
    }

    private static Map<String, String> expected() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(corpus().resolve("expected.txt"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf(" | ");
            expected.put(line.substring(0, bar), line.substring(bar + 3));
        }
        return expected;
    }

    @Test
    void everyCorpusFileGivesItsExactClearError() throws IOException {
        Map<String, String> expected = expected();
        List<String> mismatches = new ArrayList<>();
        int tried = 0;
        try (Stream<Path> files = Files.walk(corpus())) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = corpus().relativize(file).toString();
                String importer = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : "";
                if (!IMPORTERS.containsKey(importer)) {
                    continue;
                }
                tried++;
                String actual = outcome(importer, file);
                if (!actual.equals(expected.get(relative))) {
                    mismatches.add(relative + " | " + actual);
                }
            }
        }
        assertEquals("", String.join("\n", mismatches), "files whose outcome differs from bad-input/expected.txt");
        assertTrue(tried >= 45, "corpus files tried: " + tried);
    }

    @Test
    void tenMegabyteStringsAreRefusedByTheReadLimits() throws IOException {
        String huge = "x".repeat(10 * 1024 * 1024);
        Path model = dir.resolve("long-string.json");
        Files.writeString(model, "{\"model_name\": \"" + huge.substring(0, 2 * 1024 * 1024) + "\", \"version\": \"1\"}");
        assertEquals("E_INVALID_INPUT | {file}: a text value is longer than 1000000 characters",
                outcome("model", model));
        Path policy = dir.resolve("huge-string.json");
        Files.writeString(policy, "{\"name\": \"" + huge + "\"}");
        assertEquals("E_POLICY_INVALID | {file} is 10485772 bytes, over the limit of 1048576 bytes for a policy file",
                outcome("policy", policy));
    }

    /** The model file of the issue: millions of configuration keys, refused by its size before a byte is parsed. */
    @Test
    void aModelFileOverFourMegabytesIsRefusedBeforeItIsRead() throws IOException {
        Path model = dir.resolve("many-keys.json");
        try (var out = Files.newBufferedWriter(model)) {
            out.write("{\"model_name\": \"m\", \"version\": \"1\", \"training_config\": {");
            for (int i = 0; i < 500_000; i++) {
                out.write((i == 0 ? "" : ",") + "\"k" + i + "\":" + i);
            }
            out.write("}}");
        }
        assertEquals("E_INVALID_INPUT | {file} is larger than 4 MB, the most a model file may hold; nothing was read", outcome("model", model));
    }

    @Test
    void aTrainingConfigOfMoreThanTenThousandKeysIsRefused() throws IOException {
        StringBuilder config = new StringBuilder("{\"layers\": [");
        for (int i = 0; i < 10_000; i++) {
            config.append(i == 0 ? "" : ",").append(i);
        }
        config.append("]}");
        Path model = dir.resolve("wide-config.json");
        Files.writeString(model, "{\"model_name\": \"m\", \"version\": \"1\",\n\"training_config\": " + config + "}");
        assertEquals("E_INVALID_INPUT | {file} line 2: field \"training_config\" holds more than 10000 keys and list elements "
                + "(at training_config.layers[9999])", outcome("model", model));
    }

    @Test
    void aNameOfNineHundredThousandCharactersIsRefusedByItsLength() throws IOException {
        Path model = dir.resolve("long-name.json");
        Files.writeString(model, "{\"model_name\": \"" + "m".repeat(999_999) + "\", \"version\": \"1\"}");
        assertEquals("E_INVALID_INPUT | {file} line 1: field \"model_name\" is 999999 characters long; at most 200 are allowed",
                outcome("model", model));
    }

    /** A sparse file: its size says more than the cap, so it is refused without reading (or writing) a gigabyte. */
    @Test
    void aScorecardsFileOverOneGigabyteIsRefusedBeforeItIsRead() throws IOException {
        Path scorecards = dir.resolve("huge-scorecards.json");
        try (var file = new java.io.RandomAccessFile(scorecards.toFile(), "rw")) {
            file.setLength(1024L * 1024 * 1024 + 1);
        }
        assertEquals("E_INVALID_INPUT | {file} is larger than 1 GB, the most a scorecards file may hold; nothing was read",
                outcome("scorecards", scorecards));
    }

    /** A drift cell that is almost a number is refused in one pass: the number check once backtracked for hours here. */
    @Test
    void aMillionDigitsAndALetterAreRefusedAsNotANumber() throws IOException {
        String digits = "7".repeat(1_000_000);
        Path samples = dir.resolve("long-cell.csv");
        Files.writeString(samples, "f\n1\n" + digits + "x\n");
        assertTrue(outcome("drift-csv", samples).startsWith("E_DRIFT_CSV | {file}, line 3, column 1 (f): \"777"), outcome("drift-csv", samples));
    }

    @Test
    void aMillionScorecardRowsAreReadAsAStream() throws IOException {
        Path file = dir.resolve("many-rows.json");
        try (var out = Files.newBufferedWriter(file)) {
            out.write("{\"model_id\": \"m-1\", \"scorecards\": [\n");
            for (int i = 0; i < 1_000_000; i++) {
                out.write((i == 0 ? "" : ",\n") + "{\"pack_id\": \"p\", \"metric\": \"m" + (i % 50) + "\", \"value\": " + i + "}");
            }
            out.write("\n]}\n");
        }
        assertEquals(1_000_000, InputFiles.readScorecards(file, "2026-11-01T12:00:00.000Z").size());
    }

    @Test
    void formulaCellsAreNeutralisedWhenExported() throws IOException {
        List<String> cells = Files.readAllLines(corpus().resolve("csv/formula-injection.csv"), StandardCharsets.UTF_8).stream().skip(1)
                .map(line -> line.startsWith("\"") ? line.substring(1, line.indexOf("\",")) : line.substring(0, line.indexOf(',')))
                .toList();
        assertFalse(cells.isEmpty());
        for (String cell : cells) {
            String written = CsvWriter.cell(cell);
            String unquoted = written.startsWith("\"") ? written.substring(1) : written;
            assertFalse(unquoted.matches("(?s)^[=+\\-@\\t\\r].*"), cell + " was exported as " + written);
        }
    }
}
