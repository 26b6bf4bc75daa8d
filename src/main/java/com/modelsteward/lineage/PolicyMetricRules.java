package com.modelsteward.lineage;

import com.modelsteward.governance.GateSpec;
import com.modelsteward.governance.Policy;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's governance policy as {@link MetricRules}: gates, directions and required packs per model type come
 * from the policy the engine enforces, so the Scorecards view and the model card judge exactly as a promotion would.
 * Metrics the policy has no gate for get a direction from {@link DefaultMetricRules}' naming rules, for display only.
 */
public final class PolicyMetricRules implements MetricRules {

    private final Policy policy;
    private final MetricRules naming;

    public PolicyMetricRules(Policy policy, Map<String, String> environment) {
        this.policy = policy;
        this.naming = new DefaultMetricRules(environment);
    }

    @Override
    public Direction direction(String modelType, String metric) {
        return spec(modelType, metric).map(spec -> direction(spec.direction())).orElseGet(() -> naming.direction(modelType, metric));
    }

    @Override
    public Optional<Gate> gate(String modelType, String packId, String metric) {
        if (!policy.rulesFor(modelType).evalPacks().contains(packId)) {
            return Optional.empty();
        }
        return spec(modelType, metric).flatMap(spec -> {
            Direction direction = direction(spec.direction());
            if (spec.direction() == GateSpec.Direction.IN_BAND && spec.bandLow() != null && spec.bandHigh() != null) {
                return Optional.of(new Gate(GateKind.BETWEEN, spec.bandLow(), spec.bandHigh(), direction, null));
            }
            if (spec.minImprovement() != null) {
                return Optional.of(new Gate(GateKind.MIN_IMPROVEMENT, spec.minImprovement(), 0, direction, spec.threshold()));
            }
            if (spec.threshold() != null) {
                GateKind kind = spec.direction() == GateSpec.Direction.LOWER_IS_BETTER ? GateKind.AT_MOST : GateKind.AT_LEAST;
                return Optional.of(new Gate(kind, spec.threshold(), 0, direction, null));
            }
            return Optional.empty();
        });
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
}
