package com.modelsteward.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        return registry.read(h -> h.createQuery("SELECT count(*) FROM scorecards").mapTo(Long.class).one());
    }

    @Test
    void aValidFileIsImportedWithOneAuditEntry() throws Exception {
        try (Registry registry = TestRegistries.empty(dir)) {
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
            assertEquals("scorecards.imported", registry.read(h -> h.createQuery("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1")
                    .mapTo(String.class).one()));
            RegistryException again = assertThrows(RegistryException.class,
                    () -> ScorecardImport.importCsv(registry, file, LineageFixtures.CLOCK, "cli.tester", NO_PROGRESS));
            assertTrue(again.getMessage().startsWith("cards.csv:2: duplicate: the registry already holds"), again.getMessage());
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
    void quotedFieldsMayHoldCommasAndGeneratedAtIsOptional() throws Exception {
        Path file = csv("value,metric,pack_id,model_id\r\n1.5,\"odd,metric\",bench_core_v1,alpha-1\r\n");
        List<ScorecardCsvReader.Row> rows = read(file);
        assertEquals(List.of(new ScorecardCsvReader.Row(2, "alpha-1", "bench_core_v1", "odd,metric", 1.5, null)), rows);
    }
}
