package com.modelsteward.registry;

/** A drift result about to be stored in {@code model_drift}; {@code detailsJson} is canonical JSON. */
public record NewDriftResult(
        String modelId,
        String feature,
        String driftKind,
        Double psi,
        Double ksStatistic,
        Double ksPvalue,
        long nReference,
        long nCurrent,
        long nDropped,
        String severity,
        String windowStart,
        String windowEnd,
        String computedAt,
        String detailsJson,
        String policyName,
        Double ksLocation) {
}
