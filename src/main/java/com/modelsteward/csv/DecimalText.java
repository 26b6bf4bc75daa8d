package com.modelsteward.csv;

import java.util.regex.Pattern;

/**
 * The numbers the CSV readers accept: plain decimals ({@code -1.5}, {@code .5}, {@code 3e-2}). Java's parser would also
 * take {@code 1.5d}, {@code 2f}, {@code 0x1p3} and inner blanks, which no pipeline tool writes, so text is checked here
 * before it is parsed.
 */
public final class DecimalText {

    /**
     * Every quantifier is possessive, so a refusal costs one pass over the text: with backtracking, a million digits
     * followed by a letter took hours (the digits can be split between the integer and the fraction part a million ways).
     */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?+(?:\\d++(?:\\.\\d*+)?+|\\.\\d++)(?:[eE][+-]?+\\d++)?+");

    private DecimalText() {
    }

    public static boolean isPlainDecimal(CharSequence text) {
        return DECIMAL.matcher(text).matches();
    }
}
