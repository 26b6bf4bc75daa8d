package com.modelsteward.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.governance.GovernanceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {

    @TempDir
    Path dir;

    private static GateSpec gate(Policy policy, String type, String metric) {
        return policy.gatesFor(type).stream().filter(g -> g.metric().equals(metric)).findFirst().orElseThrow();
    }

    private Policy load(String yaml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, yaml);
        return PolicyLoader.load(file, env);
    }

    private String invalid(String yaml) {
        GovernanceException refused = assertThrows(GovernanceException.class, () -> load(yaml, Map.of()));
        assertEquals("E_POLICY_INVALID", refused.code());
        return refused.getMessage();
    }

    @Test
    void theBuiltInPolicyIsL312() {
        Policy policy = PolicyLoader.builtIn(Map.of());
        assertEquals(List.of("CANDIDATE", "SHADOW", "ACTIVE", "RETIRED"), policy.states());
        assertEquals("ACTIVE", policy.liveState());
        assertEquals(new Policy.Approvals(1, "RISK_OFFICER"), policy.transition("SHADOW", "ACTIVE").orElseThrow().approvals());
        assertEquals(List.of("SHADOW", "RETIRED"), policy.allowedFrom("CANDIDATE"));
        assertEquals(0.10, gate(policy, "signal_model", "sharpe").minImprovement());
        assertEquals(GateSpec.Direction.LOWER_IS_BETTER, gate(policy, "signal_model", "max_drawdown").direction());
        assertEquals(List.of("bench_core_v1"), policy.rulesFor("signal_model").evalPacks());
        assertEquals(7, policy.rulesFor("unknown_type").shadowDurationDays());
        assertEquals(10, policy.rulesFor("signal_model").retainRetired());
    }

    @Test
    void theShippedLifecycle004Policy() {
        Policy policy = PolicyLoader.shipped(PolicyLoader.LIFECYCLE_004, Map.of());
        assertEquals(List.of("DRAFT", "TRAINED", "VALIDATED", "STAGING", "PRODUCTION", "RETIRED"), policy.states());
        assertEquals("PRODUCTION", policy.liveState());
        assertEquals(2, policy.transition("STAGING", "PRODUCTION").orElseThrow().approvals().count());
        assertEquals(14, policy.rulesFor("signal_model").shadowDurationDays(), "policy defaults over the built-in");
        assertEquals(20, policy.rulesFor("signal_model").retainRetired(), "per-type override");
        assertEquals(10, policy.rulesFor("prompt_pack").retainRetired());
        assertEquals(0.10, gate(policy, "signal_model", "sharpe").minImprovement(), "built-in gates remain");
    }

    @Test
    void precedenceBuiltInThenPolicyDefaultThenTypeThenEnvironment() throws Exception {
        String yaml = """
                defaults:
                  shadowDurationDays: 10
                  gates:
                    sharpe: {direction: HIGHER_IS_BETTER, minImprovement: 0.2}
                types:
                  signal_model:
                    shadowDurationDays: 12
                    gates:
                      sharpe: {minImprovement: 0.3}
                """;
        Policy file = load(yaml, Map.of());
        assertEquals(10, file.rulesFor("prompt_pack").shadowDurationDays(), "policy default beats built-in 7");
        assertEquals(12, file.rulesFor("signal_model").shadowDurationDays(), "type override beats policy default");
        assertEquals(0.3, gate(file, "signal_model", "sharpe").minImprovement());
        assertEquals(1.0, gate(file, "signal_model", "sharpe").threshold(), "fields the file leaves out come from the built-in");
        assertEquals(0.2, gate(file, "embed_model", "sharpe").minImprovement(), "policy default gate applies to every type");

        Policy env = load(yaml, Map.of("LEARN_GATE_DELTA_SHARPE", "0.5", "LEARN_SHADOW_DURATION_DAYS", "3", "LEARN_GATE_MAXDD_TOL", "0.05",
                "LEARN_EVAL_PACKS", "bench_core_v1, pack_04_bear"));
        assertEquals(0.5, gate(env, "signal_model", "sharpe").minImprovement());
        assertEquals(-0.05, gate(env, "signal_model", "max_drawdown").minImprovement());
        assertEquals(3, env.rulesFor("signal_model").shadowDurationDays());
        assertEquals(List.of("bench_core_v1", "pack_04_bear"), env.rulesFor("signal_model").evalPacks());
        assertTrue(assertThrows(GovernanceException.class, () -> PolicyLoader.builtIn(Map.of("LEARN_GATE_DELTA_SHARPE", "lots")))
                .getMessage().contains("LEARN_GATE_DELTA_SHARPE must be a number"));
    }

    @Test
    void invalidPoliciesAreRefusedWithClearMessages() {
        assertTrue(invalid("""
                transitions:
                  - {from: CANDIDATE, to: LIVE}
                """).contains("transitions[0] (CANDIDATE -> LIVE): state LIVE is not declared"));
        assertTrue(invalid("""
                states: [A, B]
                """).contains("initialState CANDIDATE is not one of the declared states"));
        assertTrue(invalid("""
                name: x
                gatez: {}
                """).endsWith(" line 2: unknown field \"gatez\" (known: defaults, initialState, liveState, name, retiredState, states, "
                + "transitions, types)"));
        assertTrue(invalid("""
                transitions:
                  - {from: SHADOW, to: ACTIVE}
                """).contains("needs at least one RISK_OFFICER approval"));
        assertTrue(invalid("""
                types:
                  signal_model:
                    gates:
                      sharpe: {direction: SIDEWAYS}
                """).contains("line 4"));
        assertTrue(invalid("""
                types:
                  x:
                    gates:
                      m: {direction: IN_BAND, band: [2, 1]}
                """).contains("band: [low, high]"));
    }

    @Test
    void aPolicyMayNotDropAStateRowsUse() throws Exception {
        Policy lifecycle = PolicyLoader.shipped(PolicyLoader.LIFECYCLE_004, Map.of());
        GovernanceException refused = assertThrows(GovernanceException.class, () -> lifecycle.checkCovers(List.of("CANDIDATE", "RETIRED")));
        assertTrue(refused.getMessage().contains("does not declare the state CANDIDATE"), refused.getMessage());
        Policy added = load("states: [CANDIDATE, SHADOW, ACTIVE, RETIRED, QUARANTINED]\n", Map.of());
        added.checkCovers(List.of("CANDIDATE", "SHADOW", "ACTIVE", "RETIRED"));
    }
}
