package com.modelsteward.registry.sql;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.AuditStore;
import com.modelsteward.registry.EventStore;
import com.modelsteward.registry.Timestamps;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** {@link EventStore} in SQL that every engine runs ({@link Dialect}). */
final class SqlEventStore implements EventStore {

    private final Handle handle;
    private final AuditStore audit;

    SqlEventStore(Handle handle, AuditStore audit) {
        this.handle = handle;
        this.audit = audit;
    }

    // governance engine

    /**
     * Writes the event and, when {@code attestedBy} is not null, an EVENT_EMITTED audit entry by that actor carrying the
     * event's digest, so that an event written or altered behind the app's back has no matching entry.
     */
    @Override
    public long append(Clock clock, String attestedBy, String eventType, Object payload) {
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
            audit.append(clock, attestedBy, "EVENT_EMITTED", "event:" + id, attestation);
        }
        return id;
    }

    // signing and trust

    @Override
    public List<Map<String, Object>> rowsAsStored() {
        return handle.createQuery("SELECT event_id, event_type, payload_json FROM events").mapToMap().list();
    }
}
