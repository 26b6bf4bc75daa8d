package com.modelsteward.policy;

import com.modelsteward.policy.GateSpec.Direction;
import com.modelsteward.policy.PolicyLoader.ApprovalsFile;
import com.modelsteward.policy.PolicyLoader.GateFile;
import com.modelsteward.policy.PolicyLoader.PolicyFile;
import com.modelsteward.policy.PolicyLoader.RulesFile;
import com.modelsteward.policy.PolicyLoader.TransitionFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The built-in L3-12 policy ({@code policies/l3-12.yaml}) as the records its parse gives, made anew at every call (they
 * hold mutable lists and maps, as the parse's do). Every policy overlays the built-in one, and reading the YAML onto
 * records cost more of a cold start than anything else before a registry's first read (ADR 29). The YAML stays the text
 * users read and the one whose SHA-256 a policy carries; {@code BuiltInPolicyTest} fails when the two differ, so a
 * change to the YAML is made here too.
 */
final class BuiltInPolicy {

    private BuiltInPolicy() {
    }

    static PolicyFile file() {
        ApprovalsFile riskOfficer = new ApprovalsFile(1, "RISK_OFFICER");
        List<TransitionFile> transitions = list(
                new TransitionFile("CANDIDATE", "SHADOW", list("artifacts", "scorecards"), null),
                new TransitionFile("SHADOW", "ACTIVE", list("artifacts", "scorecards", "gates", "shadow_period"), riskOfficer),
                new TransitionFile("CANDIDATE", "RETIRED", null, null),
                new TransitionFile("SHADOW", "RETIRED", null, null),
                new TransitionFile("ACTIVE", "RETIRED", null, riskOfficer));
        LinkedHashMap<String, RulesFile> types = new LinkedHashMap<>();
        types.put("signal_model", gates(
                "sharpe", new GateFile(Direction.HIGHER_IS_BETTER, 0.10, 1.0, null),
                "max_drawdown", new GateFile(Direction.LOWER_IS_BETTER, -0.02, 0.20, null),
                "error_rate", new GateFile(Direction.LOWER_IS_BETTER, 0.0, 0.01, null)));
        types.put("embed_model", gates(
                "recall_at_10", new GateFile(Direction.HIGHER_IS_BETTER, 0.0, 0.70, null)));
        types.put("prompt_pack", citedAnswers());
        types.put("workflow_schema", citedAnswers());
        return new PolicyFile("l3-12", list("CANDIDATE", "SHADOW", "ACTIVE", "RETIRED"), "CANDIDATE", "ACTIVE", "RETIRED",
                transitions, new RulesFile(list("bench_core_v1"), 7, 10, new LinkedHashMap<>()), types);
    }

    /** The gates prompt packs and workflow schemas share (each type its own copy, as the parse gives). */
    private static RulesFile citedAnswers() {
        return gates(
                "schema_valid_rate", new GateFile(Direction.HIGHER_IS_BETTER, null, 0.99, null),
                "citation_coverage", new GateFile(Direction.HIGHER_IS_BETTER, null, 0.90, null),
                "refusal_rate", new GateFile(Direction.IN_BAND, null, null, list(0.005, 0.06)));
    }

    /** A type's rules with only gates, given as metric, gate, metric, gate, … in the file's order. */
    private static RulesFile gates(Object... metricsAndGates) {
        LinkedHashMap<String, GateFile> gates = new LinkedHashMap<>();
        for (int i = 0; i < metricsAndGates.length; i += 2) {
            gates.put((String) metricsAndGates[i], (GateFile) metricsAndGates[i + 1]);
        }
        return new RulesFile(null, null, null, gates);
    }

    @SafeVarargs
    private static <T> List<T> list(T... items) {
        return new ArrayList<>(Arrays.asList(items));
    }
}
