package com.modelsteward.registry;

import java.util.List;

/** The store's drift samples and results: {@code drift_samples}, {@code model_drift}. Bound to one transaction or snapshot by {@link Store}. */
public interface DriftStore {

    // governance engine

    /** The latest result of each (feature, drift kind) of a version, highest PSI first. */
    List<DriftResultRow> latestResults(String modelId);

    // lineage, scorecards and drift

    /** Model versions that have drift samples, in id order. */
    List<String> modelsWithSamples();

    /**
     * Hands every sample of a version to {@code visitor} as it is read (a version may have millions), ordered by feature,
     * role, time and sample id.
     */
    void samplesOf(String modelId, SampleVisitor visitor);

    /** Stores one result; returns its {@code drift_id}. */
    long addResult(NewDriftResult result);

    /** One row of {@code drift_samples}; {@code value} is null where the row holds none (a category, or a missing measurement). */
    @FunctionalInterface
    interface SampleVisitor {
        void sample(String feature, String role, Double value, String category, String observedAt);
    }

    // rules, policy, command line and demo data
    /** Inserts numeric samples in one batch. */
    void insertSamples(List<DriftSampleRow> samples);

    /**
     * The payloads of the {@link Outbox#DRIFT_SAMPLES_IMPORTED} events whose text holds {@code sha256}, oldest first: the record
     * by which a samples import refuses a file it has already imported.
     */
    List<String> sampleImportPayloads(String sha256);

    /** Inserts drift results in batches of 5 000 (their {@code driftId} is assigned by the store). */
    void insertResults(List<DriftResultRow> results);
}
