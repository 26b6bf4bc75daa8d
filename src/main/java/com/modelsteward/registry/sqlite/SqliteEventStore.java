package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.EventStore;
import com.modelsteward.registry.Outbox;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** {@link EventStore} on SQLite. */
final class SqliteEventStore implements EventStore {

    private final Handle handle;

    SqliteEventStore(Handle handle) {
        this.handle = handle;
    }

    // governance engine

    @Override
    public long append(Clock clock, String attestedBy, String eventType, Object payload) {
        return Outbox.append(handle, clock, attestedBy, eventType, payload);
    }

    // signing and trust

    @Override
    public List<Map<String, Object>> rowsAsStored() {
        return handle.createQuery("SELECT event_id, event_type, payload_json FROM events").mapToMap().list();
    }
}
