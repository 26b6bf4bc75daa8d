package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.EventStore;
import com.modelsteward.registry.Outbox;
import java.time.Clock;
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
}
