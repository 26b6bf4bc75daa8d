package com.modelsteward.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fast large-sample tail against Commons Statistics' double-double evaluation of the same quantity. */
class SmirnovTailTest {

    @ParameterizedTest(name = "{0} n={1} shift={2}")
    @CsvSource({"bell, 150000, 0.01", "bell, 150000, 0.03", "heavy, 150000, 0.01", "int, 20000, 0.0"})
    void agreesWithCommonsOnLargeSamples(String kind, int n, double shift) {
        double[] a = SyntheticSamples.generate(kind, 7, n, 1.0, 0.0, 0.0);
        double[] b = SyntheticSamples.generate(kind, 8, n + 11, kind.equals("int") ? 1.0 : 1.01, shift, 0.0);
        if (kind.equals("int")) {
            for (int i = 0; i < b.length; i += 9) {
                b[i] = 9.0; // a heavier top category: tied data with a clear D
            }
        }
        Arrays.sort(a);
        Arrays.sort(b);
        Ks.Statistic ks = Ks.statistic(a, b);
        double d = ks.d();
        int effective = (int) Math.rint((double) n * (n + 11) / (2.0 * n + 11));
        assertTrue(SmirnovTail.applies(d, effective), "the case exercises the fast tail: D=" + d);
        double expected = KolmogorovSmirnovTest.withDefaults().with(PValueMethod.ASYMPTOTIC).test(a, b).getPValue();
        double got = Ks.pValue(ks, a, b);
        assertEquals(expected, got, expected * 1e-10, "p-value");
    }

    /** The walk's own log1p: within two ulps of the JDK's wherever it takes the series, and the JDK's beyond. */
    @Test
    void theSeriesLogarithmMatchesTheJdks() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(23);
        for (int k = 0; k < 200_000; k++) {
            double u = (random.nextBoolean() ? 1 : -1) * Math.scalb(1 + random.nextDouble(), -11 - random.nextInt(60)); // below 2^-10: the series
            assertEquals(Math.log1p(u), SmirnovTail.log1p(u), 2 * Math.ulp(Math.log1p(u)), "log1p(" + u + ")");
        }
        for (double u : new double[] {0x1.0p-10, -0x1.0p-10, 0.01, -0.5, 3.0, 0.0}) {
            assertEquals(Math.log1p(u), SmirnovTail.log1p(u), 0.0, "log1p(" + u + ")");
        }
    }

    @Test
    void theBranchIsOnlyTakenWhereItIsValid() {
        assertFalse(SmirnovTail.applies(0.001, 500_000), "n·x² < 2.2 is the Pelz–Good region");
        assertFalse(SmirnovTail.applies(0.3, 100), "small n uses other methods");
        assertFalse(SmirnovTail.applies(0.01, 2_000_000), "beyond Commons' limiting-form threshold");
        assertFalse(SmirnovTail.applies(0.05, 500_000), "n·x² ≥ 370 underflows to 0");
        assertTrue(SmirnovTail.applies(0.005, 500_000));
    }
}
