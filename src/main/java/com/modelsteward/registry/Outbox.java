package com.modelsteward.registry;

import com.modelsteward.json.CanonicalJson;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** The {@code events} outbox: events are written in the same transaction as the change they announce. */
public final class Outbox {

    public static final String ROLLOUT_COMPLETED = "ordinis.learn.rollout.completed";
    public static final String ROLLBACK_COMPLETED = "ordinis.learn.rollback.completed";
    public static final String DRIFT_ALERT = "ordinis.learn.drift.alert";

    private Outbox() {
    }

    /**
     * Writes the event and, when {@code attestedBy} is not null, an EVENT_EMITTED audit entry by that actor carrying the
     * event's digest, so that an event written or altered behind the app's back has no matching entry.
     */
    public static long append(Handle handle, Clock clock, String attestedBy, String eventType, Object payload) {
        String json = CanonicalJson.write(payload);
        long id = handle.createUpdate("INSERT INTO events (event_type, payload_json, created_at) VALUES (:type, :payload, :at)")
                .bind("type", eventType)
                .bind("payload", json)
                .bind("at", Timestamps.now(clock))
                .executeAndReturnGeneratedKeys("event_id").mapTo(Long.class).one();
        if (attestedBy != null) {
            Map<String, Object> attestation = new LinkedHashMap<>();
            attestation.put("event_id", id);
            attestation.put("event_type", eventType);
            attestation.put("payload_sha256", CanonicalJson.sha256Hex(json));
            AuditTrail.append(handle, clock, attestedBy, "EVENT_EMITTED", "event:" + id, attestation);
        }
        return id;
    }
}
