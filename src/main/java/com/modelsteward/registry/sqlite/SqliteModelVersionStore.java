package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.ModelVersionStore;
import org.jdbi.v3.core.Handle;

/** {@link ModelVersionStore} on SQLite. */
final class SqliteModelVersionStore implements ModelVersionStore {

    private final Handle handle;

    SqliteModelVersionStore(Handle handle) {
        this.handle = handle;
    }
}
