package com.modelsteward.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** L3-12 §12: train a toy model, run the BENCH pack, promote to shadow, then active with approval; roll back. */
class L312IntegrationTest {

    @TempDir
    Path dir;

    @Test
    void toyModelFromRegistrationToRollbackWithAuditableLineage() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            String baseline = f.activate("toy", "1", 1.2, 0.15);
            Path model = dir.resolve("model.json");
            Files.writeString(model, """
                    {"model_name": "toy", "version": "2", "model_type": "signal_model", "parent_id": "toy-1",
                     "path_ref": "models/toy/2.bin", "training_config": {"lr": 0.03, "depth": 5},
                     "data_snapshot_ref": "s3://data/toy/2026-11-01.parquet", "data_snapshot_hash": "%s"}
                    """.formatted("b".repeat(64)));
            InputFiles.NewVersion toy = InputFiles.readModel(model);
            f.engine.register(f.alice, toy);
            Path scores = dir.resolve("scores.json");
            Files.writeString(scores, """
                    {"model_id": "toy-2", "source": "bench", "scorecards": [
                      {"pack_id": "bench_core_v1", "metric": "sharpe", "value": 1.45},
                      {"pack_id": "bench_core_v1", "metric": "max_drawdown", "value": 0.16},
                      {"pack_id": "bench_core_v1", "metric": "error_rate", "value": 0.0008}]}
                    """);
            assertEquals(3, f.engine.importScorecards(f.alice, InputFiles.readScorecards(scores, "2026-11-01T12:00:00.000Z")));

            assertEquals("EXECUTED", f.engine.request(f.bob, "toy-2", "SHADOW", "BENCH complete").status());
            f.clock.advance(Duration.ofDays(7));
            var request = f.engine.request(f.bob, "toy-2", "ACTIVE", "shadow complete");
            assertTrue(request.gateReport().passed(), request.gateReport().failures().toString());
            assertEquals(baseline, request.gateReport().baselineModelId());
            assertEquals("SHADOW", f.state("toy-2"), "nothing moves before the approval");
            var decision = f.engine.approve(f.rachel, request.requestId(), "gates and lineage reviewed");
            assertTrue(decision.executed());
            assertEquals("ACTIVE", f.state("toy-2"));

            // The rollout's audit record carries the evaluation metrics, the approvals and the lineage.
            JsonNode transition = CanonicalJson.mapper().readTree(f.registry.<String>readHandle(h -> h.createQuery(
                    "SELECT payload_json FROM audit_log WHERE action = 'TRANSITION' AND entity = 'model:toy-2' ORDER BY seq DESC LIMIT 1")
                    .mapTo(String.class).one()));
            assertEquals("ACTIVE", transition.get("to_state").asText());
            assertEquals("rachel", transition.get("approvals").get(0).get("approver").asText());
            assertEquals(toy.trainingConfigHash(), transition.get("lineage").get("training_config_hash").asText());
            assertEquals("s3://data/toy/2026-11-01.parquet", transition.get("lineage").get("data_snapshot_ref").asText());
            assertEquals("toy-1", transition.get("lineage").get("parent_id").asText());
            assertEquals(1.45, transition.get("gate_report").get("checks").get(0).get("candidate").asDouble());
            assertEquals(decision.gateReportDigest(), transition.get("gate_report_digest").asText());

            f.clock.advance(Duration.ofHours(3));
            var rollback = f.engine.rollback(f.omar, "toy", "drift breach");
            assertEquals(baseline, rollback.toModelId());
            assertEquals("ACTIVE", f.state(baseline));
            assertTrue(AuditTrail.verify(f.registry).ok());
            everyActiveVersionHasAnAuditableLineage(f.registry);
        }
    }

    @Test
    void theDemoIsBuiltThroughTheEngine() throws Exception {
        try (Registry demo = TestRegistries.demo(dir)) {
            assertTrue(AuditTrail.verify(demo).ok());
            everyActiveVersionHasAnAuditableLineage(demo);
            Map<String, String> pending = Map.of("momentum_xgb-3.2.0", "passes", "mean_reversion_lgbm-3.0.0", "max_drawdown");
            for (var entry : pending.entrySet()) {
                String json = demo.readHandle(h -> h.createQuery(
                                "SELECT gate_report_json FROM transition_requests WHERE model_id = :m AND status = 'PENDING' AND to_state = 'ACTIVE'")
                        .bind("m", entry.getKey()).mapTo(String.class).one());
                GateReport report = GateReport.fromJson(json);
                assertNotNull(report.baselineModelId());
                List<String> failed = report.checks().stream().filter(c -> !c.passed()).map(GateReport.GateCheck::metric).toList();
                if (entry.getValue().equals("passes")) {
                    assertTrue(report.passed(), report.failures().toString());
                } else {
                    assertEquals(List.of(entry.getValue()), failed, report.failures().toString());
                }
            }
        }
    }

    /** Every ACTIVE version: an executed request, its approvals, and an audit TRANSITION naming its data and evaluation. */
    static void everyActiveVersionHasAnAuditableLineage(Registry registry) throws Exception {
        List<String> active = registry.readHandle(h -> h.createQuery("SELECT model_id FROM model_registry WHERE state = 'ACTIVE'").mapTo(String.class).list());
        assertFalse(active.isEmpty());
        for (String id : active) {
            List<String> payloads = registry.readHandle(h -> h.createQuery("""
                            SELECT payload_json FROM audit_log WHERE action = 'TRANSITION' AND entity = :e
                             AND payload_json LIKE '%"to_state":"ACTIVE"%' ORDER BY seq""")
                    .bind("e", "model:" + id).mapTo(String.class).list());
            assertFalse(payloads.isEmpty(), id + " has an audited rollout");
            JsonNode first = CanonicalJson.mapper().readTree(payloads.getFirst());
            assertFalse(first.get("lineage").get("training_config_hash").asText().isBlank(), id);
            assertFalse(first.get("lineage").get("data_snapshot_hash").asText().isBlank(), id);
            assertTrue(first.get("gate_report").get("checks").size() > 0, id + " has evaluation results");
            assertTrue(first.get("approvals").size() >= 1, id + " has approvals");
            String request = first.get("request_id").asText();
            assertEquals("EXECUTED", registry.readHandle(h -> h.createQuery("SELECT status FROM transition_requests WHERE request_id = :r")
                    .bind("r", request).mapTo(String.class).one()));
        }
    }
}
