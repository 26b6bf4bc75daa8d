package com.modelsteward.scorecards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.Scorecard;
import com.modelsteward.scorecards.MetricRules.Direction;
import com.modelsteward.scorecards.MetricRules.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorecardComparisonTest {

    private final MetricRules rules = new PolicyMetricRules(PolicyLoader.builtIn(Map.of()));

    private static Scorecard s(String model, String pack, String metric, Double value) {
        return new Scorecard(model, pack, metric, value, "2026-11-01T00:00:00.000Z");
    }

    private static ScorecardComparison.Version signal(String id, Scorecard... scorecards) {
        return new ScorecardComparison.Version(id, id, "signal_model", List.of(scorecards));
    }

    private Outcome outcome(ScorecardComparison comparison, String metric, int version) {
        return comparison.row("bench_core_v1", metric).orElseThrow().cells().get(version).verdict().outcome();
    }

    @Test
    void sharpeNeedsAnImprovementOfATenthOverTheBaseline() {
        ScorecardComparison comparison = ScorecardComparison.compare(List.of(
                signal("base", s("base", "bench_core_v1", "sharpe", 1.20)),
                signal("good", s("good", "bench_core_v1", "sharpe", 1.30)),
                signal("weak", s("weak", "bench_core_v1", "sharpe", 1.29))), 0, rules);
        ScorecardComparison.Row row = comparison.row("bench_core_v1", "sharpe").orElseThrow();
        assertEquals(Direction.HIGHER_IS_BETTER, row.direction());
        assertEquals("Δ ≥ +0.1 and ≥ 1", row.threshold(), "the relative and the absolute rule both hold");
        assertEquals(0.10, row.cells().get(1).delta(), 1e-9);
        assertEquals(Outcome.BASELINE, outcome(comparison, "sharpe", 0));
        assertEquals(Outcome.PASS, outcome(comparison, "sharpe", 1));
        assertEquals(Outcome.FAIL, outcome(comparison, "sharpe", 2));
    }

    @Test
    void lowerIsBetterMetricsFailWhenTheyRise() {
        ScorecardComparison comparison = ScorecardComparison.compare(List.of(
                signal("base", s("base", "bench_core_v1", "max_drawdown", 0.10), s("base", "bench_core_v1", "error_rate", 0.004)),
                signal("a", s("a", "bench_core_v1", "max_drawdown", 0.12), s("a", "bench_core_v1", "error_rate", 0.003)),
                signal("b", s("b", "bench_core_v1", "max_drawdown", 0.1201), s("b", "bench_core_v1", "error_rate", 0.0041))), 0, rules);
        assertEquals(Direction.LOWER_IS_BETTER, comparison.row("bench_core_v1", "max_drawdown").orElseThrow().direction());
        assertEquals(Outcome.PASS, outcome(comparison, "max_drawdown", 1), "exactly 0.02 worse is allowed");
        assertEquals(Outcome.FAIL, outcome(comparison, "max_drawdown", 2));
        assertEquals(Outcome.PASS, outcome(comparison, "error_rate", 1));
        assertEquals(Outcome.FAIL, outcome(comparison, "error_rate", 2));
        assertTrue(comparison.passesAllGates(1));
        assertFalse(comparison.passesAllGates(2));
    }

    @Test
    void aMissingScorecardStaysMissingAndFailsItsGate() {
        ScorecardComparison comparison = ScorecardComparison.compare(List.of(
                signal("base", s("base", "bench_core_v1", "sharpe", 1.2), s("base", "pack_04_bear", "sharpe", 0.8)),
                signal("new", s("new", "pack_04_bear", "sharpe", 0.9))), 0, rules);
        ScorecardComparison.Cell cell = comparison.row("bench_core_v1", "sharpe").orElseThrow().cells().get(1);
        assertNull(cell.value());
        assertNull(cell.delta());
        assertEquals(Outcome.FAIL, cell.verdict().outcome());
        ScorecardComparison.Cell ungated = comparison.row("pack_04_bear", "sharpe").orElseThrow().cells().get(1);
        assertEquals(Outcome.NO_GATE, ungated.verdict().outcome(), "only the required packs are gated");
        assertTrue(comparison.toCsv().contains("bench_core_v1,sharpe,higher is better,Δ ≥ +0.1 and ≥ 1,1.2,missing,,✗ fail"), comparison.toCsv());
    }

    @Test
    void promptPacksAreJudgedOnAbsoluteThresholdsWithoutABaseline() {
        ScorecardComparison comparison = ScorecardComparison.compare(List.of(
                new ScorecardComparison.Version("p", "p", "prompt_pack", List.of(s("p", "bench_core_v1", "schema_valid_rate", 0.995),
                        s("p", "bench_core_v1", "refusal_rate", 0.09)))), -1, rules);
        assertEquals(Outcome.PASS, outcome(comparison, "schema_valid_rate", 0));
        assertEquals(Outcome.FAIL, outcome(comparison, "refusal_rate", 0));
        assertEquals(Direction.IN_BAND, comparison.row("bench_core_v1", "refusal_rate").orElseThrow().direction());
    }

    @Test
    void thresholdsFollowTheEnvironment() {
        MetricRules strict = new PolicyMetricRules(PolicyLoader.builtIn(Map.of("LEARN_GATE_DELTA_SHARPE", "0.5")));
        ScorecardComparison comparison = ScorecardComparison.compare(List.of(
                signal("base", s("base", "bench_core_v1", "sharpe", 1.0)), signal("new", s("new", "bench_core_v1", "sharpe", 1.3))), 0, strict);
        assertEquals(Outcome.FAIL, outcome(comparison, "sharpe", 1));
    }

    @Test
    void negativeDeltasStayNumbersInTheCsv() {
        ScorecardComparison comparison = ScorecardComparison.compare(List.of(
                signal("base", s("base", "bench_core_v1", "sharpe", 1.5)), signal("new", s("new", "bench_core_v1", "sharpe", 1.25))), 0, rules);
        assertTrue(comparison.toCsv().contains(",1.5,1.25,-0.25,✗ fail\r\n"), comparison.toCsv());
    }

    @Test
    void aVersionLabelStartingWithEqualsIsNeutralisedInTheHeader() {
        ScorecardComparison comparison = ScorecardComparison.compare(List.of(
                new ScorecardComparison.Version("x", "=cmd()", "signal_model", List.of(s("x", "bench_core_v1", "sharpe", 1.0)))), 0, rules);
        assertTrue(comparison.toCsv().contains(",'=cmd() (baseline) value"), comparison.toCsv());
    }
}
