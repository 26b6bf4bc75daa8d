package com.modelsteward.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OtherDriftKindsTest {

    private final DriftPolicy policy = DriftPolicy.DEFAULT;

    @Test
    void twoProportionZTestNeedsSignificanceAndTheFloor() {
        LlmDrift.RateResult big = LlmDrift.rates(200, 10_000, 500, 10_000, policy);
        assertEquals(0.02, big.baselineRate());
        assertEquals(0.05, big.currentRate());
        // pooled p = 0.035; se = sqrt(0.035 * 0.965 * 2 / 10000)
        assertEquals(0.03 / Math.sqrt(0.035 * 0.965 * 2 / 10_000), big.z(), 1e-9);
        assertEquals(Severity.SEVERE, big.severity());
        assertEquals(Severity.MODERATE, LlmDrift.rates(2000, 100_000, 2300, 100_000, policy).severity(),
                "significant but below the 0.02 floor");
        assertEquals(Severity.MODERATE, LlmDrift.rates(1, 20, 2, 20, policy).severity(), "above the floor but not significant");
        assertEquals(Severity.NORMAL, LlmDrift.rates(100, 1000, 101, 1000, policy).severity());
    }

    @Test
    void rollingSharpeDecayBelowTheBandIsSevere() {
        double[] reference = new double[120];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = 0.001 + 0.01 * Math.sin(i * 1.7);
        }
        double[] decayed = new double[40];
        for (int i = 0; i < decayed.length; i++) {
            decayed[i] = -0.004 + 0.01 * Math.sin(i * 1.7);
        }
        PerformanceDrift.Result result = PerformanceDrift.evaluate(reference, decayed, policy);
        assertEquals(decayed.length - policy.sharpeWindow() + 1, result.currentSharpe().length);
        assertTrue(result.latest() < result.lower(), result.toString());
        assertEquals(Severity.SEVERE, result.severity());
        assertEquals(Severity.NORMAL, PerformanceDrift.evaluate(reference, reference, policy).severity());
    }

    @Test
    void lttbKeepsEndsAndPeaks() {
        int n = 1_000_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.sin(i / 5000.0);
        }
        y[654_321] = 50;
        int[] kept = Lttb.decimate(x, y, 500);
        assertEquals(500, kept.length);
        assertEquals(0, kept[0]);
        assertEquals(n - 1, kept[499]);
        assertTrue(java.util.Arrays.stream(kept).anyMatch(i -> i == 654_321), "the spike survives");
        assertArrayEquals(new int[] {0, 1, 2}, Lttb.decimate(new double[] {0, 1, 2}, new double[] {0, 1, 2}, 500));
    }

    @Test
    void featureNamesSelectTheDriftKind() {
        assertEquals(DriftKinds.PREDICTION, DriftKinds.of("prediction_score"));
        assertEquals(DriftKinds.PERFORMANCE, DriftKinds.of("daily_return"));
        assertEquals(DriftKinds.LLM, DriftKinds.of("llm_latency_ms"));
        assertEquals(DriftKinds.FEATURE, DriftKinds.of("vol_20d"));
    }
}
