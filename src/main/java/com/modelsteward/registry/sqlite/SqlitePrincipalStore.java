package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.PrincipalStore;
import org.jdbi.v3.core.Handle;

/** {@link PrincipalStore} on SQLite. */
final class SqlitePrincipalStore implements PrincipalStore {

    private final Handle handle;

    SqlitePrincipalStore(Handle handle) {
        this.handle = handle;
    }
}
