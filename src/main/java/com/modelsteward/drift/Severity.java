package com.modelsteward.drift;

/**
 * How far a distribution moved: NORMAL, MODERATE or SEVERE (a breach, {@code E_LEARN_DRIFT_BREACH}); NO_DATA when a
 * sample has no usable value (every value missing, NaN or ±∞), so nothing was measured. NO_DATA ranks below NORMAL:
 * any measured result is worse news than none, and "no data" is never shown as, or counted with, NORMAL.
 */
public enum Severity {
    NO_DATA, NORMAL, MODERATE, SEVERE;

    public Severity atLeast(Severity other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public boolean isBreach() {
        return this == SEVERE;
    }

    /** How people read it: "no data" for NO_DATA, the name otherwise. */
    public String label() {
        return this == NO_DATA ? "no data" : name();
    }
}
