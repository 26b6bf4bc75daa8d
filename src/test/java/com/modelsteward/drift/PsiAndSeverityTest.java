package com.modelsteward.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PsiAndSeverityTest {

    private final DriftPolicy policy = DriftPolicy.DEFAULT;

    @Test
    void severityBoundariesFollowThePolicy() {
        assertEquals(Severity.NORMAL, policy.severity(0.0999999, null, null));
        assertEquals(Severity.MODERATE, policy.severity(0.1, null, null));
        assertEquals(Severity.MODERATE, policy.severity(0.1999999, null, null));
        assertEquals(Severity.SEVERE, policy.severity(0.2, null, null));
        assertEquals(Severity.SEVERE, DriftPolicy.CREDIT_RISK.severity(0.25, null, null));
        assertEquals(Severity.MODERATE, DriftPolicy.CREDIT_RISK.severity(0.2499, null, null));
    }

    @Test
    void ksRaisesToModerateOnlyWithSignificanceAndEffectSize() {
        assertEquals(Severity.MODERATE, policy.severity(0.01, 0.1, 0.049));
        assertEquals(Severity.NORMAL, policy.severity(0.01, 0.0999, 1e-30), "huge samples: tiny D never alarms");
        assertEquals(Severity.NORMAL, policy.severity(0.01, 0.5, 0.05), "p must be strictly below alpha");
        assertEquals(Severity.SEVERE, policy.severity(0.3, 0.5, 1e-9), "KS never lowers the PSI level");
    }

    @Test
    void environmentOverridesTheSevereThreshold() {
        DriftPolicy strict = policy.withEnvironment(Map.of(DriftPolicy.PSI_THRESHOLD_ENV, "0.15"));
        assertEquals(Severity.SEVERE, strict.severity(0.15, null, null));
        assertEquals(policy, policy.withEnvironment(Map.of()));
        DriftException bad = assertThrows(DriftException.class, () -> policy.withEnvironment(Map.of(DriftPolicy.PSI_THRESHOLD_ENV, "high")));
        assertTrue(bad.getMessage().contains("LEARN_DRIFT_PSI_THRESH"), bad.getMessage());
        assertThrows(DriftException.class, () -> policy.withEnvironment(Map.of(DriftPolicy.PSI_THRESHOLD_ENV, "0.05")));
    }

    @Test
    void aValueOnAnEdgeFallsInTheLowerBin() {
        double[] edges = {1.0, 2.0};
        assertEquals(0, Psi.binOf(edges, 1.0));
        assertEquals(1, Psi.binOf(edges, Math.nextUp(1.0)));
        assertEquals(1, Psi.binOf(edges, 2.0));
        assertEquals(2, Psi.binOf(edges, 2.5));
        assertArrayEquals(new long[] {2, 1, 1}, Psi.countsOfSorted(edges, new double[] {0.0, 1.0, 2.0, 3.0}));
        assertArrayEquals(new long[] {2, 1, 1}, Psi.countsOf(edges, new double[] {3.0, 1.0, 0.0, 2.0}));
    }

    @Test
    void duplicateEdgesCollapse() {
        double[] sorted = {0, 0, 0, 0, 0, 0, 0, 0, 1, 2};
        // numpy.unique(numpy.quantile(sorted, numpy.arange(1, 10) / 10)), to the bit
        assertArrayEquals(new double[] {0.0, 0.20000000000000018, 1.0999999999999996}, Psi.edges(sorted, 10));
    }

    @Test
    void zeroSharesBecomeEpsilonWithoutRenormalising() {
        double[] shares = Psi.shares(new long[] {0, 5, 5}, 10);
        assertArrayEquals(new double[] {1e-4, 0.5, 0.5}, shares);
        assertEquals((1e-4 - 0.5) * Math.log(1e-4 / 0.5) * 2 + (1.0 - 1e-4) * Math.log(1.0 / 1e-4),
                Psi.fromCounts(new long[] {5, 5, 0}, 10, new long[] {0, 0, 10}, 10), 1e-15);
    }

    @Test
    void categoricalPsiGivesNewAndVanishedCategoriesEpsilon() {
        Psi.Categorical result = Psi.categorical(Map.of("EU", 50L, "US", 50L), Map.of("US", 50L, "APAC", 50L));
        double expected = (0.5 - 1e-4) * Math.log(0.5 / 1e-4) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5);
        assertEquals(expected, result.psi(), 1e-15);
        assertArrayEquals(new double[] {1e-4, 0.5}, result.shares().get("APAC"));
        assertArrayEquals(new double[] {0.5, 1e-4}, result.shares().get("EU"));
        FeatureDrift same = DriftEngine.compareCategories("region", "FEATURE", Map.of("EU", 3L), Map.of("EU", 7L), policy);
        assertEquals(0.0, same.psi());
        assertEquals(Severity.SEVERE, DriftEngine.compareCategories("region", "FEATURE", Map.of("EU", 50L, "US", 50L),
                Map.of("US", 50L, "APAC", 50L), policy).severity());
    }

    @Test
    void nanAndInfinitiesAreDroppedAndCounted() {
        double[] reference = {1, 2, 3, Double.NaN, 4};
        double[] current = {Double.POSITIVE_INFINITY, 1, 2, Double.NEGATIVE_INFINITY, 3, 4};
        FeatureDrift drift = DriftEngine.compare("x", "FEATURE", reference, current, policy);
        assertEquals(4, drift.nReference());
        assertEquals(4, drift.nCurrent());
        assertEquals(3, drift.nDropped());
        assertEquals(0.0, drift.psi());
        assertEquals(0.0, drift.ksStatistic());
        assertEquals(1.0, drift.ksPvalue());
    }

    @Test
    void aSampleWithNoFiniteValueHasNoStatisticsAndNoData() {
        FeatureDrift drift = DriftEngine.compare("x", "FEATURE", new double[] {Double.NaN}, new double[] {1, 2}, policy);
        assertNull(drift.psi());
        assertNull(drift.ksPvalue());
        assertEquals(1, drift.nDropped());
        assertEquals(Severity.NO_DATA, drift.severity());
    }

    /** A window whose every current value was dropped measured nothing: it must not read as NORMAL. */
    @Test
    void aCurrentWindowWhoseEveryValueIsDroppedIsNoDataNotNormal() {
        double[] current = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        FeatureDrift drift = DriftEngine.compare("x", "FEATURE", new double[] {1, 2, 3, 4}, current, policy);
        assertEquals(Severity.NO_DATA, drift.severity());
        assertEquals("no data", drift.severity().label());
        assertEquals(3, drift.nDropped());
        assertEquals(0, drift.nCurrent());
        assertEquals(Severity.NO_DATA, DriftEngine.compareCategories("c", "FEATURE", java.util.Map.of("a", 3L), java.util.Map.of(), policy)
                .severity());
    }

    @Test
    void ksLocationIsWhereTheGapIsLargest() {
        Ks.Statistic ks = Ks.statistic(new double[] {1, 2, 3, 4}, new double[] {3, 4, 5, 6});
        assertEquals(0.5, ks.d());
        assertEquals(2.0, ks.location());
    }
}
