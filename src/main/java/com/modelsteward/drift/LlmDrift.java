package com.modelsteward.drift;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * LLM drift (docs/drift.md): a refusal or schema-fail rate against its baseline by a two-sided two-proportion z-test
 * with a pooled proportion, plus an absolute-delta floor so that a large sample does not alarm on a trivial change.
 * Significant and at least the floor is SEVERE; only one of the two is MODERATE.
 */
public final class LlmDrift {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private LlmDrift() {
    }

    public record RateResult(long baselineEvents, long baselineTotal, long currentEvents, long currentTotal,
                             double baselineRate, double currentRate, double z, double pValue, Severity severity) {

        public double delta() {
            return currentRate - baselineRate;
        }
    }

    public static RateResult rates(long baselineEvents, long baselineTotal, long currentEvents, long currentTotal, DriftPolicy policy) {
        if (baselineTotal == 0 || currentTotal == 0) {
            return new RateResult(baselineEvents, baselineTotal, currentEvents, currentTotal, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Severity.NO_DATA);
        }
        double p1 = (double) baselineEvents / baselineTotal;
        double p2 = (double) currentEvents / currentTotal;
        double pooled = (double) (baselineEvents + currentEvents) / (baselineTotal + currentTotal);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / baselineTotal + 1.0 / currentTotal));
        double z = se > 0 ? (p2 - p1) / se : 0;
        double p = se > 0 ? 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z)) : 1;
        boolean significant = p < policy.rateAlpha();
        boolean material = Math.abs(p2 - p1) >= policy.rateMinDelta();
        Severity severity = significant && material ? Severity.SEVERE
                : significant || material ? Severity.MODERATE : Severity.NORMAL;
        return new RateResult(baselineEvents, baselineTotal, currentEvents, currentTotal, p1, p2, z, p, severity);
    }

    /** Events (values ≠ 0) and total among the finite values of a 0/1 sample. */
    public static long[] eventsAndTotal(double[] values) {
        long events = 0;
        long total = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                total++;
                if (v != 0) {
                    events++;
                }
            }
        }
        return new long[] {events, total};
    }
}
