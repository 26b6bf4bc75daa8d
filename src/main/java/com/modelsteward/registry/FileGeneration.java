package com.modelsteward.registry;

import java.util.function.Supplier;

/**
 * A value read from the registry, kept until the file may have changed: until {@code PRAGMA data_version} moves on the
 * registry's change connection (a commit by any other connection, another process included) or this registry's own
 * commit count moves (SQLite does not report a connection's own commits, so the count covers them whichever connection
 * wrote). The generation is read before the value, so a commit in between makes the next call read again: a change is
 * never missed, at worst read twice.
 */
public final class FileGeneration<T> {

    /** Replaced as a whole, so a reader never sees a value with another generation's stamp. */
    private record Snapshot<T>(long dataVersion, long commits, T value) {
    }

    private final Registry registry;
    private Snapshot<T> snapshot;
    private long loads;

    public FileGeneration(Registry registry) {
        this.registry = registry;
    }

    /** The kept value, or a new one from {@code load} when the file may have changed since it was read. */
    public synchronized T get(Supplier<T> load) {
        long dataVersion = registry.changeCounter();
        long commits = registry.commitCount();
        if (snapshot == null || snapshot.dataVersion() != dataVersion || snapshot.commits() != commits) {
            snapshot = new Snapshot<>(dataVersion, commits, load.get());
            loads++;
        }
        return snapshot.value();
    }

    /** How many times the value was read from the file (a hit costs no read). */
    public synchronized long loads() {
        return loads;
    }
}
