package com.modelsteward.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.json.CanonicalJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, "default deny": a type the policy does not know has no gates, so it is refused at registration and can never
 * go live; absolute thresholds hold alongside relative ones; and a request judged against a baseline goes stale when the
 * baseline or its evidence changes.
 */
class DefaultDenyTest {

    @TempDir
    Path dir;

    private static InputFiles.NewVersion version(String id, String type) {
        String config = CanonicalJson.write(Map.of("lr", 0.05));
        return new InputFiles.NewVersion(id, "sig", type, "1", null, "models/sig/1", config, CanonicalJson.sha256Hex(config),
                "s3://data/sig/1", "a".repeat(64), null, null);
    }

    @Test
    void aTypeThePolicyDoesNotNameIsRefusedAtRegistrationNamingTheTypesItKnows() {
        try (Fixture f = new Fixture(dir)) {
            GovernanceException refused = assertThrows(GovernanceException.class,
                    () -> f.engine.register(f.alice, version("sig-1", "signal-model")));
            assertEquals("E_INVALID_INPUT", refused.code());
            assertTrue(refused.getMessage().contains("\"signal-model\" is not named by policy l3-12")
                    && refused.getMessage().contains("signal_model"), refused.getMessage());
            assertEquals(Integer.valueOf(0), f.registry.readHandle(h -> h.createQuery("SELECT count(*) FROM model_registry").mapTo(Integer.class).one()));
        }
    }

    @Test
    void aRowOfAnUnknownTypeWrittenBySqlWithFailingScorecardsCannotGoLive() {
        try (Fixture f = new Fixture(dir)) {
            String config = CanonicalJson.write(Map.of("lr", 0.05));
            f.registry.writeHandle(h -> h.createUpdate("""
                            INSERT INTO model_registry (model_id, model_name, model_type, version, state, path_ref, training_config_json,
                                training_config_hash, data_snapshot_ref, data_snapshot_hash, created_at, created_by, updated_at, row_version,
                                state_changed_at)
                            VALUES ('sig-1', 'sig', 'signal-model', '1', 'CANDIDATE', 'models/sig/1', :config, :hash, 's3://data/sig/1', :data,
                                '2026-11-01T12:00:00.000Z', 'alice', '2026-11-01T12:00:00.000Z', 1, '2026-11-01T12:00:00.000Z')""")
                    .bind("config", config).bind("hash", CanonicalJson.sha256Hex(config)).bind("data", "a".repeat(64)).execute());
            f.scores("sig-1", -3.0, 0.9, 0.5);
            f.engine.request(f.bob, "sig-1", "SHADOW", "shadow it");
            f.clock.advance(Duration.ofDays(8));

            GateReport preview = f.engine.gateEvaluator().evaluate("sig-1");
            assertFalse(preview.passed(), "never \"all gates passed\" with no gate checked");
            assertTrue(preview.checks().stream().anyMatch(c -> "policy".equals(c.basis()) && !c.passed()), preview.checks().toString());
            assertTrue(preview.failures().getFirst().contains("has no gates in policy l3-12; a type without gates cannot go live"),
                    preview.failures().toString());

            GovernanceException refused = assertThrows(GovernanceException.class,
                    () -> f.engine.request(f.bob, "sig-1", "ACTIVE", "promote it"));
            assertEquals(GovernanceException.GATE_FAILED, refused.code());
            assertTrue(refused.getMessage().contains("\"signal-model\" has no gates in policy l3-12"), refused.getMessage());
            assertEquals("SHADOW", f.state("sig-1"));
        }
    }

    @Test
    void absoluteThresholdsHoldAlongsideRelativeOnesAndBothAreReported() {
        try (Fixture f = new Fixture(dir)) {
            String base = f.activate("sig", "1", 1.2, 0.10);
            // The live version's scorecards lowered by raw SQL: a candidate that improves on it but misses the floor.
            lowerSharpe(f, base, 0.7);
            String candidate = f.register("sig", "2");
            f.scores(candidate, 0.9, 0.10, 0.001);
            f.engine.request(f.bob, candidate, "SHADOW", "shadow");
            f.clock.advance(Duration.ofDays(7));
            GovernanceEngine.RequestResult request = f.engine.request(f.bob, candidate, "ACTIVE", "promote");
            List<GateReport.GateCheck> sharpe = request.gateReport().checks().stream().filter(c -> c.metric().equals("sharpe")).toList();
            assertEquals(List.of("baseline", "absolute"), sharpe.stream().map(GateReport.GateCheck::basis).toList());
            assertTrue(sharpe.get(0).passed(), "+0.2 over the lowered baseline");
            assertFalse(sharpe.get(1).passed(), "0.9 is below the absolute 1.0");
            assertFalse(request.gateReport().passed());
            GovernanceException refused = assertThrows(GovernanceException.class,
                    () -> f.engine.approve(f.rachel, request.requestId(), "looks fine"));
            assertEquals(GovernanceException.GATE_FAILED, refused.code());
            assertEquals(Set.of(base), f.activeOf("sig"));
        }
    }

    @Test
    void loweringTheLiveVersionsScorecardsAfterARequestMakesItStale() {
        try (Fixture f = new Fixture(dir)) {
            String base = f.activate("sig", "1", 1.2, 0.10);
            String candidate = f.register("sig", "2");
            f.scores(candidate, 1.25, 0.10, 0.001);
            f.engine.request(f.bob, candidate, "SHADOW", "shadow");
            f.clock.advance(Duration.ofDays(7));
            GovernanceEngine.RequestResult request = f.engine.request(f.bob, candidate, "ACTIVE", "promote");
            assertFalse(request.gateReport().passed(), "+0.05 is short of the +0.10 the policy asks");
            assertEquals(base, request.gateReport().baselineModelId());
            assertNotNull(request.gateReport().baselineScorecardDigest());

            lowerSharpe(f, base, 1.1);
            GovernanceException refused = assertThrows(GovernanceException.class,
                    () -> f.engine.approve(f.rachel, request.requestId(), "passes now"));
            assertEquals(GovernanceException.ROLLOUT_DENIED, refused.code());
            assertTrue(refused.getMessage().contains("stale") && refused.getMessage().contains("baseline " + base), refused.getMessage());
            assertEquals("STALE", f.registry.readHandle(h -> h.createQuery("SELECT status FROM transition_requests WHERE request_id = :r")
                    .bind("r", request.requestId()).mapTo(String.class).one()));
            assertEquals("SHADOW", f.state(candidate));
            assertEquals(Set.of(base), f.activeOf("sig"));
        }
    }

    @Test
    void aNewLiveVersionSinceTheRequestMakesItStale() {
        try (Fixture f = new Fixture(dir)) {
            String first = f.register("sig", "1");
            f.scores(first, 1.2, 0.10, 0.001);
            f.engine.request(f.bob, first, "SHADOW", "shadow");
            String second = f.register("sig", "2");
            f.scores(second, 1.5, 0.10, 0.001);
            f.engine.request(f.bob, second, "SHADOW", "shadow");
            f.clock.advance(Duration.ofDays(7));
            var one = f.engine.request(f.bob, first, "ACTIVE", "promote");
            var two = f.engine.request(f.bob, second, "ACTIVE", "promote");
            f.engine.approve(f.rachel, one.requestId(), "ok");
            GovernanceException refused = assertThrows(GovernanceException.class, () -> f.engine.approve(f.rachel, two.requestId(), "ok"));
            assertTrue(refused.getMessage().contains("is now " + first + ", not none"), refused.getMessage());
        }
    }

    private static void lowerSharpe(Fixture f, String modelId, double sharpe) {
        f.registry.writeHandle(h -> h.createUpdate("""
                        INSERT INTO scorecards (model_id, pack_id, metric, value, generated_at, source)
                        VALUES (:m, 'bench_core_v1', 'sharpe', :v, '2026-11-02T00:00:00.000Z', 'sql')""")
                .bind("m", modelId).bind("v", sharpe).execute());
    }
}
