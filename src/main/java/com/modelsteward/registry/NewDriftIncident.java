package com.modelsteward.registry;

/** A drift breach about to be opened as an incident in {@code incidents}; {@code detailsJson} is canonical JSON. */
public record NewDriftIncident(
        String code,
        String modelId,
        String feature,
        String driftKind,
        String severity,
        String metric,
        Double value,
        Double threshold,
        long driftId,
        String openedAt,
        String openedBy,
        String detailsJson) {
}
