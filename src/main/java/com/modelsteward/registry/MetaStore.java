package com.modelsteward.registry;

import java.util.List;
import java.util.Optional;

/** The store's registry-wide settings and facts: {@code registry_meta}, {@code schema_version}. Bound to one transaction or snapshot by {@link Store}. */
public interface MetaStore {

    // rules, policy, command line and demo data
    /** Adds a setting that is not there yet. */
    void insert(String key, String value);

    /** A 256 MB page cache for this connection, for bulk loads whose indexes outgrow the default. */
    void widenPageCache();

    /** Back to SQLite's default page cache (2 MB), before the connection returns to the pool. */
    void restorePageCache();

    // signing and trust

    /** The value stored under {@code key} in {@code registry_meta}, if any. */
    Optional<String> value(String key);

    /**
     * {@link SchemaTriggers#problems}: one sentence per trigger missing, altered or unknown; empty when they are the
     * schema's, or when the schema is newer than this app's (its triggers are the newer app's).
     */
    List<String> triggerProblems();
}
