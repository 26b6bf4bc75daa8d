package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.MetaStore;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link MetaStore} on SQLite. */
final class SqliteMetaStore implements MetaStore {

    private final Handle handle;

    SqliteMetaStore(Handle handle) {
        this.handle = handle;
    }

    // rules, policy, command line and demo data

    private static final String INSERT = "INSERT INTO registry_meta (key, value) VALUES (?, ?)";

    @Override
    public void insert(String key, String value) {
        handle.execute(INSERT, key, value);
    }

    // The indexes of 2 million rows do not fit SQLite's default 2 MB page cache: without room, every batch evicts and
    // re-reads index pages (and spills dirty ones to the log).
    private static final String WIDE_PAGE_CACHE = "PRAGMA cache_size = -262144";
    private static final String DEFAULT_PAGE_CACHE = "PRAGMA cache_size = -2000";

    @Override
    public void widenPageCache() {
        handle.execute(WIDE_PAGE_CACHE);
    }

    @Override
    public void restorePageCache() {
        handle.execute(DEFAULT_PAGE_CACHE);
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
