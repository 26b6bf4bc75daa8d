package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.RuleStore;
import org.jdbi.v3.core.Handle;

/** {@link RuleStore} on SQLite. */
final class SqliteRuleStore implements RuleStore {

    private final Handle handle;

    SqliteRuleStore(Handle handle) {
        this.handle = handle;
    }
}
