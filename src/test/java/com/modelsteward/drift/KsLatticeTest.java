package com.modelsteward.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * D of exactly one tenth must meet a threshold of 0.1 (issue 23): the held-out cases where the sum of two rounded
 * fractions came out one ulp short and a MODERATE feature was reported NORMAL. Expected p-values are scipy 1.17.1's
 * {@code ks_2samp(method="auto")}.
 */
class KsLatticeTest {

    private final DriftPolicy policy = DriftPolicy.DEFAULT;

    @Test
    void aTenthAtAThousandByAThousandIsModerate() {
        double[] reference = spread(1000, 0, 1000);
        double[] current = concat(spread(900, 0, 1000), constant(100, 1005));

        FeatureDrift drift = DriftEngine.compare("x", "FEATURE", reference, current, policy);

        assertEquals(0.1, drift.ksStatistic(), 0.0, "D is 1/10 rounded once");
        assertEquals(8.974277567313009e-05, drift.ksPvalue(), 8.974277567313009e-05 * 1e-6);
        assertTrue(drift.psi() < policy.moderatePsi(), "PSI alone would say NORMAL: " + drift.psi());
        assertEquals(Severity.MODERATE, drift.severity());
    }

    @Test
    void aTenthAtFiveHundredByTwoThousandIsModerate() {
        double[] reference = spread(500, 1, 1001);
        double[] current = concat(spread(1800, 0, 1000), constant(200, 1005));

        FeatureDrift drift = DriftEngine.compare("x", "FEATURE", reference, current, policy);

        assertEquals(0.1, drift.ksStatistic(), 0.0);
        assertEquals(6.380385751415398e-04, drift.ksPvalue(), 6.380385751415398e-04 * 1e-6);
        assertTrue(drift.psi() < policy.moderatePsi(), "PSI alone would say NORMAL: " + drift.psi());
        assertEquals(Severity.MODERATE, drift.severity());
    }

    @Test
    void theStatisticIsAnIntegerNumeratorOverTheLeastCommonMultiple() {
        Ks.Statistic ks = Ks.statistic(spread(1000, 0, 1000), concat(spread(1800, 0, 1000), constant(200, 1005)));

        assertEquals(2000, ks.denominator(), "lcm(1000, 2000)");
        assertEquals(200, ks.numerator());
        assertEquals(0.1, ks.d(), 0.0);
    }

    @Test
    void aRatioBeyondTwoToTheFiftyThreeIsStillRoundedOnce() {
        long denominator = (1L << 60) + 3;
        long numerator = denominator / 10;
        double expected = new BigDecimal(numerator)
                .divide(new BigDecimal(denominator), new MathContext(60)).doubleValue();
        assertEquals(expected, Ks.ratio(numerator, denominator), 0.0);
        assertEquals(1.0 / 3, Ks.ratio(1, 3), 0.0);
    }

    /** count values a + floor(i·(b − a)/count): spread evenly over [a, b), as the golden generator writes them. */
    static double[] spread(int count, long a, long b) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = a + Math.floorDiv(i * (b - a), count);
        }
        return values;
    }

    static double[] constant(int count, double value) {
        double[] values = new double[count];
        Arrays.fill(values, value);
        return values;
    }

    static double[] concat(double[] first, double[] second) {
        double[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
