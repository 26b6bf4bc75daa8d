package com.modelsteward.scorecards;

import com.modelsteward.governance.GateEvaluator;
import com.modelsteward.governance.GateReport;
import com.modelsteward.policy.GateSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which way each metric is better and which gate applies to it, per model type and pack, for the Scorecards view and the
 * model card. The gates are the governance policy's and are judged by the engine's {@link GateEvaluator}: one judge.
 */
public interface MetricRules {

    enum Direction {
        HIGHER_IS_BETTER("higher is better", "↑"),
        LOWER_IS_BETTER("lower is better", "↓"),
        IN_BAND("within a band", "↔"),
        UNKNOWN("direction unknown", "·");

        private final String words;
        private final String arrow;

        Direction(String words, String arrow) {
            this.words = words;
            this.arrow = arrow;
        }

        public String words() {
            return words;
        }

        public String arrow() {
            return arrow;
        }
    }

    Direction direction(String modelType, String metric);

    /** The gate on this metric of this pack for this model type; empty when no gate applies (shown for information only). */
    Optional<Gate> gate(String modelType, String packId, String metric);

    /**
     * A gate of the policy on one pack, judged by the engine's own {@link GateEvaluator#check}: the Scorecards view, the
     * model card and a promotion give the same verdict on the same values (same tolerance, same no-baseline rule).
     */
    record Gate(String packId, GateSpec spec, Direction direction) {

        /** How the threshold reads in a table: "Δ ≥ +0.1 and ≥ 1", "Δ ≤ +0.02 and ≤ 0.2", "≥ 0.99", "in [0.005, 0.06]". */
        public String describe() {
            List<String> parts = new ArrayList<>();
            boolean lower = spec.direction() == GateSpec.Direction.LOWER_IS_BETTER;
            if (spec.direction() == GateSpec.Direction.IN_BAND) {
                parts.add("in [" + plain(spec.bandLow()) + ", " + plain(spec.bandHigh()) + "]");
            }
            if (spec.direction() != GateSpec.Direction.IN_BAND && spec.minImprovement() != null) {
                double limit = spec.minImprovement();
                parts.add(limit == 0 ? (lower ? "≤ baseline" : "≥ baseline") : lower ? "Δ ≤ " + signed(-limit) : "Δ ≥ " + signed(limit));
            }
            if (spec.direction() != GateSpec.Direction.IN_BAND && spec.threshold() != null) {
                parts.add((lower ? "≤ " : "≥ ") + plain(spec.threshold()));
            }
            return String.join(" and ", parts);
        }

        private static String signed(double value) {
            return (value >= 0 ? "+" : "−") + plain(Math.abs(value));
        }

        static String plain(double value) {
            return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        }

        /**
         * Pass or fail of a candidate value, as the engine judges it; a missing value is a failure, never a zero.
         *
         * @param baseline    the baseline's value of this metric, null when it has none
         * @param hasBaseline whether there is a baseline version at all (without one, absolute thresholds alone judge)
         */
        public Verdict evaluate(Double candidate, Double baseline, boolean hasBaseline) {
            Map<String, Double> values = new HashMap<>();
            if (candidate != null) {
                values.put(spec.metric(), candidate);
            }
            Map<String, Double> baseValues = null;
            if (hasBaseline) {
                baseValues = new HashMap<>();
                if (baseline != null) {
                    baseValues.put(spec.metric(), baseline);
                }
            }
            List<GateReport.GateCheck> checks = GateEvaluator.check(packId, spec, values, baseValues, GateEvaluator.Mode.THRESHOLDS);
            List<GateReport.GateCheck> failed = checks.stream().filter(check -> !check.passed()).toList();
            if (failed.isEmpty()) {
                return new Verdict(Outcome.PASS, checks.stream().map(GateReport.GateCheck::comparison).filter(Objects::nonNull)
                        .collect(Collectors.joining("; ")));
            }
            return new Verdict(Outcome.FAIL, failed.stream().map(check -> check.reason().equals("missing")
                    ? "scorecard missing (a missing scorecard fails the gate)"
                    : check.reason() + (check.comparison() == null ? "" : ": needs " + check.comparison())).collect(Collectors.joining("; ")));
        }
    }

    enum Outcome {
        PASS("✓ pass"), FAIL("✗ fail"), NO_GATE("—"), BASELINE("baseline"), MISSING("missing");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String cssName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    record Verdict(Outcome outcome, String reason) {
    }
}
