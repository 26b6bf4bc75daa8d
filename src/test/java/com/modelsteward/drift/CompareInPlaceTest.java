package com.modelsteward.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The command line's in-place comparison gives what the copying one gives, with and without values to drop. */
class CompareInPlaceTest {

    private static double[] sample(Random random, int n, double shift, double nonFinite) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            double draw = random.nextDouble();
            values[i] = draw < nonFinite / 3 ? Double.NaN : draw < 2 * nonFinite / 3 ? Double.POSITIVE_INFINITY
                    : draw < nonFinite ? Double.NEGATIVE_INFINITY : Math.floor((random.nextGaussian() + shift) * 64) / 64;
        }
        return values;
    }

    private static void assertSameDrift(FeatureDrift expected, FeatureDrift actual) {
        assertEquals(expected.nReference(), actual.nReference());
        assertEquals(expected.nCurrent(), actual.nCurrent());
        assertEquals(expected.nDropped(), actual.nDropped());
        assertEquals(expected.psi(), actual.psi());
        assertEquals(expected.ksStatistic(), actual.ksStatistic());
        assertEquals(expected.ksPvalue(), actual.ksPvalue());
        assertEquals(expected.ksLocation(), actual.ksLocation());
        assertEquals(expected.severity(), actual.severity());
        assertArrayEquals(expected.edges(), actual.edges());
        assertArrayEquals(expected.referenceShares(), actual.referenceShares());
        assertArrayEquals(expected.currentShares(), actual.currentShares());
    }

    @Test
    void inPlaceEqualsCopying() {
        Random random = new Random(23);
        for (int[] sizes : new int[][] {{1, 1}, {5, 3}, {1000, 1000}, {20_000, 15_000}, {200_000, 100_000}}) {
            for (double nonFinite : new double[] {0, 0.01}) {
                double[] reference = sample(random, sizes[0], 0, nonFinite);
                double[] current = sample(random, sizes[1], 0.1, nonFinite);
                FeatureDrift copying = DriftEngine.compare("x", "FEATURE", reference, current, DriftPolicy.DEFAULT);
                FeatureDrift inPlace = DriftEngine.compareInPlace("x", "FEATURE", reference.clone(), current.clone(), DriftPolicy.DEFAULT);
                assertSameDrift(copying, inPlace);
            }
        }
    }

    @Test
    void onlyNonFiniteValuesIsNoData() {
        double[] nothing = {Double.NaN, Double.POSITIVE_INFINITY};
        FeatureDrift drift = DriftEngine.compareInPlace("x", "FEATURE", nothing.clone(), new double[] {1, 2}, DriftPolicy.DEFAULT);
        assertEquals(Severity.NO_DATA, drift.severity());
        assertEquals(2, drift.nDropped());
        assertSameDrift(DriftEngine.compare("x", "FEATURE", nothing, new double[] {1, 2}, DriftPolicy.DEFAULT), drift);
    }

    @Test
    void samplesWithNothingToDropAreSortedWhereTheyAre() {
        double[] reference = {3, 1, 2};
        double[] current = {0.5, 4, 2.5};
        DriftEngine.compareInPlace("x", "FEATURE", reference, current, DriftPolicy.DEFAULT);
        assertArrayEquals(new double[] {1, 2, 3}, reference);
        assertArrayEquals(new double[] {0.5, 2.5, 4}, current);
    }
}
