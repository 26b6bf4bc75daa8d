package com.modelsteward.registry;

/** One open drift incident of {@code incidents}. */
public record DriftIncidentRow(long incidentId, String modelId, String feature, String driftKind, String metric, Double value,
                               Double threshold, String openedAt) {
}
