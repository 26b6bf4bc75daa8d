package com.modelsteward.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.DoubleStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * D from the merge-walk against a brute-force ECDF on small random samples with heavy ties (a handful of distinct
 * values, so most values are tied within and across the samples): the exact lattice numerator, the double, and the
 * location where the gap is reached.
 */
@Tag("fuzz")
class KsStatisticPropertyTest {

    @Property(tries = 1000)
    void dIsTheLargestGapBetweenTheTwoEcdfsExactly(@ForAll("tied") double[] a, @ForAll("tied") double[] b) {
        double[] sortedA = a.clone();
        double[] sortedB = b.clone();
        Arrays.sort(sortedA);
        Arrays.sort(sortedB);
        long n = a.length;
        long m = b.length;

        long best = DoubleStream.concat(Arrays.stream(a), Arrays.stream(b))
                .mapToLong(v -> gapTimesNm(a, b, v)).max().orElseThrow(); // |F_a(v) − F_b(v)| · n · m
        Ks.Statistic ks = Ks.statistic(sortedA, sortedB);

        assertEquals(n * m, ks.denominator() * gcd(n, m), "the denominator is lcm(n, m)");
        assertEquals(best, ks.numerator() * gcd(n, m), "D on the lattice");
        assertEquals((double) best / (n * m), ks.d(), 0.0, "D rounded once");
        assertEquals(best, gapTimesNm(a, b, ks.location()), "the gap at the reported location is D");
        double first = DoubleStream.concat(Arrays.stream(a), Arrays.stream(b)).filter(v -> gapTimesNm(a, b, v) == best)
                .min().orElseThrow();
        assertEquals(first, ks.location(), 0.0, "the location is the first value where the gap is D");
    }

    @Provide
    Arbitrary<double[]> tied() {
        return Arbitraries.integers().between(-2, 3).map(k -> k * 0.5)
                .array(double[].class).ofMinSize(1).ofMaxSize(40);
    }

    private static long gapTimesNm(double[] a, double[] b, double v) {
        long atOrBelowA = Arrays.stream(a).filter(x -> x <= v).count();
        long atOrBelowB = Arrays.stream(b).filter(x -> x <= v).count();
        return Math.abs(atOrBelowA * b.length - atOrBelowB * a.length);
    }

    private static long gcd(long x, long y) {
        return y == 0 ? x : gcd(y, x % y);
    }
}
