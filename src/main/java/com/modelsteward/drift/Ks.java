package com.modelsteward.drift;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigInteger;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * Two-sample, two-sided Kolmogorov–Smirnov test with scipy's {@code ks_2samp(method='auto')} conventions
 * (docs/drift.md, "KS").
 *
 * <p>D is found by one merge-walk over the two sorted samples, stepping over all copies of a value at once, so ties are
 * exact, and is kept as an integer numerator over lcm(n, m). The p-value is exact when max(n, m) ≤ {@link #MAX_EXACT_N}
 * and otherwise the finite-n Kolmogorov distribution at n_eff = round(n·m/(n+m)), rounded half to even as numpy does;
 * both come from Apache Commons Statistics, whose two-sample test implements this convention (Commons Math 3 jitters
 * ties and uses the limiting series instead). Commons needs two values per sample, so a single value against at most
 * 10 000 is handled here by counting lattice paths, as scipy does; and the large-n tail, where drifted production
 * samples land, is evaluated by {@link SmirnovTail} with the same arithmetic in a fraction of the time.
 */
public final class Ks {

    /** scipy's MAX_AUTO_N: above it the exact distribution is too slow and the asymptotic one is accurate. */
    public static final int MAX_EXACT_N = 10_000;

    private static final KolmogorovSmirnovTest EXACT = KolmogorovSmirnovTest.withDefaults()
            .with(AlternativeHypothesis.TWO_SIDED).with(PValueMethod.EXACT);
    private static final MethodHandle KSTWO_SF = kolmogorovSfHandle();

    private Ks() {
    }

    /**
     * D = numerator / denominator exactly, with the denominator lcm(n, m), and the value at which |F_ref − F_cur| reaches
     * it (the first such value in ascending order).
     */
    public record Statistic(long numerator, long denominator, double location) {

        /** D rounded once to the nearest double, as scipy reports it ({@code h / lcm}): 1/10 is 0.1, not 0.1 − 1 ulp. */
        public double d() {
            return ratio(numerator, denominator);
        }
    }

    /**
     * The KS statistic of two sorted, finite, non-empty samples. The walk keeps i·(m/g) − j·(n/g) in integers (g =
     * gcd(n, m)), so D is the exact lattice value: the difference of the two rounded fractions i/n and j/m can miss a
     * threshold such as 0.1 by one ulp.
     */
    public static Statistic statistic(double[] sortedA, double[] sortedB) {
        int n = sortedA.length;
        int m = sortedB.length;
        long g = gcd(n, m);
        long stepA = m / g;
        long stepB = n / g;
        int i = 0;
        int j = 0;
        long best = 0;
        double location = Double.NaN;
        while (i < n && j < m) {
            double v = Math.min(sortedA[i], sortedB[j]);
            while (i < n && sortedA[i] == v) {
                i++;
            }
            while (j < m && sortedB[j] == v) {
                j++;
            }
            long gap = Math.abs(i * stepA - j * stepB);
            if (gap > best) {
                best = gap;
                location = v;
            }
        }
        // Past the end of one sample the gap only shrinks, so the walk may stop there.
        if (Double.isNaN(location)) {
            location = n > 0 ? sortedA[0] : Double.NaN;
        }
        return new Statistic(best, n / g * m, location);
    }

    /** numerator / denominator rounded once to the nearest double (ties to even), for any non-negative longs. */
    static double ratio(long numerator, long denominator) {
        if (numerator < 1L << 53 && denominator < 1L << 53) {
            return (double) numerator / denominator; // both exact, and IEEE division rounds once
        }
        // 64 quotient bits and a sticky bit for the remainder: BigInteger.doubleValue then rounds once, correctly.
        BigInteger[] qr = BigInteger.valueOf(numerator).shiftLeft(128).divideAndRemainder(BigInteger.valueOf(denominator));
        BigInteger q = qr[1].signum() == 0 ? qr[0] : qr[0].shiftLeft(1).setBit(0);
        int shift = qr[1].signum() == 0 ? 128 : 129;
        return Math.scalb(q.doubleValue(), -shift);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /**
     * The two-sided p-value of D for these sorted samples, switching as scipy's {@code auto} does: exact when
     * max(n, m) ≤ {@link #MAX_EXACT_N} (the samples matter only to Commons' exact path), otherwise kstwo.sf(D, n_eff)
     * — also when one sample is a single value.
     */
    public static double pValue(Statistic ks, double[] sortedA, double[] sortedB) {
        int n = sortedA.length;
        int m = sortedB.length;
        if (Math.max(n, m) <= MAX_EXACT_N) {
            return Math.min(n, m) == 1 ? exactByPaths(ks.numerator() * gcd(n, m), n, m) : EXACT.test(sortedA, sortedB).getPValue();
        }
        double d = ks.d();
        int effective = effectiveN(n, m);
        if (SmirnovTail.applies(d, effective)) {
            return SmirnovTail.twoSided(d, effective);
        }
        return kolmogorovSf(d, effective);
    }

    /**
     * scipy's n_eff = np.round(n·m/(n+m)), the larger sample first, in doubles: numpy rounds half to even, so n = m =
     * 10 001 gives 5 000, where Commons' own asymptotic test (Math.round) would use 5 001.
     */
    static int effectiveN(int n, int m) {
        double big = Math.max(n, m);
        double small = Math.min(n, m);
        return (int) Math.rint(big * small / (big + small));
    }

    /** kstwo.sf(d, n): Commons Statistics' finite-n Kolmogorov distribution, called with our own n_eff. */
    static double kolmogorovSf(double d, int n) {
        try {
            return (double) KSTWO_SF.invokeExact(d, n);
        } catch (Throwable impossible) {
            throw new IllegalStateException("Commons Statistics' KolmogorovSmirnovDistribution.Two.sf failed", impossible);
        }
    }

    /**
     * Commons keeps the distribution package-private and reaches it only through its two-sample test, which rounds
     * n_eff half up; scipy rounds half to even. Commons sits on the class path (an open, unnamed module), so a private
     * lookup reaches it; KsBoundaryGoldenTest fails if an upgrade moves it.
     */
    private static MethodHandle kolmogorovSfHandle() {
        try {
            Class<?> two = Class.forName("org.apache.commons.statistics.inference.KolmogorovSmirnovDistribution$Two");
            return MethodHandles.privateLookupIn(two, MethodHandles.lookup())
                    .findStatic(two, "sf", MethodType.methodType(double.class, double.class, int.class));
        } catch (ReflectiveOperationException moved) {
            throw new ExceptionInInitializerError(moved);
        }
    }

    /**
     * P(D ≥ d) under the null over all C(n+m, n) orderings, by counting the monotone lattice paths that stay strictly
     * inside |i·m − j·n| &lt; h, h = D·n·m (integer arithmetic, so no tolerance is needed).
     */
    static double exactByPaths(long h, int n, int m) {
        double[] inside = new double[m + 1];
        inside[0] = 1;
        for (int j = 1; j <= m; j++) {
            inside[j] = Math.abs(0L - (long) j * n) < h ? inside[j - 1] : 0;
        }
        for (int i = 1; i <= n; i++) {
            inside[0] = Math.abs((long) i * m) < h ? inside[0] : 0;
            for (int j = 1; j <= m; j++) {
                inside[j] = Math.abs((long) i * m - (long) j * n) < h ? inside[j] + inside[j - 1] : 0;
            }
        }
        double total = binomial(n + m, Math.min(n, m));
        return Math.min(1, Math.max(0, 1 - inside[m] / total));
    }

    private static double binomial(int n, int k) {
        double result = 1;
        for (int i = 1; i <= k; i++) {
            result = result * (n - k + i) / i;
        }
        return result;
    }
}
