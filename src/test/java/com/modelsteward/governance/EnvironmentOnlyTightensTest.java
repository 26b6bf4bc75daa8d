package com.modelsteward.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.policy.GateSpec;
import com.modelsteward.policy.Policy;
import com.modelsteward.policy.PolicyStore;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, "a single hand can loosen the rules": LEARN_* in one person's shell. On a registry that is not a demo the
 * keys may only tighten the stored policy, LEARN_RETAIN_RETIRED never applies, and a key that applied is in the gate
 * report it affected (docs/decisions/0012). On a demo they apply as given.
 */
class EnvironmentOnlyTightensTest {

    @TempDir
    Path dir;

    private static GateSpec gate(Policy policy, String metric) {
        return policy.gatesFor("signal_model").stream().filter(g -> g.metric().equals(metric)).findFirst().orElseThrow();
    }

    @Test
    void onARealRegistryALooserKeyIsIgnoredWithOneWarningEach() {
        try (Fixture f = new Fixture(dir)) {
            Policy policy = PolicyStore.current(f.registry, Map.of("LEARN_GATE_DELTA_SHARPE", "-5", "LEARN_GATE_MAXDD_TOL", "0.5",
                    "LEARN_SHADOW_DURATION_DAYS", "0", "LEARN_EVAL_PACKS", "pack_easy", "LEARN_RETAIN_RETIRED", "0"));
            Policy.TypeRules rules = policy.rulesFor("signal_model");
            assertEquals(0.10, gate(policy, "sharpe").minImprovement(), 1e-12);
            assertEquals(-0.02, gate(policy, "max_drawdown").minImprovement(), 1e-12);
            assertEquals(7, rules.shadowDurationDays());
            assertEquals(List.of("bench_core_v1"), rules.evalPacks());
            assertEquals(10, rules.retainRetired());
            assertEquals(Map.of(), rules.environment());
            assertEquals(5, policy.environmentWarnings().size(), policy.environmentWarnings().toString());
            assertTrue(policy.environmentWarnings().stream().anyMatch(w -> w.startsWith("LEARN_RETAIN_RETIRED=0 is ignored")
                    && w.contains("retention comes from the policy alone")), policy.environmentWarnings().toString());
        }
    }

    @Test
    void onARealRegistryATighterKeyAppliesAndIsRecordedInTheGateReport() {
        try (Fixture f = new Fixture(dir)) {
            Map<String, String> env = Map.of("LEARN_GATE_DELTA_SHARPE", "0.3", "LEARN_GATE_MAXDD_TOL", "0.01",
                    "LEARN_SHADOW_DURATION_DAYS", "9", "LEARN_EVAL_PACKS", "bench_core_v1,pack_04_bear");
            Policy policy = PolicyStore.current(f.registry, env);
            assertEquals(List.of(), policy.environmentWarnings());
            assertEquals(0.3, gate(policy, "sharpe").minImprovement(), 1e-12);
            assertEquals(-0.01, gate(policy, "max_drawdown").minImprovement(), 1e-12);
            assertEquals(9, policy.rulesFor("signal_model").shadowDurationDays());
            assertEquals(env, policy.rulesFor("signal_model").environment());

            String id = f.register("sig", "1");
            GateReport report = new GovernanceEngine(f.registry, policy, f.clock).gateEvaluator().evaluate(id);
            assertEquals(env, report.environment());
            assertTrue(report.toCanonicalJson().contains("\"environment\":{\"LEARN_EVAL_PACKS\""), report.toCanonicalJson());
        }
    }

    @Test
    void anApproversLooseSharpeKeyDoesNotPassAFailingCandidate() {
        try (Fixture f = new Fixture(dir)) {
            f.activate("sig", "1", 1.2, 0.10);
            String candidate = f.register("sig", "2");
            f.scores(candidate, 1.22, 0.10, 0.001);
            f.engine.request(f.bob, candidate, "SHADOW", "shadow");
            f.clock.advance(Duration.ofDays(7));
            String request = f.engine.request(f.bob, candidate, "ACTIVE", "promote").requestId();
            GovernanceEngine loose = new GovernanceEngine(f.registry, PolicyStore.current(f.registry, Map.of("LEARN_GATE_DELTA_SHARPE", "0")), f.clock);
            GovernanceException refused = assertThrows(GovernanceException.class, () -> loose.approve(f.rachel, request, "fine by my shell"));
            assertEquals(GovernanceException.GATE_FAILED, refused.code());
            assertEquals("SHADOW", f.state(candidate));
        }
    }

    @Test
    void onADemoRegistryTheKeysApplyAsGiven() {
        try (Registry demo = TestRegistries.demo(dir)) {
            Policy policy = PolicyStore.current(demo, Map.of("LEARN_SHADOW_DURATION_DAYS", "0", "LEARN_RETAIN_RETIRED", "3"));
            assertEquals(0, policy.rulesFor("signal_model").shadowDurationDays());
            assertEquals(3, policy.rulesFor("signal_model").retainRetired());
            assertEquals(Map.of("LEARN_SHADOW_DURATION_DAYS", "0", "LEARN_RETAIN_RETIRED", "3"), policy.rulesFor("signal_model").environment());
            assertFalse(policy.environmentWarnings().iterator().hasNext());
        }
    }
}
