package com.modelsteward.drift;

/** How far a distribution moved: NORMAL, MODERATE or SEVERE (a breach, {@code E_LEARN_DRIFT_BREACH}). */
public enum Severity {
    NORMAL, MODERATE, SEVERE;

    public Severity atLeast(Severity other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public boolean isBreach() {
        return this == SEVERE;
    }
}
