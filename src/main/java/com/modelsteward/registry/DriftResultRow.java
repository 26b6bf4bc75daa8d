package com.modelsteward.registry;

/** One stored drift result from {@code model_drift}. */
public record DriftResultRow(
        long driftId,
        String modelId,
        String feature,
        String driftKind,
        Double psi,
        Double ksStatistic,
        Double ksPvalue,
        Long nReference,
        Long nCurrent,
        Long nDropped,
        String severity,
        String windowStart,
        String windowEnd,
        String computedAt) {
}
