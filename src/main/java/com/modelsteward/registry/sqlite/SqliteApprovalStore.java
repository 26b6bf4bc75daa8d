package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.ApprovalStore;
import org.jdbi.v3.core.Handle;

/** {@link ApprovalStore} on SQLite. */
final class SqliteApprovalStore implements ApprovalStore {

    private final Handle handle;

    SqliteApprovalStore(Handle handle) {
        this.handle = handle;
    }
}
