package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.DriftStore;
import org.jdbi.v3.core.Handle;

/** {@link DriftStore} on SQLite. */
final class SqliteDriftStore implements DriftStore {

    private final Handle handle;

    SqliteDriftStore(Handle handle) {
        this.handle = handle;
    }
}
