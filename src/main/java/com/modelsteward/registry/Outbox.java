package com.modelsteward.registry;

import java.time.Clock;
import org.jdbi.v3.core.Handle;

/** The {@code events} outbox: events are written in the same transaction as the change they announce. */
public final class Outbox {

    public static final String ROLLOUT_COMPLETED = "ordinis.learn.rollout.completed";
    public static final String ROLLBACK_COMPLETED = "ordinis.learn.rollback.completed";
    public static final String DRIFT_ALERT = "ordinis.learn.drift.alert";

    private Outbox() {
    }

    public static long append(Handle handle, Clock clock, String eventType, Object payload) {
        return handle.createUpdate("INSERT INTO events (event_type, payload_json, created_at) VALUES (:type, :payload, :at)")
                .bind("type", eventType)
                .bind("payload", CanonicalJson.write(payload))
                .bind("at", Timestamps.now(clock))
                .executeAndReturnGeneratedKeys("event_id").mapTo(Long.class).one();
    }
}
