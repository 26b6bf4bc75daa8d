package com.modelsteward.lineage;

import java.util.Locale;
import java.util.Optional;

/**
 * Which way each metric is better and which gate applies to it, per model type and pack. The Scorecards view and the
 * model card ask this interface only, so the governance policy can answer instead of {@link DefaultMetricRules}.
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

    /**
     * The rules the console and the command line use: the registry's governance policy (the one the engine enforces,
     * stored or built in). Reads the registry: never on the FX thread.
     */
    static MetricRules configured(com.modelsteward.registry.Registry registry, java.util.Map<String, String> environment) {
        return new PolicyMetricRules(com.modelsteward.governance.PolicyStore.current(registry, environment), environment);
    }

    Direction direction(String modelType, String metric);

    /** The gate on this metric of this pack for this model type; empty when no gate applies (shown for information only). */
    Optional<Gate> gate(String modelType, String packId, String metric);

    /** What a gate compares. */
    enum GateKind {
        /** candidate − baseline at least {@code limit} (in the better direction), e.g. ΔSharpe ≥ +0.10. */
        MIN_IMPROVEMENT,
        /** candidate not worse than baseline by more than {@code limit}, e.g. max drawdown by at most 0.02 absolute. */
        MAX_WORSENING,
        /** candidate value at least {@code limit}, e.g. schema-valid rate ≥ 0.99. */
        AT_LEAST,
        /** candidate value at most {@code limit}. */
        AT_MOST,
        /** candidate value within [{@code limit}, {@code upper}], e.g. refusal rate in band. */
        BETWEEN
    }

    /**
     * A gate: its kind, limits and the metric's direction (which decides what "worse" means). {@code withoutBaseline} is
     * the absolute threshold a relative gate falls back on when there is no baseline (null: the gate cannot judge then).
     */
    record Gate(GateKind kind, double limit, double upper, Direction direction, Double withoutBaseline) {

        public boolean needsBaseline() {
            return kind == GateKind.MIN_IMPROVEMENT || kind == GateKind.MAX_WORSENING;
        }

        /** How the threshold reads in a table: "Δ ≥ +0.10", "worse by ≤ 0.02", "≥ 0.99", "in [0.01, 0.06]". */
        public String describe() {
            return switch (kind) {
                case MIN_IMPROVEMENT -> limit == 0 ? (direction == Direction.LOWER_IS_BETTER ? "≤ baseline" : "≥ baseline")
                        : direction == Direction.LOWER_IS_BETTER ? "Δ ≤ " + signed(-limit) : "Δ ≥ " + signed(limit);
                case MAX_WORSENING -> limit == 0 ? "not worse than baseline" : "worse by ≤ " + plain(limit);
                case AT_LEAST -> "≥ " + plain(limit);
                case AT_MOST -> "≤ " + plain(limit);
                case BETWEEN -> "in [" + plain(limit) + ", " + plain(upper) + "]";
            };
        }

        private static String signed(double value) {
            return (value >= 0 ? "+" : "−") + plain(Math.abs(value));
        }

        static String plain(double value) {
            return new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        }

        /** Pass or fail of a candidate value against a baseline value; a missing value is a failure, never a zero. */
        public Verdict evaluate(Double candidate, Double baseline) {
            if (candidate == null) {
                return new Verdict(Outcome.FAIL, "scorecard missing (a missing scorecard fails the gate)");
            }
            double sign = direction == Direction.LOWER_IS_BETTER ? -1 : 1;
            switch (kind) {
                case MIN_IMPROVEMENT, MAX_WORSENING -> {
                    if (baseline == null && withoutBaseline != null) {
                        boolean pass = direction == Direction.LOWER_IS_BETTER ? candidate <= withoutBaseline + 1e-12 : candidate >= withoutBaseline - 1e-12;
                        return new Verdict(pass ? Outcome.PASS : Outcome.FAIL, "no baseline: " + (direction == Direction.LOWER_IS_BETTER ? "≤ " : "≥ ")
                                + plain(withoutBaseline));
                    }
                    if (baseline == null) {
                        return new Verdict(Outcome.NO_BASELINE, "no baseline value to compare with");
                    }
                    double improvement = sign * (candidate - baseline);
                    boolean pass = kind == GateKind.MIN_IMPROVEMENT ? improvement >= limit - 1e-12 : -improvement <= limit + 1e-12;
                    return new Verdict(pass ? Outcome.PASS : Outcome.FAIL, describe());
                }
                case AT_LEAST -> {
                    return new Verdict(candidate >= limit ? Outcome.PASS : Outcome.FAIL, describe());
                }
                case AT_MOST -> {
                    return new Verdict(candidate <= limit ? Outcome.PASS : Outcome.FAIL, describe());
                }
                default -> {
                    return new Verdict(candidate >= limit && candidate <= upper ? Outcome.PASS : Outcome.FAIL, describe());
                }
            }
        }
    }

    enum Outcome {
        PASS("✓ pass"), FAIL("✗ fail"), NO_BASELINE("no baseline"), NO_GATE("—"), BASELINE("baseline"), MISSING("missing");

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
