package com.modelsteward.registry;

import java.util.List;

/** The store's drift samples and results: {@code drift_samples}, {@code model_drift}. Bound to one transaction or snapshot by {@link Store}. */
public interface DriftStore {

    // rules, policy, command line and demo data
    /** Inserts numeric samples in one batch. */
    void insertSamples(List<DriftSampleRow> samples);

    /** Inserts drift results in batches of 5 000 (their {@code driftId} is assigned by the store). */
    void insertResults(List<DriftResultRow> results);
}
