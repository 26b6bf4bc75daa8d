package com.modelsteward.scorecards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.lineage.LineageFixtures;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.trust.Enrolment;
import com.modelsteward.trust.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScorecardImportTest {

    private static final ScorecardImport.Listener NO_PROGRESS = (rows, bytes, total) -> { };

    @TempDir
    Path dir;

    /** Reads a file with no registry behind it: every model is known, rows are kept in a list. */
    private static List<ScorecardCsvReader.Row> read(Path file) throws Exception {
        List<ScorecardCsvReader.Row> rows = new java.util.ArrayList<>();
        ImportProblems problems = new ImportProblems();
        try (var reader = Files.newBufferedReader(file)) {
            ScorecardCsvReader.read(file.getFileName().toString(), reader, id -> true, rows::add, problems);
        }
        problems.throwIfAny("E_IMPORT_INVALID", file.getFileName().toString());
        return rows;
    }

    private Path csv(String text) throws Exception {
        return Files.writeString(dir.resolve("cards.csv"), text);
    }

    private long scorecardCount(Registry registry) {
        return registry.readHandle(h -> h.createQuery("SELECT count(*) FROM scorecards").mapTo(Long.class).one());
    }

    @Test
    void aValidFileIsImportedWithOneAuditEntry() throws Exception {
        try (Registry registry = TestRegistries.empty(dir)) {
            // The import enters the signed history because cli.tester holds an enrolled key (an ADMIN here).
            Enrolment.initialAdmin(registry, LineageFixtures.CLOCK, "cli.tester", Keys.directory());
            LineageFixtures.insertCandidate(registry, "alpha-1", "pipeline");
            long before = scorecardCount(registry);
            Path file = csv("""
                    model_id,pack_id,metric,value,generated_at
                    alpha-1,pack_04_bear,sharpe,0.91,2026-11-02T10:00:00Z
                    alpha-1,"pack_04_bear",max_drawdown,0.12,2026-11-02T10:00:00.000Z
                    """);
            ScorecardImport.Result result = ScorecardImport.importCsv(registry, file, LineageFixtures.CLOCK, "cli.tester", NO_PROGRESS);
            assertEquals(2, result.rows());
            assertEquals(before + 2, scorecardCount(registry));
            assertTrue(AuditTrail.verify(registry).ok());
            assertEquals("scorecards.imported", registry.readHandle(h -> h.createQuery("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1")
                    .mapTo(String.class).one()));
            RegistryException again = assertThrows(RegistryException.class,
                    () -> ScorecardImport.importCsv(registry, file, LineageFixtures.CLOCK, "cli.tester", NO_PROGRESS));
            assertEquals("E_ALREADY_IMPORTED", again.code());
            assertEquals("cards.csv: this file (SHA-256 " + result.fileSha256().substring(0, 12) + "…) was already imported as cards.csv by"
                    + " cli.tester at 2026-11-01T12:00:00.000Z (2 rows); nothing was imported again", again.getMessage());
            assertEquals(before + 2, scorecardCount(registry), "a refused import writes nothing");
        }
    }

    @Test
    void everyProblemIsNamedWithFileLineAndColumnAndNothingIsWritten() throws Exception {
        try (Registry registry = TestRegistries.empty(dir)) {
            LineageFixtures.insertCandidate(registry, "alpha-1", "pipeline");
            long before = scorecardCount(registry);
            Path file = csv("""
                    model_id,pack_id,metric,value,generated_at
                    ghost-9,bench_core_v1,sharpe,1.0,2026-11-02T10:00:00Z
                    alpha-1,bench_core_v1,sharpe,abc,2026-11-02T10:00:00Z
                    alpha-1,bench_core_v1,win_rate,0.5,2026-11-02T10:00:00Z
                    alpha-1,bench_core_v1,win_rate,0.6,2026-11-02T10:00:00Z
                    alpha-1,bench_core_v1,sortino,NaN,yesterday
                    """);
            RegistryException refused = assertThrows(RegistryException.class,
                    () -> ScorecardImport.importCsv(registry, file, LineageFixtures.CLOCK, "cli.tester", NO_PROGRESS));
            assertEquals("E_IMPORT_INVALID", refused.code());
            List<String> lines = refused.getMessage().lines().map(String::strip).toList();
            assertEquals("5 problem(s) in cards.csv; nothing was imported:", lines.get(0));
            assertEquals("cards.csv:2:1: unknown model \"ghost-9\" (no such model_id in the registry)", lines.get(1));
            assertEquals("cards.csv:3:4: value \"abc\" is not a number", lines.get(2));
            assertEquals("cards.csv:5: duplicate of line 4 (same model_id, pack_id, metric and generated_at)", lines.get(3));
            assertEquals("cards.csv:6:4: value \"NaN\" is not a finite number", lines.get(4));
            assertTrue(lines.get(5).startsWith("cards.csv:6:5: generated_at \"yesterday\" is not an ISO-8601 time"), lines.get(5));
            assertEquals(before, scorecardCount(registry));
        }
    }

    @Test
    void aWrongHeaderIsRefusedBeforeAnyRow() throws Exception {
        Path file = csv("model,pack,metric,value\nalpha-1,b,sharpe,1\n");
        RegistryException refused = assertThrows(RegistryException.class, () -> read(file));
        assertTrue(refused.getMessage().startsWith("cards.csv:1: the header lacks model_id, pack_id"), refused.getMessage());
    }

    @Test
    void quotedFieldsMayHoldCommasInAnyColumnOrder() throws Exception {
        Path file = csv("value,metric,generated_at,pack_id,model_id\r\n1.5,\"odd,metric\",2026-11-02T10:00:00Z,bench_core_v1,alpha-1\r\n");
        List<ScorecardCsvReader.Row> rows = read(file);
        assertEquals(List.of(new ScorecardCsvReader.Row(2, "alpha-1", "bench_core_v1", "odd,metric", 1.5, "2026-11-02T10:00:00.000Z")), rows);
    }

    /** A row without its time once got the import time, so a re-run of the same results looked like new results. */
    @Test
    void aRowWithoutItsTimeIsRefusedWithItsLine() throws Exception {
        Path file = csv("model_id,pack_id,metric,value,generated_at\nalpha-1,b,sharpe,1,2026-11-02T10:00:00Z\nalpha-1,b,sortino,2,\n");
        RegistryException refused = assertThrows(RegistryException.class, () -> read(file));
        assertEquals("cards.csv:3:5: generated_at is empty; nothing was imported", refused.getMessage());
        Path noColumn = csv("model_id,pack_id,metric,value\nalpha-1,b,sharpe,1\n");
        assertEquals("cards.csv:1: the header lacks generated_at; expected model_id,pack_id,metric,value,generated_at; nothing was imported",
                assertThrows(RegistryException.class, () -> read(noColumn)).getMessage());
    }
    // ---------------------------------------------------------------------------------------------------------------
    // Large files: streamed through staging, all or nothing, cancellable
    // ---------------------------------------------------------------------------------------------------------------

    /** {@code rows} valid rows for alpha-1 and beta-1, each with its own metric, then {@code last} (may be empty). */
    private Path large(int rows, String last) throws Exception {
        Path file = dir.resolve("large.csv");
        try (var out = Files.newBufferedWriter(file)) {
            out.write("model_id,pack_id,metric,value,generated_at\n");
            for (int i = 0; i < rows; i++) {
                out.write((i % 2 == 0 ? "alpha-1" : "beta-1") + ",bench_core_v1,metric_" + i + "," + i / 7.0 + ",2026-11-02T10:00:00Z\n");
            }
            out.write(last);
        }
        return file;
    }

    /** What an import changes: scorecard count, highest id, and the audit head (seq and hash). */
    private static List<Object> state(Registry registry) {
        return registry.readHandle(h -> List.of(h.createQuery("SELECT count(*) FROM scorecards").mapTo(Long.class).one(),
                h.createQuery("SELECT coalesce(max(scorecard_id), 0) FROM scorecards").mapTo(Long.class).one(),
                h.createQuery("SELECT seq || ':' || hash FROM audit_log ORDER BY seq DESC LIMIT 1").mapTo(String.class).findOne().orElse("")));
    }

    private Registry twoModels() {
        Registry registry = TestRegistries.empty(dir);
        LineageFixtures.insertCandidate(registry, "alpha-1", "pipeline");
        LineageFixtures.insertCandidate(registry, "beta-1", "pipeline");
        return registry;
    }

    @Test
    void aCancelWhileReadingLeavesTheRegistryUnchanged() throws Exception {
        try (Registry registry = twoModels()) {
            Path file = large(60_000, "");
            List<Object> before = state(registry);
            long[] seen = {0, 0};
            ImportCancelled cancelled = assertThrows(ImportCancelled.class, () -> ScorecardImport.importCsv(registry, file,
                    LineageFixtures.CLOCK, "cli.tester", new ScorecardImport.Listener() {
                        @Override
                        public void reading(long rows, long bytes, long total) {
                            seen[0] = Math.max(seen[0], rows);
                            seen[1] = bytes;
                        }

                        @Override
                        public boolean cancelled() {
                            return seen[1] >= 1_000_000;
                        }
                    }));
            assertEquals("E_IMPORT_CANCELLED", cancelled.code());
            assertEquals("the import of large.csv was cancelled; nothing was imported", cancelled.getMessage());
            assertTrue(seen[0] > 0 && seen[1] < Files.size(file), "cancelled part-way: " + seen[0] + " rows, " + seen[1] + " bytes");
            assertEquals(before, state(registry));
        }
    }

    @Test
    void aCancelDuringTheCopyRollsBack() throws Exception {
        try (Registry registry = twoModels()) {
            Path file = large(20_000, "");
            List<Object> before = state(registry);
            AtomicBoolean copying = new AtomicBoolean();
            assertThrows(ImportCancelled.class, () -> ScorecardImport.importCsv(registry, file, LineageFixtures.CLOCK, "cli.tester",
                    new ScorecardImport.Listener() {
                        @Override
                        public void reading(long rows, long bytes, long total) {
                        }

                        @Override
                        public void copying(long rowsCopied, long rowsTotal) {
                            copying.set(true);
                        }

                        @Override
                        public boolean cancelled() {
                            return copying.get();
                        }
                    }));
            assertTrue(copying.get(), "the cancel came inside the registry transaction");
            assertEquals(before, state(registry));
            assertTrue(AuditTrail.verify(registry).ok());
        }
    }

    @Test
    void aBadLastLineOrADuplicateFarApartWritesNothing() throws Exception {
        try (Registry registry = twoModels()) {
            List<Object> before = state(registry);
            Path badEnd = large(50_000, "alpha-1,bench_core_v1,sharpe,1e309,2026-11-02T10:00:00Z\n");
            RegistryException refused = assertThrows(RegistryException.class,
                    () -> ScorecardImport.importCsv(registry, badEnd, LineageFixtures.CLOCK, "cli.tester", NO_PROGRESS));
            assertEquals("large.csv:50002:4: value \"1e309\" is not a finite number (beyond about 1.8e308 either side of zero); nothing was imported",
                    refused.getMessage());
            assertEquals(before, state(registry));
            // Line 2 repeated at the end: the two are in different staging batches.
            Path repeated = large(3 * ScorecardStaging.BATCH, "alpha-1,bench_core_v1,metric_0,1,2026-11-02T10:00:00Z\n");
            refused = assertThrows(RegistryException.class,
                    () -> ScorecardImport.importCsv(registry, repeated, LineageFixtures.CLOCK, "cli.tester", NO_PROGRESS));
            assertEquals("large.csv:" + (3 * ScorecardStaging.BATCH + 2) + ": duplicate of line 2 (same model_id, pack_id, metric and generated_at)"
                    + "; nothing was imported", refused.getMessage());
            assertEquals(before, state(registry));
        }
    }

    @Test
    void theAuditEntryCarriesCountsAndDigestsNotEveryModelId() throws Exception {
        try (Registry registry = twoModels()) {
            Enrolment.initialAdmin(registry, LineageFixtures.CLOCK, "cli.tester", Keys.directory());
            Path file = large(1_000, "");
            ScorecardImport.Result result = ScorecardImport.importCsv(registry, file, LineageFixtures.CLOCK, "cli.tester", NO_PROGRESS);
            String sha256 = CanonicalJson.sha256Hex(Files.readAllBytes(file));
            assertEquals(new ScorecardImport.Result(1_000, 2, sha256), result);
            String payload = registry.readHandle(h -> h.createQuery("SELECT payload_json FROM audit_log ORDER BY seq DESC LIMIT 1").mapTo(String.class).one());
            assertEquals(CanonicalJson.write(java.util.Map.of("file", "large.csv", "sha256", sha256, "rows", 1_000, "models", 2,
                    "model_ids_first", List.of("alpha-1", "beta-1"), "model_ids_sha256", CanonicalJson.sha256Hex("alpha-1\nbeta-1\n"))), payload);
        }
    }

    @Test
    void jsonFilesGoThroughTheSameStagingWithTheirOwnMessages() throws Exception {
        try (Registry registry = twoModels()) {
            Path json = Files.writeString(dir.resolve("scores.json"), """
                    {"model_id": "alpha-1", "source": "bench", "generated_at": "2026-11-02T10:00:00Z",
                     "scorecards": [{"pack_id": "p", "metric": "sharpe", "value": 1.2},
                                    {"pack_id": "p", "metric": "max_drawdown", "value": null},
                                    {"model_id": "beta-1", "pack_id": "p", "metric": "sharpe", "value": "NaN"}]}
                    """);
            assertEquals(3, ScorecardImport.importJson(registry, json, LineageFixtures.CLOCK, "cli.tester", NO_PROGRESS).rows());
            assertEquals(List.of("bench", "bench", "bench"), registry.readHandle(h -> h.createQuery(
                    "SELECT source FROM scorecards WHERE pack_id = 'p' ORDER BY scorecard_id").mapTo(String.class).list()));
            List<Object> before = state(registry);
            RegistryException again = assertThrows(RegistryException.class,
                    () -> ScorecardImport.importJson(registry, json, LineageFixtures.CLOCK, "cli.tester", NO_PROGRESS));
            assertEquals("E_ALREADY_IMPORTED", again.code());
            assertEquals(json + ": this file (SHA-256 " + CanonicalJson.sha256Hex(Files.readAllBytes(json)).substring(0, 12) + "…) was already imported as "
                    + json.getFileName() + " by cli.tester at 2026-11-01T12:00:00.000Z (3 rows); nothing was imported again", again.getMessage());
            Files.writeString(json, "[{\"model_id\": \"alpha-1\", \"pack_id\": \"q\", \"metric\": \"m\", \"value\": 1},\n"
                    + " {\"model_id\": \"ghost-1\", \"pack_id\": \"q\", \"metric\": \"m\", \"value\": 1}]");
            RegistryException unknown = assertThrows(RegistryException.class,
                    () -> ScorecardImport.importJson(registry, json, LineageFixtures.CLOCK, "cli.tester", NO_PROGRESS));
            assertEquals(json + " line 2: model_id ghost-1 is not a registered version; nothing was imported", unknown.getMessage());
            assertEquals(before, state(registry));
        }
    }

    @Test
    void aFullRegistryDiskIsBlamedOnTheRegistryNotOnTheInputFile() throws Exception {
        try (Registry registry = twoModels()) {
            StringBuilder rows = new StringBuilder("model_id,pack_id,metric,value,generated_at\n");
            for (int i = 0; i < 20_000; i++) {
                rows.append("alpha-1,p").append(i).append(",sharpe,0.5,2026-11-02T10:00:00Z\n");
            }
            Path file = Files.writeString(dir.resolve("big.csv"), rows);
            // SQLite's page limit is a real SQLITE_FULL: the pooled connection this read returns is the next write's.
            registry.readHandle(h -> h.execute("PRAGMA max_page_count = " + h.createQuery("PRAGMA page_count").mapTo(Long.class).one()));
            List<Object> before = state(registry);
            RegistryException full = assertThrows(RegistryException.class,
                    () -> ScorecardImport.importCsv(registry, file, LineageFixtures.CLOCK, "cli.tester", NO_PROGRESS));
            assertEquals("E_REGISTRY_FULL", full.code());
            assertEquals(registry.file() + ": the disk or the database is full; nothing was written", full.getMessage());
            assertEquals(before, state(registry));
        }
    }
}
