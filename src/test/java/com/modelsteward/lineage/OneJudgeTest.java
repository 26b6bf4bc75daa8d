package com.modelsteward.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.governance.GateEvaluator;
import com.modelsteward.governance.GateReport;
import com.modelsteward.policy.Policy;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.Scorecard;
import com.modelsteward.scorecards.MetricRules.Outcome;
import com.modelsteward.scorecards.PolicyMetricRules;
import com.modelsteward.scorecards.ScorecardComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 18, "two judges": the engine and the views (Scorecards, model card) once judged gates differently, so that
 * error_rate 0.1 + 0.2 against "≤ 0.3" passed a promotion and failed on screen. Both paths get the same values here.
 */
class OneJudgeTest {

    private static final Policy POLICY = PolicyLoader.fromText("""
            name: judges
            types:
              rates:
                gates:
                  error_rate: {direction: LOWER_IS_BETTER, threshold: 0.3}
              relative_only:
                gates:
                  sharpe: {direction: HIGHER_IS_BETTER, minImprovement: 0.1}
              both:
                gates:
                  sharpe: {direction: HIGHER_IS_BETTER, minImprovement: 0.1, threshold: 1.0}
              band:
                gates:
                  refusal_rate: {direction: IN_BAND, band: [0.01, 0.03]}
            """, "test", true, Map.of());

    private static boolean engine(String type, String metric, Double candidate, Double baseline) {
        Map<String, Map<String, Double>> base = baseline == null ? null : Map.of("bench_core_v1", Map.of(metric, baseline));
        List<GateReport.GateCheck> checks = GateEvaluator.evaluateGates(POLICY.gatesFor(type), List.of("bench_core_v1"),
                Map.of("bench_core_v1", Map.of(metric, candidate)), base, GateEvaluator.Mode.THRESHOLDS);
        return !checks.isEmpty() && checks.stream().allMatch(GateReport.GateCheck::passed);
    }

    private static Outcome view(String type, String metric, Double candidate, Double baseline) {
        List<ScorecardComparison.Version> versions = new ArrayList<>();
        if (baseline != null) {
            versions.add(new ScorecardComparison.Version("base", "base", type, List.of(new Scorecard("base", "bench_core_v1", metric, baseline, "t"))));
        }
        versions.add(new ScorecardComparison.Version("new", "new", type, List.of(new Scorecard("new", "bench_core_v1", metric, candidate, "t"))));
        ScorecardComparison comparison = ScorecardComparison.compare(versions, baseline == null ? -1 : 0, new PolicyMetricRules(POLICY));
        return comparison.row("bench_core_v1", metric).orElseThrow().cells().getLast().verdict().outcome();
    }

    @ParameterizedTest(name = "{0} {1}: candidate {2}, baseline {3}")
    @CsvSource({
            // 0.1 + 0.2 is 0.30000000000000004 in doubles: at the threshold, so it passes everywhere
            "rates, error_rate, 0.30000000000000004, ",
            "rates, error_rate, 0.3000001, ",
            "rates, error_rate, 0.30000000000000004, 0.1",
            // a relative-only gate without a baseline: the first live version sets the baseline (engine's rule)
            "relative_only, sharpe, 0.2, ",
            "relative_only, sharpe, 1.3, 1.2",
            "relative_only, sharpe, 1.29, 1.2",
            // relative and absolute both hold when there is a baseline
            "both, sharpe, 0.9, 0.7",
            "both, sharpe, 1.3, 1.2",
            "both, sharpe, 1.25, 1.2",
            "band, refusal_rate, 0.03, ",
            "band, refusal_rate, 0.0300001, "})
    void theEngineAndTheViewsGiveOneVerdict(String type, String metric, double candidate, Double baseline) {
        boolean passes = engine(type, metric, candidate, baseline);
        assertEquals(passes ? Outcome.PASS : Outcome.FAIL, view(type, metric, candidate, baseline), "engine says " + (passes ? "PASS" : "FAIL"));
    }

    @ParameterizedTest(name = "0.1 + 0.2 against <= 0.3 with baseline {0}")
    @CsvSource({"0.5", "-1"})
    void pointOnePlusPointTwoPassesOnBothPaths(double baseline) {
        double errorRate = 0.1 + 0.2;
        Double base = baseline < 0 ? null : baseline;
        assertTrue(engine("rates", "error_rate", errorRate, base), "engine");
        assertEquals(Outcome.PASS, view("rates", "error_rate", errorRate, base), "Scorecards view and model card");
    }
}
