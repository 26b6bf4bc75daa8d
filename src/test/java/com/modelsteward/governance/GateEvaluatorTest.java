package com.modelsteward.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.policy.Policy;
import com.modelsteward.policy.PolicyLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GateEvaluatorTest {

    private static final Policy POLICY = PolicyLoader.builtIn(Map.of());
    private static final List<String> PACKS = List.of("bench_core_v1");

    private static GateReport.GateCheck check(String type, String metric, Double candidate, Double baseline) {
        Map<String, Double> cand = new HashMap<>();
        cand.put(metric, candidate);
        Map<String, Map<String, Double>> base = baseline == null ? null : Map.of("bench_core_v1", Map.of(metric, baseline));
        return GateEvaluator.evaluateGates(POLICY.gatesFor(type), PACKS, Map.of("bench_core_v1", cand), base, GateEvaluator.Mode.THRESHOLDS)
                .stream().filter(c -> c.metric().equals(metric)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}: candidate {1} vs baseline {2} -> {3}")
    @CsvSource({
            // ΔSharpe >= +0.10: at, just above, just below
            "sharpe, 1.30, 1.20, true", "sharpe, 1.301, 1.20, true", "sharpe, 1.299, 1.20, false",
            // max drawdown not worse by more than 0.02 absolute
            "max_drawdown, 0.17, 0.15, true", "max_drawdown, 0.169, 0.15, true", "max_drawdown, 0.171, 0.15, false",
            // error rate not higher
            "error_rate, 0.002, 0.002, true", "error_rate, 0.0019, 0.002, true", "error_rate, 0.0021, 0.002, false"})
    void signalGatesAgainstTheActiveBaseline(String metric, double candidate, double baseline, boolean passes) {
        GateReport.GateCheck check = check("signal_model", metric, candidate, baseline);
        assertEquals(passes, check.passed(), check.toString());
        assertEquals("baseline", check.basis());
        assertEquals(candidate - baseline, check.delta(), 1e-12);
        assertEquals(passes ? "passed" : metric.equals("sharpe") ? "below threshold" : "above threshold", check.reason());
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource({
            "sharpe, 1.0, true", "sharpe, 1.001, true", "sharpe, 0.999, false",
            "max_drawdown, 0.20, true", "max_drawdown, 0.199, true", "max_drawdown, 0.201, false"})
    void withoutABaselineAbsoluteThresholdsApply(String metric, double candidate, boolean passes) {
        GateReport.GateCheck check = check("signal_model", metric, candidate, null);
        assertEquals(passes, check.passed(), check.toString());
        assertEquals("absolute", check.basis());
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource({
            "schema_valid_rate, 0.99, true", "schema_valid_rate, 0.991, true", "schema_valid_rate, 0.989, false",
            "citation_coverage, 0.90, true", "citation_coverage, 0.899, false",
            "refusal_rate, 0.005, true", "refusal_rate, 0.06, true", "refusal_rate, 0.061, false", "refusal_rate, 0.004, false"})
    void promptPackGates(String metric, double candidate, boolean passes) {
        GateReport.GateCheck check = check("prompt_pack", metric, candidate, null);
        assertEquals(passes, check.passed(), check.toString());
    }

    @Test
    void nanAndMissingMetricsAndPacksFail() {
        assertEquals("NaN", check("signal_model", "sharpe", Double.NaN, 1.0).reason());
        assertEquals("NaN", check("signal_model", "sharpe", null, 1.0).reason());
        assertFalse(check("signal_model", "sharpe", null, 1.0).passed());
        GateReport.GateCheck missing = GateEvaluator.evaluateGates(POLICY.gatesFor("signal_model"), PACKS,
                Map.of("bench_core_v1", Map.of("sharpe", 1.5)), null, GateEvaluator.Mode.THRESHOLDS).stream()
                .filter(c -> c.metric().equals("max_drawdown")).findFirst().orElseThrow();
        assertEquals("missing", missing.reason());
        assertFalse(missing.passed());
        var noPack = GateEvaluator.evaluateGates(POLICY.gatesFor("signal_model"), List.of("bench_core_v1", "pack_04_bear"),
                Map.of("bench_core_v1", Map.of("sharpe", 1.5, "max_drawdown", 0.1, "error_rate", 0.001)), null, GateEvaluator.Mode.THRESHOLDS);
        assertTrue(noPack.stream().anyMatch(c -> c.pack().equals("pack_04_bear") && c.reason().equals("missing") && !c.passed()));
        assertTrue(noPack.stream().filter(c -> c.pack().equals("bench_core_v1")).allMatch(GateReport.GateCheck::passed));
        GateReport.GateCheck baselineWithoutMetric = check("signal_model", "sharpe", 1.5, null);
        assertEquals("absolute", baselineWithoutMetric.basis());
    }

    @Test
    void theReportDigestIsStableAndRoundTrips() {
        var checks = GateEvaluator.evaluateGates(POLICY.gatesFor("signal_model"), PACKS,
                Map.of("bench_core_v1", Map.of("sharpe", 1.5, "max_drawdown", 0.1, "error_rate", 0.001)), null, GateEvaluator.Mode.THRESHOLDS);
        GateReport report = new GateReport("a-1", "signal_model", "l3-12", "SHADOW", "ACTIVE", null, null, "2026-11-01T12:00:00.000Z", PACKS,
                List.of(new GateReport.PrerequisiteCheck("shadow_period", true, "8 days")), checks, true, Map.of("LEARN_SHADOW_DURATION_DAYS", "9"));
        GateReport again = GateReport.fromJson(report.toCanonicalJson());
        assertEquals(report, again);
        assertEquals(report.digest(), again.digest());
        assertEquals(64, report.digest().length());
        GateReport other = new GateReport("a-2", "signal_model", "l3-12", "SHADOW", "ACTIVE", null, null, "2026-11-01T12:00:00.000Z", PACKS,
                List.of(), checks, true, Map.of());
        assertNotEquals(report.digest(), other.digest());
        assertTrue(report.toCanonicalJson().startsWith("{\"baselineModelId\":null,\"baselineScorecardDigest\":null,\"checks\":["), report.toCanonicalJson());
    }
}
