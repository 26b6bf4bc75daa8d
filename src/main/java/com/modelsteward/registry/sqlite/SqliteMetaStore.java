package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.MetaStore;
import com.modelsteward.registry.SchemaTriggers;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link MetaStore} on SQLite. */
final class SqliteMetaStore implements MetaStore {

    private final Handle handle;

    SqliteMetaStore(Handle handle) {
        this.handle = handle;
    }

    // signing and trust

    @Override
    public Optional<String> value(String key) {
        return handle.createQuery("SELECT value FROM registry_meta WHERE key = :k").bind("k", key).mapTo(String.class).findOne();
    }

    @Override
    public List<String> triggerProblems() {
        return SchemaTriggers.problems(handle);
    }
}
