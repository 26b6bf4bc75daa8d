package com.modelsteward.drift;

import org.apache.commons.numbers.core.DD;

/**
 * The upper tail P(D_n ≥ x) of the two-sided Kolmogorov distribution for large n where it equals twice the one-sided
 * Smirnov tail (Miller's approximation, the branch scipy's {@code kstwo.sf} and Commons Statistics both take when
 * n &gt; 140 and n·x² ≥ 2.2) — the branch where large drifted samples land.
 *
 * <p>The one-sided tail is the Birnbaum–Tingey sum x · Σ_j C(n, j) (j/n + x)^(j−1) ((n−j)/n − x)^(n−j), all terms
 * positive. Commons Statistics computes every term with two double-double powers (≈ 0.3 s at n = 500 000, the
 * effective n of two samples of 10^6); {@link #oneSided} walks the terms by their ratio instead. Agreement with
 * Commons and scipy is checked to 1e-9 relative by the golden tests (observed ≈ 1e-12).
 */
final class SmirnovTail {

    /** Above this Commons (and so the convention) switches to the Magg–Dicaire limiting form: not handled here. */
    static final int MAX_N = 1_000_000;

    private SmirnovTail() {
    }

    /** Whether {@link #twoSided} applies: the large-n Miller branch, away from the exact edge cases. */
    static boolean applies(double x, int n) {
        double nxx = n * x * x;
        return n > 140 && n <= MAX_N && nxx >= 2.2 && nxx < 370 && x < 1 && n * x > 1 && n * x < n - 1;
    }

    /** P(D_n ≥ x) = 2 · P(D_n⁺ ≥ x), for arguments where {@link #applies} holds. */
    static double twoSided(double x, int n) {
        return Math.min(1, 2 * oneSided(x, n));
    }

    /**
     * P(D_n⁺ ≥ x) by the Birnbaum–Tingey sum, walking the terms with their ratio
     * <pre>A(j+1)/A(j) = (n−j)/(j+1) · a(j+1)/b(j) · exp((j−1)·log1p(1/(n·a(j))) + (n−j−1)·log1p(−1/(n·b(j))))</pre>
     * with a(j) = x + j/n and b(j) = 1 − x − j/n: one exp and two log1p per term, each exact to an ulp of an argument
     * of order one, instead of two large powers. The first term (1 − x)^n / x is a double-double power. Terms are kept
     * relative to a power-of-two scale (they span thousands of orders of magnitude), and the walk stops once they fall
     * below 2^−64 of the sum past the peak.
     */
    static double oneSided(double x, int n) {
        int k = (int) DD.ofProduct(n, x).floor().hi();
        int last = n - k - 1;
        long[] exponent = {0};
        int[] scale = {0};
        DD first = DD.ofDifference(1, x).pow(n, exponent).divide(x).frexp(scale);
        double term = first.doubleValue();
        long termExponent = exponent[0] + scale[0];
        // The sum carries the exponent of the current term; it is rescaled whenever the term is. It is a double-double
        // kept in two locals, added to as DD.add(double) does, operation for operation: a DD per term was hundreds of
        // thousands of objects per p-value, the garbage that made the heap grow while the command held its samples.
        double sumHigh = term;
        double sumLow = 0;
        long sumExponent = termExponent;
        double invN = 1.0 / n;
        for (int j = 0; j < last; j++) {
            double a = x + j * invN;
            double b = (double) (n - j) / n - x;
            double aNext = x + (j + 1) * invN;
            double ratio = (double) (n - j) / (j + 1) * (aNext / b)
                    * Math.exp((j - 1) * log1p(invN / a) + (n - j - 1) * log1p(-invN / b));
            term *= ratio;
            int shift = Math.getExponent(term);
            if (shift > 256 || shift < -256) {
                term = Math.scalb(term, -shift);
                termExponent += shift;
            }
            long gap = termExponent - sumExponent;
            if (gap != 0) {
                DD rescaled = DD.ofSum(sumHigh, sumLow).scalb((int) Math.max(-2000, Math.min(2000, -gap)));
                sumHigh = rescaled.hi();
                sumLow = rescaled.lo();
                sumExponent = termExponent;
            }
            double high = sumHigh + term;
            double virtual = high - sumHigh;
            double low = (sumHigh - (high - virtual)) + (term - virtual) + sumLow;
            sumHigh = high + low;
            sumLow = low - (sumHigh - high);
            if (ratio < 1 && term < sumHigh * 0x1.0p-64) {
                break;
            }
        }
        DD sum = DD.ofSum(sumHigh, sumLow);
        return Math.max(0, Math.min(1, sum.multiply(x).scalb((int) Math.max(Integer.MIN_VALUE / 2, sumExponent)).doubleValue()));
    }

    /**
     * log(1 + u). The walk's arguments are ±1/(n·a) and are nearly all below 2^−10, where seven terms of the series
     * leave out less than u^8/8 (below 2^−83 of the result) and the evaluation rounds to within an ulp or two, as
     * {@link Math#log1p} does; that method (fdlibm in Java, not an intrinsic) was most of the walk's time. Larger
     * arguments, near the last terms, take it.
     */
    static double log1p(double u) {
        if (Math.abs(u) >= 0x1.0p-10) {
            return Math.log1p(u);
        }
        return u * (1 + u * (-1.0 / 2 + u * (1.0 / 3 + u * (-1.0 / 4 + u * (1.0 / 5 + u * (-1.0 / 6 + u * (1.0 / 7)))))));
    }
}
