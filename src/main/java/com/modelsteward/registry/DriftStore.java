package com.modelsteward.registry;

/** The store's drift samples and results: {@code drift_samples}, {@code model_drift}. Bound to one transaction or snapshot by {@link Store}. */
public interface DriftStore {
}
