package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.MetaStore;
import org.jdbi.v3.core.Handle;

/** {@link MetaStore} on SQLite. */
final class SqliteMetaStore implements MetaStore {

    private final Handle handle;

    SqliteMetaStore(Handle handle) {
        this.handle = handle;
    }
}
