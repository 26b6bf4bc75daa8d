package com.modelsteward.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageCheckTest {

    @TempDir
    Path dir;

    private static List<String> missing(LineageCheck check) {
        return check.missing().stream().map(LineageCheck.Item::requirement).toList();
    }

    @Test
    void aCompleteVersionPassesEveryRequirement() {
        try (Registry registry = TestRegistries.empty(dir)) {
            LineageFixtures.insertComplete(registry, "alpha-1", null);
            LineageCheck check = new LineageService(registry, Map.of()).check("alpha-1");
            assertTrue(check.complete(), check.missing().toString());
            assertEquals(5, check.items().size());
        }
    }

    @Test
    void eachMissingPieceIsNamed() {
        try (Registry registry = TestRegistries.empty(dir)) {
            LineageFixtures.insertComplete(registry, "alpha-1", null);
            registry.write(h -> h.execute("UPDATE model_registry SET data_snapshot_hash = NULL, training_config_hash = 'f00d'"));
            LineageCheck check = new LineageService(registry, Map.of("LEARN_EVAL_PACKS", "bench_core_v1, pack_04_bear")).check("alpha-1");
            assertFalse(check.complete());
            assertEquals(List.of("Training data reference and hash", "Training config hash matches the stored config",
                    "Scorecards for every required pack (bench_core_v1, pack_04_bear)"), missing(check));
            assertEquals("data_snapshot_hash is empty", check.missing().get(0).detail());
            assertTrue(check.missing().get(1).detail().contains("differs"), check.missing().get(1).detail());
            assertEquals("no scorecard for pack_04_bear", check.missing().get(2).detail());
        }
    }

    @Test
    void aRejectedOrUnexecutedRequestIsNoApproval() {
        try (Registry registry = TestRegistries.empty(dir)) {
            LineageFixtures.insertComplete(registry, "alpha-1", null);
            registry.write(h -> h.execute("UPDATE transition_requests SET status = 'APPROVED', executed_at = NULL"));
            LineageCheck check = new LineageService(registry, Map.of()).check("alpha-1");
            assertEquals(List.of("An executed, approved transition request"), missing(check));
        }
    }

    @Test
    void anAlteredAuditChainFailsTheCheck() {
        try (Registry registry = TestRegistries.empty(dir)) {
            LineageFixtures.insertComplete(registry, "alpha-1", null);
            registry.write(h -> h.execute("UPDATE audit_log SET actor = 'mallory'"));
            LineageCheck check = new LineageService(registry, Map.of()).check("alpha-1");
            assertEquals(List.of("Audit entries present and the audit chain verifies"), missing(check));
            assertTrue(check.missing().getFirst().detail().contains("altered"));
        }
    }

    @Test
    void aConfigThatIsNotJsonIsReportedNotThrown() {
        try (Registry registry = TestRegistries.empty(dir)) {
            LineageFixtures.insertComplete(registry, "alpha-1", null);
            registry.write(h -> h.execute("UPDATE model_registry SET training_config_json = '{not json'"));
            LineageCheck check = new LineageService(registry, Map.of()).check("alpha-1");
            assertTrue(check.missing().getFirst().detail().startsWith("training_config_json is not valid JSON"), check.missing().toString());
        }
    }

    @Test
    void demoActiveVersionsHaveDataConfigAndScorecardsButNoApprovalHistory() {
        try (Registry registry = TestRegistries.demo(dir)) {
            LineageCheck check = new LineageService(registry, Map.of()).check("momentum_xgb-3.1.0");
            assertEquals("ACTIVE", check.state());
            assertTrue(check.items().get(0).ok());
            assertTrue(check.items().get(1).ok(), check.items().get(1).detail());
            assertTrue(check.items().get(2).ok());
        }
    }

    @Test
    void requiredPacksComeFromTheEnvironmentWithADefault() {
        assertEquals(List.of("bench_core_v1"), LineageService.requiredPacks(Map.of()));
        assertEquals(List.of("a", "b"), LineageService.requiredPacks(Map.of("LEARN_EVAL_PACKS", " a,b,,a ")));
    }
}
