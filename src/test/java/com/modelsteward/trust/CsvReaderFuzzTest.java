package com.modelsteward.trust;

import com.modelsteward.drift.CsvSamples;
import com.modelsteward.drift.DriftException;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.scorecards.ScorecardImport;
import com.modelsteward.testsupport.TempFolders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes both CSV readers with jqwik, seeded from bad-input/csv/ and a valid file of each kind, mutated with what breaks
 * CSV readers: quotes, ragged rows, BOMs, invalid UTF-8, NaN/Infinity/1e309, hex and suffixed numbers, formula cells,
 * CR/LF mixes, NUL bytes, over-long fields and over-long records.
 *
 * <ul>
 *   <li>Scorecard CSV, through the real import into a real registry: the only refusal allowed out is E_IMPORT_INVALID
 *       naming the file and a line ({@code fuzz.csv:N}); a refused file changes nothing (scorecard count and audit head
 *       as before); an accepted one adds exactly the rows it reports and one audit entry — never half a file.</li>
 *   <li>Drift samples CSV ({@link CsvSamples}): the only refusal allowed out is E_DRIFT_CSV naming the file and a line.</li>
 * </ul>
 * Tries are bounded (a few seconds per property); a failure prints jqwik's seed to replay it.
 */
@Tag("fuzz")
class CsvReaderFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC);
    private static Path dir;
    private static Registry registry;
    private static List<byte[]> scorecardSeeds;

    /**
     * Every row has its time ({@link #SEED_TIME}), which each try replaces with a time of its own, so the same rows may be
     * imported again and mutants are often accepted. No field may hold a line break (registry.Names), so the quoted
     * fields here hold quotes and commas; mutations add the line breaks.
     */
    private static final String VALID_SCORECARDS = """
            model_id,pack_id,metric,value,generated_at
            m-1,bench_core_v1,sharpe,1.5,2026-11-01T12:00:00Z
            "alpha-1","pack \"\"quoted\"\"",max_drawdown,-0.25,2026-11-01T12:00:00Z
            m-1,bench_core_v1,"sortino",3e-2,2026-11-01T12:00:00Z
            m-1,pack_01_bull,sharpe,0.75,2026-11-01T12:00:00Z
            m-1,pack_01_bull,win_rate,.5,2026-11-01T12:00:00Z
            alpha-1,pack_02_bear,sharpe,-1.25E+1,2026-11-01T12:00:00Z
            alpha-1,pack_02_bear,"metric, with comma",0,2026-11-01T12:00:00Z
            alpha-1,pack_03_flat,sharpe,+2,2026-11-01T12:00:00Z
            """;
    private static final String SEED_TIME = "2026-11-01T12:00:00Z";
    private static final java.util.concurrent.atomic.AtomicLong TRIES = new java.util.concurrent.atomic.AtomicLong();
    private static final String VALID_SAMPLES = """
            feature_a,"feature_b",c
            1,2.5,-3
            ,NaN,inf
            4e2,-0.5,
            """;
    private static final List<String> TOKENS = List.of("\"", "\"\"", ",", "\r", "\n", "\r\n", "\n\r", "\uFEFF", "NaN", "Infinity", "-Infinity",
            "inf", "1e309", "-1e309", "4.9e-325", "0x1p3", "1d", "1f", "=cmd|' /C calc'!A0", "+SUM(1+1)", "@HYPERLINK(\"x\")", "-2+3", "\u0000",
            "9".repeat(150), "2026-13-45T99:99:99Z", "+999999999-12-31T23:59:59Z", "m-1", "alpha-1", " ", "\t", "\uFFFD", "é", "𝔘");
    private static final List<byte[]> BYTES = List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, new byte[] {(byte) 0xF0, (byte) 0x9F});

    @BeforeContainer
    static void registry() throws IOException {
        dir = Files.createTempDirectory("csv-fuzz");
        registry = Registry.create(dir.resolve("fuzz.db"));
        // The importer holds an enrolled key, so every accepted import is one signed audit entry.
        com.modelsteward.trust.Enrolment.initialAdmin(registry, CLOCK, "fuzz", com.modelsteward.trust.Keys.directory());
        registry.writeHandle(h -> {
            for (String model : List.of("m-1", "alpha-1")) {
                h.execute("INSERT INTO model_registry (model_id, model_name, model_type, version) VALUES (?, ?, 'signal_model', '1')",
                        model, model.substring(0, model.indexOf('-')));
            }
            return null;
        });
        scorecardSeeds = new ArrayList<>();
        scorecardSeeds.add(VALID_SCORECARDS.getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> corpus = Files.list(BadInputCorpusTest.corpus().resolve("csv"))) {
            for (Path file : corpus.sorted().toList()) {
                scorecardSeeds.add(Files.readAllBytes(file));
            }
        }
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        registry.close();
        TempFolders.delete(dir);
    }

    @Property(tries = 250)
    void scorecardCsvIsImportedWholeOrRefusedClearly(@ForAll("mutatedScorecards") byte[] content) {
        String fresh = Instant.parse(SEED_TIME).plusSeconds(TRIES.incrementAndGet()).toString();
        Path file = write("fuzz.csv", new String(content, StandardCharsets.ISO_8859_1).replace(SEED_TIME, fresh)
                .getBytes(StandardCharsets.ISO_8859_1));
        List<Object> before = state();
        try {
            ScorecardImport.Result result = ScorecardImport.importCsv(registry, file, CLOCK, "fuzz", (rows, bytes, total) -> { });
            List<Object> after = state();
            if ((Long) after.get(0) != (Long) before.get(0) + result.rows() || (Long) after.get(1) != (Long) before.get(1) + 1) {
                throw new AssertionError("an accepted file of " + result.rows() + " rows changed the registry from " + before + " to " + after);
            }
            Statistics.collect("imported whole");
        } catch (RegistryException refused) {
            // A mutant that repeats an imported file byte for byte is refused by its SHA-256 (docs/schema.md, V008).
            boolean again = refused.code().equals("E_ALREADY_IMPORTED") && refused.getMessage().matches("fuzz\\.csv: this file .* nothing was imported again");
            if (!again && (!refused.code().equals("E_IMPORT_INVALID") || !refused.getMessage().matches("(?s).*fuzz\\.csv:\\d+.*"))) {
                throw new AssertionError("undocumented refusal " + refused.code() + ": " + refused.getMessage(), refused);
            }
            if (!state().equals(before)) {
                throw new AssertionError("a refused file changed the registry: " + before + " -> " + state() + " (" + refused.getMessage() + ")");
            }
            Statistics.collect("refused, nothing written");
        }
    }

    @Property(tries = 250)
    void driftSamplesCsvIsReadOrRefusedClearly(@ForAll("mutatedSamples") byte[] content) {
        Path file = write("samples.csv", content);
        try {
            CsvSamples.read(file);
            Statistics.collect("read");
        } catch (DriftException refused) {
            Statistics.collect("refused");
            if (!refused.code().equals("E_DRIFT_CSV") || !refused.getMessage().startsWith(file + ", line ")) {
                throw new AssertionError("undocumented refusal " + refused.code() + ": " + refused.getMessage(), refused);
            }
        }
    }

    /** Scorecard count and audit length: what an import changes. */
    private static List<Object> state() {
        return registry.readHandle(h -> List.of(h.createQuery("SELECT count(*) FROM scorecards").mapTo(Long.class).one(),
                h.createQuery("SELECT count(*) FROM audit_log").mapTo(Long.class).one(),
                h.createQuery("SELECT coalesce(max(hash), '') FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)").mapTo(String.class).one()));
    }

    private static Path write(String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedScorecards() {
        // The valid file more often: most mutants of the corpus files are refused for the seed's own fault.
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, mutated(scorecardSeeds.getFirst())),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(scorecardSeeds).flatMap(CsvReaderFuzzTest::mutated)));
    }

    @Provide
    Arbitrary<byte[]> mutatedSamples() {
        return mutated(VALID_SAMPLES.getBytes(StandardCharsets.UTF_8));
    }

    /** The seed with up to six mutations (none: the seed itself); now and then a field or a record over the readers' length limits. */
    private static Arbitrary<byte[]> mutated(byte[] seed) {
        Arbitrary<byte[]> edits = Arbitraries.integers().between(0, 6).flatMap(count ->
                Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofSize(count * 3).map(numbers -> {
                    byte[] bytes = seed;
                    for (int i = 0; i < count; i++) {
                        bytes = mutate(bytes, numbers.get(3 * i), numbers.get(3 * i + 1), numbers.get(3 * i + 2));
                    }
                    return bytes;
                }));
        Arbitrary<byte[]> huge = Arbitraries.integers().between(0, Integer.MAX_VALUE).map(position -> {
            int at = position % (seed.length + 1);
            byte[] filler = new byte[position % 2 == 0 ? 1_000_001 : 1_001];
            Arrays.fill(filler, (byte) (position % 3 == 0 ? '7' : 'x'));
            return splice(seed, at, at, filler);
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(19, edits), net.jqwik.api.Tuple.of(1, huge));
    }

    /** Four edits in five land after the header line: a broken header ends the read at once and tests little else. */
    private static byte[] mutate(byte[] bytes, int kind, int position, int value) {
        int body = position % 5 == 0 ? 0 : headerEnd(bytes);
        int at = body + position % (bytes.length - body + 1);
        return switch (kind % 6) {
            case 0 -> splice(bytes, at, at, TOKENS.get(value % TOKENS.size()).getBytes(StandardCharsets.UTF_8));
            case 1 -> splice(bytes, at, at, BYTES.get(value % BYTES.size()));
            case 2 -> Arrays.copyOf(bytes, at);
            case 3 -> splice(bytes, at, Math.min(bytes.length, at + 1 + value % 30), new byte[0]);
            case 4 -> splice(bytes, at, at, Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 1 + value % 60)));
            default -> {
                byte[] copy = bytes.clone();
                if (copy.length > 0) {
                    copy[Math.min(at, copy.length - 1)] = (byte) value;
                }
                yield copy;
            }
        };
    }

    private static int headerEnd(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + insert.length);
        out.write(bytes, 0, from);
        out.write(insert, 0, insert.length);
        out.write(bytes, to, bytes.length - to);
        return out.toByteArray();
    }
}
