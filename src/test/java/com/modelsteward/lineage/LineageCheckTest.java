package com.modelsteward.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageCheckTest {

    private static final List<String> CORE = List.of("bench_core_v1");

    @TempDir
    Path dir;

    private static List<String> missing(LineageCheck check) {
        return check.missing().stream().map(LineageCheck.Item::requirement).toList();
    }

    private static LineageEvidence withVersion(LineageEvidence evidence, ModelVersion v) {
        return new LineageEvidence(v, evidence.scorecards(), evidence.requests(), evidence.auditEntries(), evidence.history());
    }

    private static ModelVersion copy(ModelVersion v, String config, String configHash, String snapshotRef, String snapshotHash) {
        return new ModelVersion(v.modelId(), v.modelName(), v.modelType(), v.version(), v.state(), v.parentId(), v.pathRef(), config, configHash,
                snapshotRef, snapshotHash, v.featureGraphHash(), v.codeCommit(), v.createdAt(), v.createdBy(), v.updatedAt(), v.rowVersion(),
                v.stateChangedAt(), v.archived());
    }

    @Test
    void aCompleteVersionPassesEveryRequirement() {
        LineageCheck check = LineageCheck.run(LineageFixtures.complete("alpha-1"), CORE, LineageFixtures.CHAIN_OK);
        assertTrue(check.complete(), check.missing().toString());
        assertEquals(5, check.items().size());
    }

    @Test
    void eachMissingPieceIsNamed() {
        LineageEvidence complete = LineageFixtures.complete("alpha-1");
        ModelVersion v = complete.version();
        LineageEvidence broken = withVersion(complete, copy(v, v.trainingConfigJson(), "f00d", v.dataSnapshotRef(), null));
        LineageCheck check = LineageCheck.run(broken, List.of("bench_core_v1", "pack_04_bear"), LineageFixtures.CHAIN_OK);
        assertFalse(check.complete());
        assertEquals(List.of("Training data reference and hash", "Training config hash matches the stored config",
                "Scorecards for every required pack (bench_core_v1, pack_04_bear)"), missing(check));
        assertEquals("data_snapshot_hash is empty", check.missing().get(0).detail());
        assertTrue(check.missing().get(1).detail().contains("differs"), check.missing().get(1).detail());
        assertEquals("no scorecard for pack_04_bear", check.missing().get(2).detail());
    }

    @Test
    void aRejectedOrUnexecutedRequestIsNoApproval() {
        LineageEvidence complete = LineageFixtures.complete("alpha-1");
        for (RequestEvidence request : List.of(LineageFixtures.executedRequest("APPROVED", null, "APPROVE"),
                LineageFixtures.executedRequest("EXECUTED", "2026-10-11T00:05:00.000Z", "REJECT"))) {
            LineageEvidence evidence = new LineageEvidence(complete.version(), complete.scorecards(), List.of(request),
                    complete.auditEntries(), List.of());
            assertEquals(List.of("An executed, approved transition request"), missing(LineageCheck.run(evidence, CORE, LineageFixtures.CHAIN_OK)));
        }
    }

    @Test
    void aBrokenAuditChainFailsTheCheck() {
        AuditTrail.Verification broken = new AuditTrail.Verification(1, Optional.of(2L), "entry 2 was altered (its hash does not match its content)");
        LineageCheck check = LineageCheck.run(LineageFixtures.complete("alpha-1"), CORE, broken);
        assertEquals(List.of("Audit entries present and the audit chain verifies"), missing(check));
        assertTrue(check.missing().getFirst().detail().contains("altered"));
    }

    @Test
    void aConfigThatIsNotJsonIsReportedNotThrown() {
        LineageEvidence complete = LineageFixtures.complete("alpha-1");
        ModelVersion v = complete.version();
        LineageCheck check = LineageCheck.run(withVersion(complete, copy(v, "{not json", v.trainingConfigHash(), v.dataSnapshotRef(),
                v.dataSnapshotHash())), CORE, LineageFixtures.CHAIN_OK);
        assertTrue(check.missing().getFirst().detail().startsWith("training_config_json is not valid JSON"), check.missing().toString());
    }

    @Test
    void demoActiveVersionsPromotedThroughTheEngineAreCompleteAndCandidatesAreNot() {
        try (Registry registry = TestRegistries.demo(dir)) {
            LineageService service = new LineageService(registry, Map.of());
            Map<String, LineageCheck> checks = service.checks(List.of("momentum_xgb-3.1.0", "momentum_xgb-3.3.0"));
            LineageCheck active = checks.get("momentum_xgb-3.1.0");
            assertEquals("ACTIVE", active.state());
            assertTrue(active.complete(), active.missing().toString());
            LineageCheck candidate = checks.get("momentum_xgb-3.3.0");
            assertTrue(missing(candidate).contains("An executed, approved transition request"), candidate.missing().toString());
        }
    }
}
