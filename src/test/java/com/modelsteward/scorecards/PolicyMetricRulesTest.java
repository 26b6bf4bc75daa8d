package com.modelsteward.scorecards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.Scorecard;
import com.modelsteward.scorecards.MetricRules.Direction;
import com.modelsteward.scorecards.MetricRules.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Scorecards view judges with the engine's own policy: same gates, same directions, same packs. */
class PolicyMetricRulesTest {

    private final MetricRules rules = new PolicyMetricRules(PolicyLoader.builtIn(Map.of()));

    private static ScorecardComparison.Version signal(String id, double sharpe, double drawdown) {
        return new ScorecardComparison.Version(id, id, "signal_model", List.of(
                new Scorecard(id, "bench_core_v1", "sharpe", sharpe, "t"), new Scorecard(id, "bench_core_v1", "max_drawdown", drawdown, "t"),
                new Scorecard(id, "pack_04_bear", "sharpe", sharpe, "t")));
    }

    @Test
    void theBuiltInPolicyGivesTheL312GatesOnTheRequiredPack() {
        ScorecardComparison comparison = ScorecardComparison.compare(List.of(signal("base", 1.2, 0.10), signal("ok", 1.3, 0.12),
                signal("bad", 1.29, 0.1201)), 0, rules);
        ScorecardComparison.Row sharpe = comparison.row("bench_core_v1", "sharpe").orElseThrow();
        ScorecardComparison.Row drawdown = comparison.row("bench_core_v1", "max_drawdown").orElseThrow();
        assertEquals(Direction.HIGHER_IS_BETTER, sharpe.direction());
        assertEquals(Direction.LOWER_IS_BETTER, drawdown.direction());
        assertTrue(drawdown.threshold().startsWith("Δ ≤ +0.02"), drawdown.threshold());
        assertEquals(List.of(Outcome.BASELINE, Outcome.PASS, Outcome.FAIL), sharpe.cells().stream().map(c -> c.verdict().outcome()).toList());
        assertEquals(List.of(Outcome.BASELINE, Outcome.PASS, Outcome.FAIL), drawdown.cells().stream().map(c -> c.verdict().outcome()).toList());
        assertEquals(Outcome.NO_GATE, comparison.row("pack_04_bear", "sharpe").orElseThrow().cells().get(1).verdict().outcome());
    }

    @Test
    void metricsWithoutAGateStillHaveADirection() {
        assertEquals(Direction.LOWER_IS_BETTER, rules.direction("embed_model", "latency_p95_ms"));
        assertEquals(Direction.HIGHER_IS_BETTER, rules.direction("embed_model", "recall_at_10"));
    }
}
