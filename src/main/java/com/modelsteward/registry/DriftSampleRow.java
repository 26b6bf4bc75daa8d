package com.modelsteward.registry;

/** One numeric observation of {@code drift_samples}: {@code role} is REFERENCE or CURRENT. */
public record DriftSampleRow(String modelId, String feature, String role, double value, String observedAt) {
}
