package com.modelsteward.csv;

import java.math.BigInteger;

/**
 * The double nearest to ±w·10^q for a significand w of at most 19 decimal digits, bit for bit what
 * {@link Double#parseDouble} gives for the same text, without making a String: the drift CSV reader calls it tens of
 * millions of times, where {@code Double.parseDouble} costs more than reading the file.
 *
 * <p>Clinger's fast path when w and 10^|q| are both exact doubles (one IEEE operation rounds once), otherwise the
 * Eisel–Lemire algorithm as in fast_float (Lemire, "Number Parsing at a Gigabyte per Second", 2021): a 128-bit
 * truncated power of five, a 64×128-bit product, and ties-to-even recognised exactly. Where that algorithm would need
 * care this class does not take — subnormal and overflowing results, and the one product pattern older fast_float
 * versions sent to a slow path — it answers {@link Double#NaN}, "ask {@code Double.parseDouble}": no finite decimal is
 * NaN, so the answer cannot be mistaken for a value.
 */
public final class DecimalDigits {

    /** Powers 10^q with q below this have no entry: ±w·10^q is then below half the smallest subnormal, or decided by the slow path. */
    private static final int MIN_Q = -342;
    private static final int MAX_Q = 308;
    /** The 128 leading bits of 5^q (rounded up for q &lt; 0, as fast_float's table), high and low word, q from MIN_Q. */
    private static final long[] POW5 = powersOfFive();
    /** The bits of a product below the 55 that a double and its rounding need: all ones means the low word matters. */
    private static final long PRECISION_MASK = 0x1FFL;
    private static final double[] EXACT_POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private DecimalDigits() {
    }

    /**
     * ±w·10^q correctly rounded (ties to even), w read as unsigned and exact (the caller kept every digit), or NaN when
     * the answer must come from {@link Double#parseDouble}.
     */
    public static double toDouble(boolean negative, long w, int q) {
        if (q >= -22 && q <= 22 && w >= 0 && w <= 1L << 53) {
            double exact = w;
            double value = q < 0 ? exact / EXACT_POW10[-q] : exact * EXACT_POW10[q];
            return negative ? -value : value;
        }
        return eiselLemire(negative, w, q);
    }

    /** The 128-bit product with the power of five; every method on this path is small enough for the JIT to inline. */
    private static double eiselLemire(boolean negative, long w, int q) {
        if (w == 0) {
            return negative ? -0.0 : 0.0;
        }
        if (q < MIN_Q || q > MAX_Q) {
            return Double.NaN;
        }
        int leadingZeros = Long.numberOfLeadingZeros(w);
        long significand = w << leadingZeros;
        int index = 2 * (q - MIN_Q);
        long high = Math.unsignedMultiplyHigh(significand, POW5[index]);
        long low = significand * POW5[index];
        if ((high & PRECISION_MASK) == PRECISION_MASK) {
            return refined(negative, q, leadingZeros, significand, index, high, low);
        }
        return rounded(negative, q, leadingZeros, high, low);
    }

    /** The rare product whose low bits are all ones: the power's second word decides (about one number in 500). */
    private static double refined(boolean negative, int q, int leadingZeros, long significand, int index, long high, long low) {
        long second = Math.unsignedMultiplyHigh(significand, POW5[index + 1]);
        low += second;
        if (Long.compareUnsigned(second, low) > 0) {
            high++;
        }
        if ((high & PRECISION_MASK) == PRECISION_MASK && low == -1L) {
            return Double.NaN;
        }
        return rounded(negative, q, leadingZeros, high, low);
    }

    private static double rounded(boolean negative, int q, int leadingZeros, long high, long low) {
        int upperBit = (int) (high >>> 63);
        int shift = upperBit + 9;
        long mantissa = high >>> shift;
        int power2 = (((152170 + 65536) * q) >> 16) + 63 + upperBit - leadingZeros + 1023;
        if (power2 <= 0) {
            return Double.NaN;
        }
        // Exactly halfway between two doubles only when 5^q fits in 64 bits and nothing was shifted out: round to even.
        if (Long.compareUnsigned(low, 1) <= 0 && q >= -4 && q <= 23 && (mantissa & 3) == 1 && mantissa << shift == high) {
            mantissa &= ~1L;
        }
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if (mantissa >= 2L << 52) {
            mantissa = 1L << 52;
            power2++;
        }
        if (power2 >= 0x7FF) {
            return Double.NaN;
        }
        return Double.longBitsToDouble((negative ? Long.MIN_VALUE : 0) | (long) power2 << 52 | mantissa & ~(1L << 52));
    }

    /** fast_float's table (its script/table_generation.py), computed once: two words per power, MIN_Q to MAX_Q. */
    private static long[] powersOfFive() {
        long[] table = new long[2 * (MAX_Q - MIN_Q + 1)];
        BigInteger five = BigInteger.valueOf(5);
        BigInteger power = BigInteger.ONE;
        for (int q = 0; q <= MAX_Q; q++) {
            int excess = power.bitLength() - 128;
            store(table, q, excess > 0 ? power.shiftRight(excess) : power.shiftLeft(-excess));
            power = power.multiply(five);
        }
        power = five;
        for (int q = -1; q >= MIN_Q; q--) {
            int z = power.subtract(BigInteger.ONE).bitLength(); // the least z with 2^z ≥ 5^−q
            int b = q >= -27 ? z + 127 : 2 * z + 128;
            BigInteger c = BigInteger.ONE.shiftLeft(b).divide(power).add(BigInteger.ONE);
            int excess = c.bitLength() - 128;
            store(table, q, excess > 0 ? c.shiftRight(excess) : c);
            power = power.multiply(five);
        }
        return table;
    }

    private static void store(long[] table, int q, BigInteger value) {
        int index = 2 * (q - MIN_Q);
        table[index] = value.shiftRight(64).longValue();
        table[index + 1] = value.longValue();
    }
}
