package com.modelsteward.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link DecimalDigits} against {@link Double#parseDouble}, bit for bit, on the texts where a fast parser goes wrong:
 * shortest representations of random doubles of every magnitude, 19-digit significands at every exponent, integers
 * that lie exactly halfway between two doubles, and decimals a hair either side of a midpoint. NaN ("ask
 * Double.parseDouble") is allowed only where the class says it declines: subnormal and overflowing results.
 */
class DecimalDigitsTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(20261205);

    /** The significand and exponent of a decimal text, or null past 19 digits. */
    private static void check(String text) {
        BigDecimal decimal = new BigDecimal(text);
        BigDecimal stripped = decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
        if (stripped.precision() > 19) {
            return;
        }
        long w = stripped.unscaledValue().abs().longValue();
        int q = -stripped.scale();
        boolean negative = text.startsWith("-");
        double expected = Double.parseDouble(text);
        double got = DecimalDigits.toDouble(negative, w, q);
        if (Double.isNaN(got)) {
            double magnitude = Math.abs(expected);
            assertTrue(magnitude < Double.MIN_NORMAL || Double.isInfinite(magnitude) || magnitude == Double.MAX_VALUE,
                    text + " was declined although its double " + expected + " is normal");
            return;
        }
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got), text + ": " + expected + " expected, " + got + " given");
    }

    @Test
    void shortestTextsOfRandomDoublesOfEveryMagnitude() {
        for (int i = 0; i < 150_000; i++) {
            double value = Double.longBitsToDouble(RANDOM.nextLong());
            if (Double.isFinite(value)) {
                check(Double.toString(value));
            }
        }
    }

    @Test
    void shortestTextsOfDoublesLikeASamplesFile() {
        for (int i = 0; i < 150_000; i++) {
            double value = (RANDOM.nextDouble() - 0.5) * Math.pow(10, RANDOM.nextInt(-8, 9));
            check(Double.toString(value));
            check(Double.toString(Math.floor(value * 1024) / 1024));
        }
    }

    @Test
    void nineteenDigitSignificandsAtEveryExponent() {
        for (int q = -360; q <= 330; q++) {
            for (int i = 0; i < 100; i++) {
                StringBuilder digits = new StringBuilder().append(RANDOM.nextInt(1, 10));
                for (int d = 1; d < 19; d++) {
                    digits.append(RANDOM.nextInt(10));
                }
                check(digits + "e" + q);
                check("-" + RANDOM.nextLong(1, 1L << 53) + "e" + q);
            }
        }
    }

    /** Odd integers between 2^53 and 2^64 are midpoints or near them: round half to even, exactly. */
    @Test
    void integersHalfwayBetweenTwoDoubles() {
        for (int i = 0; i < 100_000; i++) {
            long odd = (1L << 53) + 2 * RANDOM.nextLong(1L << 52) + 1;
            check(Long.toString(odd));
            check(Long.toUnsignedString(odd << RANDOM.nextInt(1, 11)));
            check(Long.toUnsignedString(Long.MIN_VALUE | RANDOM.nextLong()));
        }
    }

    /** The exact midpoint between two neighbouring doubles, cut to 19 digits below and above it. */
    @Test
    void decimalsAHairEitherSideOfAMidpoint() {
        for (int i = 0; i < 50_000; i++) {
            double low = Math.abs((RANDOM.nextDouble() - 0.5) * Math.pow(10, RANDOM.nextInt(-300, 300)));
            if (low < Double.MIN_NORMAL || !Double.isFinite(Math.nextUp(low))) {
                continue;
            }
            BigDecimal midpoint = new BigDecimal(low).add(new BigDecimal(Math.nextUp(low))).divide(BigDecimal.TWO);
            check(midpoint.round(new MathContext(19, RoundingMode.DOWN)).toString());
            check(midpoint.round(new MathContext(19, RoundingMode.UP)).toString());
            check(midpoint.round(new MathContext(17, RoundingMode.HALF_EVEN)).toString());
        }
    }

    @Test
    void knownHardCases() {
        for (String text : new String[] {"0", "-0", "0.1", "1e23", "8.98846567431158e307", "1.7976931348623157e308", "1.7976931348623159e308",
            "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9e-324", "9007199254740993", "9007199254740995", "1e-342", "1e-343",
            "18446744073709551615", "9999999999999999999e-308", "7.2057594037927933e16", "1.00000000000000011102230246251565404236316680908203125",
            "0.500000000000000166533453693773481063544750213623046875", "3.0000000000000004", "123456789012345678e-5"}) {
            check(text);
        }
    }
}
