package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.RequestStore;
import org.jdbi.v3.core.Handle;

/** {@link RequestStore} on SQLite. */
final class SqliteRequestStore implements RequestStore {

    private final Handle handle;

    SqliteRequestStore(Handle handle) {
        this.handle = handle;
    }
}
