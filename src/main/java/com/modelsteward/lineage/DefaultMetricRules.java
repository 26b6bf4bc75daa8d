package com.modelsteward.lineage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The L3-12 gates as plain defaults, for callers without a registry policy (the console and the command line use
 * {@link MetricRules#configured}, the registry's governance policy), and the naming rules that give a direction to
 * metrics no gate mentions: for signal models
 * ΔSharpe ≥ LEARN_GATE_DELTA_SHARPE (0.10), max drawdown not worse by more than LEARN_GATE_MAXDD_TOL (0.02 absolute),
 * error/DLQ rate not higher; for prompt packs and workflow schemas schema-valid rate ≥ 0.99, citation coverage ≥ 0.90,
 * refusal rate within [0.01, 0.06]. Gates apply on the required packs (LEARN_EVAL_PACKS, default bench_core_v1).
 */
public final class DefaultMetricRules implements MetricRules {

    public static final double CITATION_COVERAGE_MIN = 0.90;
    public static final double REFUSAL_RATE_LOW = 0.01;
    public static final double REFUSAL_RATE_HIGH = 0.06;
    public static final double SCHEMA_VALID_MIN = 0.99;

    private final double deltaSharpe;
    private final double maxDrawdownTolerance;
    private final List<String> gatedPacks;

    public DefaultMetricRules(Map<String, String> environment) {
        this.deltaSharpe = number(environment, "LEARN_GATE_DELTA_SHARPE", 0.10);
        this.maxDrawdownTolerance = number(environment, "LEARN_GATE_MAXDD_TOL", 0.02);
        this.gatedPacks = LineageService.requiredPacks(environment);
    }

    @Override
    public Direction direction(String modelType, String metric) {
        String name = metric == null ? "" : metric;
        if (name.equals("refusal_rate")) {
            return Direction.IN_BAND;
        }
        if (name.contains("drawdown") || name.contains("error") || name.contains("dlq") || name.contains("latency")
                || name.contains("fail") || name.contains("loss") || name.contains("turnover")) {
            return Direction.LOWER_IS_BETTER;
        }
        if (name.contains("sharpe") || name.contains("sortino") || name.contains("calmar") || name.contains("rate")
                || name.contains("recall") || name.contains("ndcg") || name.contains("precision") || name.contains("accuracy")
                || name.contains("coverage") || name.contains("profit") || name.contains("return") || name.contains("auc")) {
            return Direction.HIGHER_IS_BETTER;
        }
        return Direction.UNKNOWN;
    }

    @Override
    public Optional<Gate> gate(String modelType, String packId, String metric) {
        if (!gatedPacks.contains(packId)) {
            return Optional.empty();
        }
        Direction direction = direction(modelType, metric);
        return switch (modelType == null ? "" : modelType) {
            case "signal_model" -> switch (metric) {
                case "sharpe" -> Optional.of(new Gate(GateKind.MIN_IMPROVEMENT, deltaSharpe, 0, direction, null));
                case "max_drawdown" -> Optional.of(new Gate(GateKind.MAX_WORSENING, maxDrawdownTolerance, 0, direction, null));
                case "error_rate", "dlq_rate" -> Optional.of(new Gate(GateKind.MAX_WORSENING, 0, 0, direction, null));
                default -> Optional.empty();
            };
            case "prompt_pack", "workflow_schema" -> switch (metric) {
                case "schema_valid_rate" -> Optional.of(new Gate(GateKind.AT_LEAST, SCHEMA_VALID_MIN, 0, direction, null));
                case "citation_coverage" -> Optional.of(new Gate(GateKind.AT_LEAST, CITATION_COVERAGE_MIN, 0, direction, null));
                case "refusal_rate" -> Optional.of(new Gate(GateKind.BETWEEN, REFUSAL_RATE_LOW, REFUSAL_RATE_HIGH, direction, null));
                default -> Optional.empty();
            };
            default -> Optional.empty();
        };
    }

    private static double number(Map<String, String> environment, String key, double fallback) {
        String text = environment.get(key);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException notANumber) {
            throw new com.modelsteward.registry.RegistryException("E_CONFIG", key + " must be a number, not \"" + text + "\"", notANumber);
        }
    }
}
