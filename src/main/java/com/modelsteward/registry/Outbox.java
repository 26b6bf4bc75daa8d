package com.modelsteward.registry;


/** The {@code events} outbox: events are written in the same transaction as the change they announce. */
public final class Outbox {

    public static final String ROLLOUT_COMPLETED = "ordinis.learn.rollout.completed";
    public static final String ROLLBACK_COMPLETED = "ordinis.learn.rollback.completed";
    public static final String DRIFT_ALERT = "ordinis.learn.drift.alert";
    /** A samples file imported into drift_samples; its payload (file SHA-256, model, role) keeps the import from repeating. */
    public static final String DRIFT_SAMPLES_IMPORTED = "ordinis.learn.drift.samples_imported";

    private Outbox() {
    }
}
