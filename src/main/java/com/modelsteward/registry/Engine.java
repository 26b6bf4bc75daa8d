package com.modelsteward.registry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * What differs between database engines, and nothing else (docs/decisions/0015-store-seam.md). {@link Registry} keeps the
 * rules every engine shares — one writer path per process, exactly-once commits, read-only opens, the caches — and asks
 * its engine for the rest: opening and probing a location, taking the write lock, the change feed, the bulk copy of an
 * import, error translation, the schema migrations and the statements behind the {@link Store}. SQLite
 * ({@code registry.sqlite.SqliteEngine}) is the embedded default; PostgreSQL ({@code registry.postgresql.PostgresEngine}) serves
 * a team from a server (docs/decisions/0016-postgresql.md).
 */
public interface Engine {

    /** The engine's name as users know it ("SQLite"). */
    String name();

    /**
     * Checks, without writing anything, that the location holds a registry of this engine, and returns its schema version.
     * Anything else is refused with a {@link RegistryException} that names the location and what is wrong.
     */
    int probe(Location location);

    /** Why this user may only read the location (a file they may not write; a login without write privileges), if so. */
    java.util.Optional<String> readOnlyReason(Location location);

    /** Refuses, with a sentence, a location where a new registry cannot be made (an existing file, an existing schema). */
    void checkCreatable(Location location);

    /** Removes what a failed {@link Registry#create} left behind; best effort. */
    void discardCreated(Location location);

    /** Connections that may write: every transaction is begun by {@link #begin}. */
    DataSource readWrite(Location location);

    /** Connections that never change the location, not even its journal settings. */
    DataSource readOnly(Location location);

    /** Takes the write lock on {@code connection}, waiting at most {@code slice} for another program's lock. */
    void begin(Connection connection, Duration slice) throws SQLException;

    /**
     * Whether writers waiting for the write lock wait in the engine's own queue, first come first served and without
     * polling (PostgreSQL's lock manager), so that one wait for the whole budget is fairest and cheapest. SQLite's busy
     * handler polls and favours newcomers: a waiter there tries again in short slices ({@link LockWait}).
     */
    boolean queuesWriters();

    /** Whether a failure means only that another program held the lock, so nothing was done and a retry is safe. */
    boolean isBusy(Throwable failure);

    /** A failure of a read as one sentence a user can act on, naming the location. */
    RegistryException translate(Throwable failure, Location location);

    /** A failure as one sentence a user can act on, naming the location; {@code waited} is how long a write waited for the lock. */
    RegistryException translate(Throwable failure, Location location, Duration waited);

    /** The change feed: a number that moves whenever any connection, another process's included, commits to the location. */
    ChangeFeed changeFeed(Location location);

    /** The forward-only migrations that bring a registry of this engine to the latest schema. */
    SchemaMigrations migrations();

    /**
     * Connections for an import's look at its staging rows beside the registry ({@link ScorecardStagingFile#readBeside}):
     * they never take the write lock, and what they write (a server's temporary staging table) is rolled back.
     */
    DataSource stagingReader(Location location);

    /** Makes the prepared rows of a bulk import (a file of this engine) readable as {@code staging} on this connection. */
    void attachStaging(Handle handle, Path staging);

    /** Undoes {@link #attachStaging}. */
    void detachStaging(Handle handle);

    /** Whether a read-only open leaves files beside the location (SQLite's -wal/-shm) that must be swept on close. */
    boolean hasSideFiles(Location location);

    /** Removes what {@link #hasSideFiles} found, when no other connection uses the location; best effort. */
    void removeSideFiles(Location location);

    /**
     * The login the database itself authenticated this connection as, when the engine has logins (PostgreSQL's
     * {@code session_user}); empty for a file, where the OS account is who acts.
     */
    java.util.Optional<String> authenticatedUser(Handle handle);

    /** The isolation level at which one read transaction sees one snapshot of the whole registry. */
    TransactionIsolationLevel snapshotIsolation();

    /** The aggregates on this connection, inside whatever transaction it is in. */
    Store store(Handle handle);

    /** A counter that moves on every commit to one location by any connection. */
    interface ChangeFeed extends AutoCloseable {

        long current();

        @Override
        void close();
    }

    /** The migrations of one engine, each applied in the same transaction as its {@code schema_version} row. */
    interface SchemaMigrations {

        /** The schema version this build writes. */
        int latest();

        /** The version the connection's registry is at. */
        int current(Handle handle);

        /** Applies every migration above {@code current} inside the caller's transaction. */
        void applyAfter(Handle handle, int current);
    }
}
