package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.AuditStore;
import org.jdbi.v3.core.Handle;

/** {@link AuditStore} on SQLite. */
final class SqliteAuditStore implements AuditStore {

    private final Handle handle;

    SqliteAuditStore(Handle handle) {
        this.handle = handle;
    }
}
