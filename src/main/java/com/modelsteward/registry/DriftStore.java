package com.modelsteward.registry;

import java.util.List;

/** The store's drift samples and results: {@code drift_samples}, {@code model_drift}. Bound to one transaction or snapshot by {@link Store}. */
public interface DriftStore {

    // governance engine

    /** The latest result of each (feature, drift kind) of a version, highest PSI first. */
    List<DriftResultRow> latestResults(String modelId);
}
