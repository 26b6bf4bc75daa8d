package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.EventStore;
import org.jdbi.v3.core.Handle;

/** {@link EventStore} on SQLite. */
final class SqliteEventStore implements EventStore {

    private final Handle handle;

    SqliteEventStore(Handle handle) {
        this.handle = handle;
    }
}
