package com.modelsteward.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.modelsteward.json.CanonicalJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the gates said about one candidate at one moment: every prerequisite and every (pack, metric) check with
 * candidate, baseline, delta, threshold, comparison, pass/fail and why. The UI renders it, requests keep it as a
 * snapshot, the audit log stores it; {@link #digest()} identifies it.
 *
 * @param baselineModelId         the live version the candidate was compared with, null when there was none
 * @param baselineScorecardDigest the baseline's scorecard digest when compared: a request whose baseline or its
 *                                scorecards changed since goes stale
 * @param environment             the LEARN_* environment values that changed the rules of this report, by name
 */
public record GateReport(String modelId, String modelType, String policy, String fromState, String toState, String baselineModelId,
                         String baselineScorecardDigest, String evaluatedAt, List<String> requiredPacks, List<PrerequisiteCheck> prerequisites,
                         List<GateCheck> checks, boolean passed, Map<String, String> environment) {

    /** A prerequisite of the transition (artifacts present, time in state). */
    public record PrerequisiteCheck(String name, boolean passed, String detail) {
    }

    /**
     * One metric on one pack.
     *
     * @param basis      "baseline" (delta against the live version), "absolute" (threshold), "band", or "policy" (the
     *                   type has no gates, so it cannot go live; pack and metric are "*")
     * @param delta      candidate − baseline, null without a baseline or a value
     * @param threshold  the number the candidate (absolute) or the delta (baseline) is compared with
     * @param comparison the rule in words, e.g. "delta >= 0.1" or "between 0.005 and 0.06"
     * @param reason     "passed", "missing" (no scorecard), "NaN" (no usable value), "baseline missing",
     *                   "below threshold", "above threshold" or "outside band"
     */
    public record GateCheck(String pack, String metric, String direction, String basis, Double candidate, Double baseline,
                            Double delta, Double threshold, String comparison, boolean passed, String reason) {
    }

    public GateReport {
        requiredPacks = List.copyOf(requiredPacks);
        prerequisites = List.copyOf(prerequisites);
        checks = List.copyOf(checks);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    /** The canonical JSON of the report (sorted keys, no white space): what is stored and what is hashed. */
    public String toCanonicalJson() {
        return CanonicalJson.write(this);
    }

    /** SHA-256 (hex) of {@link #toCanonicalJson()}. */
    public String digest() {
        return CanonicalJson.sha256Hex(toCanonicalJson());
    }

    /** One sentence per failed prerequisite or check, for refusals and summaries. */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        prerequisites.stream().filter(p -> !p.passed()).forEach(p -> failures.add(p.name() + ": " + p.detail()));
        for (GateCheck check : checks) {
            if (!check.passed() && "policy".equals(check.basis())) {
                failures.add(check.reason());
            } else if (!check.passed()) {
                String detail = check.reason();
                if (check.candidate() != null && check.comparison() != null) {
                    detail += " (" + check.metric() + " " + check.candidate()
                            + (check.baseline() != null ? " vs baseline " + check.baseline() : "") + "; needs " + check.comparison() + ")";
                }
                failures.add(check.pack() + "/" + check.metric() + ": " + detail);
            }
        }
        return failures;
    }

    public static GateReport fromJson(String json) {
        try {
            return CanonicalJson.mapper().readValue(json, GateReport.class);
        } catch (JsonProcessingException invalid) {
            throw new IllegalArgumentException("not a gate report: " + invalid.getOriginalMessage(), invalid);
        }
    }
}
