package com.modelsteward.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * In memory: which version of each model name is in the live state (ACTIVE by default), as the spec asks, so that
 * reads which only need "the ACTIVE version of X" (the console, gate reports shown before a decision, the command line)
 * do not query for it each time.
 *
 * <p>It is reloaded whenever the file may have changed: when {@code PRAGMA data_version} moves on the registry's change
 * connection (a commit by any other connection, another process included) or when this registry's own commit count
 * moves (SQLite does not report a connection's own commits, so the count covers them whichever connection wrote).
 *
 * <p>Never use it to decide inside a write transaction: a write reads the row itself, in its own snapshot, so the rule
 * "no model ACTIVE without gates and approvals" never rests on a cached value.
 */
public final class ActiveCache {

    /** Kept with the generation it was read at; replaced as a whole, so a reader never sees a half-loaded map. */
    private record Snapshot(long dataVersion, long commits, Map<String, String> activeByName) {
    }

    private final Registry registry;
    private final String liveState;
    private Snapshot snapshot;
    private long loads;

    ActiveCache(Registry registry, String liveState) {
        this.registry = registry;
        this.liveState = liveState;
    }

    /** The live version of {@code modelName}, if one is. */
    public Optional<String> activeModelId(String modelName) {
        return Optional.ofNullable(current().get(modelName));
    }

    /** Every model name with a live version, and that version. */
    public Map<String, String> all() {
        return current();
    }

    /** How many times the map was read from the file (for tests and the benchmark: a hit costs no query). */
    public synchronized long loads() {
        return loads;
    }

    private synchronized Map<String, String> current() {
        // Read the generation before the rows: a commit in between makes the next call reload, never miss a change.
        long dataVersion = registry.changeCounter();
        long commits = registry.commitCount();
        if (snapshot == null || snapshot.dataVersion() != dataVersion || snapshot.commits() != commits) {
            Map<String, String> rows = new HashMap<>();
            // One row per name at most: the unique partial indexes of V001/V002 allow one live version per name.
            registry.read(handle -> handle.createQuery("SELECT model_name, model_id FROM model_registry WHERE state = :state")
                    .bind("state", liveState)
                    .map((row, ctx) -> rows.put(row.getString(1), row.getString(2))).list());
            snapshot = new Snapshot(dataVersion, commits, Map.copyOf(rows));
            loads++;
        }
        return snapshot.activeByName();
    }
}
