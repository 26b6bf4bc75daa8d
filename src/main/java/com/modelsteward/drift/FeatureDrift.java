package com.modelsteward.drift;

/**
 * The drift of one numeric or categorical feature between a reference and a current sample.
 *
 * @param kind             FEATURE, PREDICTION, PERFORMANCE or LLM (the {@code model_drift.drift_kind})
 * @param nDropped         NaN and ±∞ values dropped from both samples together
 * @param psi              null when either sample has no finite value
 * @param ksStatistic      null for categorical features and empty samples
 * @param ksLocation       the value where the ECDF gap reaches D
 * @param edges            the interior PSI bin edges (numeric features), or empty
 * @param labels           one label per bin: "≤ e1", "(e1, e2]", …, or the category names
 * @param referenceShares  reference share per bin, ε in place of zeros
 * @param currentShares    current share per bin, ε in place of zeros
 */
public record FeatureDrift(
        String feature,
        String kind,
        long nReference,
        long nCurrent,
        long nDropped,
        Double psi,
        Double ksStatistic,
        Double ksPvalue,
        Double ksLocation,
        Severity severity,
        double[] edges,
        java.util.List<String> labels,
        double[] referenceShares,
        double[] currentShares) {
}
