package com.modelsteward.scorecards;

import com.modelsteward.policy.GateSpec;
import com.modelsteward.policy.Policy;
import java.util.Optional;

/**
 * The registry's governance policy as {@link MetricRules}: gates, directions and required packs per model type come
 * from the policy the engine enforces, and {@link MetricRules.Gate} judges with the engine's evaluator, so the Scorecards
 * view and the model card judge exactly as a promotion would. Metrics the policy has no gate for get a direction from
 * their name, for display only.
 */
public final class PolicyMetricRules implements MetricRules {

    private final Policy policy;

    public PolicyMetricRules(Policy policy) {
        this.policy = policy;
    }

    @Override
    public Direction direction(String modelType, String metric) {
        return spec(modelType, metric).map(spec -> direction(spec.direction())).orElseGet(() -> byName(metric));
    }

    @Override
    public Optional<Gate> gate(String modelType, String packId, String metric) {
        if (!policy.rulesFor(modelType).evalPacks().contains(packId)) {
            return Optional.empty();
        }
        return spec(modelType, metric).map(spec -> new Gate(packId, spec, direction(spec.direction())));
    }

    private Optional<GateSpec> spec(String modelType, String metric) {
        return policy.gatesFor(modelType).stream().filter(spec -> spec.metric().equals(metric)).findFirst();
    }

    private static Direction direction(GateSpec.Direction direction) {
        return switch (direction) {
            case HIGHER_IS_BETTER -> Direction.HIGHER_IS_BETTER;
            case LOWER_IS_BETTER -> Direction.LOWER_IS_BETTER;
            case IN_BAND -> Direction.IN_BAND;
        };
    }

    /** The direction a metric no gate mentions is shown with, from the usual naming of such metrics. */
    private static Direction byName(String metric) {
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
}
