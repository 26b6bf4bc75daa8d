package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.ScorecardStore;
import org.jdbi.v3.core.Handle;

/** {@link ScorecardStore} on SQLite. */
final class SqliteScorecardStore implements ScorecardStore {

    private final Handle handle;

    SqliteScorecardStore(Handle handle) {
        this.handle = handle;
    }
}
