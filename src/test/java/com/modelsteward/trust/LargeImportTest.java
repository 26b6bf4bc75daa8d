package com.modelsteward.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.TempFolders;
import com.modelsteward.testsupport.TestRegistries;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A scorecard CSV far larger than the heap is imported by the command line in a JVM with {@code -Xmx64m}: it must
 * succeed (memory does not grow with the file), write every row, and add one audit entry. The same file interrupted with
 * SIGINT (Ctrl-C) part-way must leave the registry exactly as it was. The size is {@code trust.import.megabytes}
 * (default 100; {@code -Pstress} runs 1 024). Figures go to {@code target/trust/import-figures.json}.
 */
@Tag("load")
class LargeImportTest {

    private static final long MEGABYTES = Long.getLong("trust.import.megabytes", 100);
    private static final String HEAP = "-Xmx64m";
    private static Path dir;
    private static Path csv;
    private static long rows;
    private static final Map<String, Object> FIGURES = new LinkedHashMap<>();

    @BeforeAll
    static void generate() throws IOException {
        dir = Files.createTempDirectory("large-import");
        csv = dir.resolve("large.csv");
        List<String> models = List.of("momentum_xgb-3.1.0", "crypto_basis_gbm-2.0.0", "momentum_xgb-3.2.0");
        long limit = MEGABYTES * 1_000_000;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("model_id,pack_id,metric,value,generated_at\n");
            long written = 0;
            while (written < limit) {
                String line = models.get((int) (rows % models.size())) + ",bench_large_v1,metric_" + rows + "," + (rows % 1000) / 997.0
                        + ",2026-10-" + (10 + rows % 20) + "T08:00:00Z\n";
                out.write(line);
                written += line.length();
                rows++;
            }
        }
        FIGURES.put("file_bytes", Files.size(csv));
        FIGURES.put("rows", rows);
        FIGURES.put("heap", HEAP);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        Path out = Path.of("target", "trust");
        Files.createDirectories(out);
        Files.writeString(out.resolve("import-figures.json"), CanonicalJson.write(FIGURES) + "\n");
        TempFolders.delete(dir);
    }

    private static Process start(Path db, Path figures, Path err) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dsteward.home=" + dir.resolve("home"), HEAP, "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + dir,
                ImportWorker.class.getName(), figures.toString(),
                "scorecards", "import", "--db", db.toString(), "--as", "alice.nguyen", "--file", csv.toString()));
        return new ProcessBuilder(command).redirectOutput(dir.resolve("out-" + figures.getFileName()).toFile()).redirectError(err.toFile()).start();
    }

    private static Map<String, String> figures(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        return values;
    }

    /** Scorecard count, highest id and column totals, and the audit head (seq and hash): what any import would change. */
    private static List<Object> state(Path db) {
        try (Registry registry = Registry.open(db)) {
            return registry.readHandle(h -> List.of(
                    h.createQuery("SELECT count(*) FROM scorecards").mapTo(Long.class).one(),
                    h.createQuery("SELECT coalesce(max(scorecard_id), 0) || ':' || total(value) || ':' || total(length(metric)) FROM scorecards")
                            .mapTo(String.class).one(),
                    h.createQuery("SELECT seq || ':' || hash FROM audit_log ORDER BY seq DESC LIMIT 1").mapTo(String.class).one()));
        }
    }

    @Test
    void aFileMuchLargerThanTheHeapIsImportedInBoundedMemory() throws Exception {
        Path db;
        try (Registry registry = TestRegistries.demo(Files.createDirectories(dir.resolve("ok")))) {
            db = registry.file();
        }
        long before = (Long) state(db).get(0);
        Path figures = dir.resolve("ok.figures");
        Path err = dir.resolve("ok.err");
        Process cli = start(db, figures, err);
        assertTrue(cli.waitFor(15, TimeUnit.MINUTES), "the import did not finish");
        String stderr = Files.readString(err);
        assertEquals(0, cli.exitValue(), stderr);
        Map<String, String> used = figures(figures);
        assertTrue(stderr.contains("read 50 %"), "progress lines on stderr: " + stderr);
        assertTrue(stderr.contains("writing into the registry"), stderr);
        try (Registry registry = Registry.open(db)) {
            assertEquals(before + rows, (Long) state(db).get(0));
            assertTrue(AuditTrail.verify(registry).ok());
            String payload = registry.readHandle(h -> h.createQuery("SELECT payload_json FROM audit_log ORDER BY seq DESC LIMIT 1").mapTo(String.class).one());
            assertTrue(payload.contains("\"rows\":" + rows), payload);
            assertTrue(payload.contains("\"models\":3"), payload);
        }
        long peakHeap = Long.parseLong(used.get("peak_heap_bytes"));
        long maxHeap = Long.parseLong(used.get("max_heap_bytes"));
        // The import succeeded in a heap smaller than the file: nothing can have held the file or its rows.
        assertTrue(Files.size(csv) > maxHeap, "the file (" + Files.size(csv) + " bytes) must be larger than the heap (" + maxHeap + ")");
        FIGURES.put("import_seconds", Double.parseDouble(used.get("seconds")));
        FIGURES.put("rows_per_second", Math.round(rows / Double.parseDouble(used.get("seconds"))));
        FIGURES.put("peak_heap_bytes", peakHeap);
        FIGURES.put("live_heap_after_gc_bytes", Long.parseLong(used.get("live_heap_after_gc_bytes")));
        FIGURES.put("max_heap_bytes", maxHeap);
        FIGURES.put("peak_rss_kb", Long.parseLong(used.get("peak_rss_kb")));
    }

    @Test
    void ctrlCPartWayLeavesTheRegistryUnchanged() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("cancel"));
        Path db;
        try (Registry registry = TestRegistries.demo(folder)) {
            db = registry.file();
        }
        List<Object> before = state(db);
        Path err = dir.resolve("cancel.err");
        Process cli = start(db, dir.resolve("cancel.figures"), err);
        // Interrupt once the reader is well into the file: a progress line past 5 % is on stderr.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!Files.readString(err).contains("read 10 %") && cli.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(cli.isAlive(), "the import ended before it could be interrupted: " + Files.readString(err));
        long interrupted = System.nanoTime();
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(cli.pid())).start().waitFor());
        assertTrue(cli.waitFor(2, TimeUnit.MINUTES), "Ctrl-C did not stop the import");
        double secondsToStop = (System.nanoTime() - interrupted) / 1e9;
        String stderr = Files.readString(err);
        assertNotEquals(0, cli.exitValue(), stderr);
        assertTrue(stderr.contains("E_IMPORT_CANCELLED: the import of large.csv was cancelled; nothing was imported"), stderr);
        assertEquals(before, state(db), "the registry changed after a cancelled import");
        try (var staged = Files.list(dir)) {
            assertEquals(List.of(), staged.filter(f -> f.getFileName().toString().startsWith("model-steward-import-")).toList(),
                    "the staging file is deleted");
        }
        FIGURES.put("cancel_exit_code", cli.exitValue());
        FIGURES.put("seconds_from_ctrl_c_to_exit", Math.round(secondsToStop * 100) / 100.0);
    }
}
