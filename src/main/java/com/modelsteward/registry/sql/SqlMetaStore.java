package com.modelsteward.registry.sql;

import com.modelsteward.registry.MetaStore;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link MetaStore} in SQL that every engine runs ({@link Dialect}). */
final class SqlMetaStore implements MetaStore {

    private final Handle handle;
    private final Dialect dialect;

    SqlMetaStore(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    // rules, policy, command line and demo data

    private static final String INSERT = "INSERT INTO registry_meta (key, value) VALUES (?, ?)";

    @Override
    public void insert(String key, String value) {
        handle.execute(INSERT, key, value);
    }

    @Override
    public void widenPageCache() {
        dialect.pageCache(handle, true);
    }

    @Override
    public void restorePageCache() {
        dialect.pageCache(handle, false);
    }

    // signing and trust

    @Override
    public Optional<String> value(String key) {
        return handle.createQuery("SELECT value FROM registry_meta WHERE key = :k").bind("k", key).mapTo(String.class).findOne();
    }

    @Override
    public List<String> triggerProblems() {
        return dialect.triggerProblems(handle);
    }
}
