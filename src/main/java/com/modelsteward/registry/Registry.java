package com.modelsteward.registry;

import com.modelsteward.registry.postgresql.PostgresEngine;
import com.modelsteward.registry.postgresql.PostgresMigrations;
import com.modelsteward.registry.sqlite.SqliteEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * One open registry: its {@link Engine} and {@link Jdbi}, whether it may be written, and the single writer path of this
 * process. Callers work on the {@link Store} aggregates of one read snapshot ({@link #read}) or one write transaction
 * ({@link #write}); only the store layer and tests use the raw handle.
 *
 * <p>Opening never writes to a file that is not a registry: the file is probed read-only first, and only a registry at an
 * older schema version is migrated. A registry whose schema is newer than this app, or a file the user may not write,
 * is opened read-only and {@link #readOnlyReason()} says why.
 */
public final class Registry implements AutoCloseable {

    /**
     * How long a write waits for another program's lock before it gives up: long enough for a queue of 40 writers
     * starting at once on a 2-core machine, whose longest wait was 34-56 s (docs/reliability.md, section 1b).
     */
    public static final Duration LOCK_BUDGET = Duration.ofSeconds(120);
    /** A wait longer than this is shown on the terminal, so a user knows why nothing happens. */
    public static final Duration NOTE_AFTER = Duration.ofSeconds(1);

    private final Engine engine;
    private final Engine.ChangeFeed changeFeed;
    private final Location location;
    /** Asked of the database once: a connection's login does not change while the registry is open. */
    private volatile Optional<String> authenticatedUser;
    private final ConnectionPool connections;
    private final Jdbi jdbi;
    private final AtomicLong commits = new AtomicLong();
    private final int schemaVersion;
    private final String readOnlyReason;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<String, ActiveCache> activeCaches = new ConcurrentHashMap<>();
    private final FileGeneration<AuditTrail.Verification> verifiedChain = new FileGeneration<>(this);
    /** Every version's summary ({@link ModelCatalog#versions()}): Models, Lineage and Drift each list them all. */
    final FileGeneration<List<ModelSummary>> versions = new FileGeneration<>(this);
    /** Opened read-only where no -wal/-shm existed: the ones SQLite's read-only connections made are removed on close. */
    private boolean removeSideFilesOnClose;
    private volatile Duration lockBudget = LOCK_BUDGET;
    private volatile LockWaitListener waitListener = LockWaitListener.TERMINAL;
    private volatile Runnable afterCommit = () -> { };

    private Registry(Engine engine, Location location, DataSource dataSource, int schemaVersion, String readOnlyReason) {
        this.engine = engine;
        this.changeFeed = engine.changeFeed(location);
        this.location = location;
        this.connections = new ConnectionPool(dataSource);
        this.jdbi = Jdbi.create(connections);
        RowMappers.register(jdbi);
        PlainStatements.install(jdbi);
        this.schemaVersion = schemaVersion;
        this.readOnlyReason = readOnlyReason;
    }

    /** Opens an existing registry file, migrating it forward when it is older than this app. */
    public static Registry open(Path path) {
        return open(new Location.File(path));
    }

    /**
     * Opens an existing registry, a file or a server database, migrating it forward when it is older than this app (on a
     * server, only the schema owner may). Nothing is written to a location that is not a registry.
     */
    public static Registry open(Location location) {
        Engine engine = engineFor(location);
        int latest = engine.migrations().latest();
        boolean sideFilesBefore = engine.hasSideFiles(location);
        int version;
        try {
            version = engine.probe(location);
        } catch (RuntimeException refused) {
            if (!sideFilesBefore) {
                engine.removeSideFiles(location);
            }
            throw refused;
        }
        Optional<String> mayNotWrite = engine.readOnlyReason(location);
        if (version > latest) {
            Registry registry = new Registry(engine, location, engine.readOnly(location), version,
                    "its schema (version " + version + ") is newer than this app (version " + latest
                            + "); it is opened read-only and will not be modified");
            registry.removeSideFilesOnClose = !sideFilesBefore;
            return registry;
        }
        if (mayNotWrite.isPresent()) {
            if (version < latest) {
                throw new RegistryException("E_REGISTRY_READ_ONLY", location + " is read-only and needs an upgrade from schema version "
                        + version + " to " + latest + "; open it from a folder you may write to");
            }
            Registry registry = new Registry(engine, location, engine.readOnly(location), version, mayNotWrite.get());
            registry.removeSideFilesOnClose = !sideFilesBefore;
            return registry;
        }
        Registry registry = new Registry(engine, location, engine.readWrite(location), latest, null);
        if (version < latest) {
            try {
                registry.writeHandle(handle -> {
                    engine.migrations().applyAfter(handle, engine.migrations().current(handle));
                    return null;
                });
            } catch (RuntimeException failed) {
                registry.close();
                throw failed;
            }
        }
        return registry;
    }

    /**
     * Opens a registry only to read it, whether or not this user may write it, at whatever schema version it has: nothing
     * is migrated or written ({@code migrate}'s source, which it never changes). {@link #schemaVersion} says what it is.
     */
    public static Registry openReadOnly(Location location) {
        Engine engine = engineFor(location);
        boolean sideFilesBefore = engine.hasSideFiles(location);
        int version;
        try {
            version = engine.probe(location);
        } catch (RuntimeException refused) {
            if (!sideFilesBefore) {
                engine.removeSideFiles(location);
            }
            throw refused;
        }
        Registry registry = new Registry(engine, location, engine.readOnly(location), version, "it was opened only to be read");
        registry.removeSideFilesOnClose = !sideFilesBefore;
        return registry;
    }

    /** Creates a new, empty registry file at the latest schema. The file must not exist yet (or be an empty file this app made). */
    public static Registry create(Path path) {
        return create(new Location.File(path));
    }

    /**
     * Creates a new, empty registry at the latest schema: a file that does not exist yet (or an empty file this app
     * made), or a server database that has no registry yet (its schema and the registry's group roles are made; the
     * login needs to be a superuser or the schema owner).
     */
    public static Registry create(Location location) {
        Engine engine = engineFor(location);
        engine.checkCreatable(location);
        Registry registry = new Registry(engine, location, engine.readWrite(location), engine.migrations().latest(), null);
        try {
            registry.writeHandle(handle -> {
                engine.migrations().applyAfter(handle, 0);
                return null;
            });
        } catch (RuntimeException failed) {
            registry.close();
            engine.discardCreated(location);
            throw failed;
        }
        return registry;
    }

    /** The file of a SQLite registry (tools and tests that write it behind the app's back); a server registry has none. */
    public Path file() {
        if (location instanceof Location.File file) {
            return file.path();
        }
        throw new IllegalStateException(location + " is a server registry, not a file");
    }

    /** Where the registry is: a file or a server database. */
    public Location location() {
        return location;
    }

    /** The login the database authenticated this registry's connections as (PostgreSQL); empty for a file. */
    public Optional<String> authenticatedUser() {
        Optional<String> user = authenticatedUser;
        if (user == null) {
            user = readHandle(engine::authenticatedUser);
            authenticatedUser = user;
        }
        return user;
    }

    /**
     * Who acts when {@code osUser} runs the app on this registry: on a server, the login the server authenticated —
     * whatever the OS account, a setting or an option claims; on a file, the OS account.
     */
    public String actingUser(String osUser) {
        return authenticatedUser().orElse(osUser);
    }

    /** The engine this registry is stored in. */
    public Engine engine() {
        return engine;
    }

    /** The schema version this build writes to a registry in the default engine (shown when none is open). */
    public static int latestSchemaVersion() {
        return SqliteEngine.INSTANCE.migrations().latest();
    }

    /** What {@code init} runs on a PostgreSQL server (roles, schema, triggers, privileges), as one script a DBA can run by hand. */
    public static String serverSetupSql() {
        return PostgresMigrations.fullScript();
    }

    /** The engine of a location: SQLite for a file, PostgreSQL for a server (docs/decisions/0016-postgresql.md). */
    private static Engine engineFor(Location location) {
        return location instanceof Location.Server ? PostgresEngine.INSTANCE : SqliteEngine.INSTANCE;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public boolean isReadOnly() {
        return readOnlyReason != null;
    }

    public Optional<String> readOnlyReason() {
        return Optional.ofNullable(readOnlyReason);
    }

    /** Runs {@code work} on one read snapshot of the registry's aggregates. */
    public <R> R read(StoreWork<R> work) {
        return readHandle(handle -> work.run(engine.store(handle)));
    }

    /**
     * Runs {@code work} in one read transaction, so that all it reads is one snapshot however long it takes and whoever
     * commits meanwhile ({@link #read} gives each statement the newest data): a copy of the whole registry reads it so.
     */
    public <R> R readSnapshot(StoreWork<R> work) {
        return readHandle(handle -> handle.inTransaction(engine.snapshotIsolation(), h -> work.run(engine.store(h))));
    }

    /** Runs {@code work} in one write transaction (see {@link #writeHandle}): all of it commits, exactly once, or none. */
    public <R> R write(StoreWork<R> work) {
        return writeHandle(handle -> work.run(engine.store(handle)));
    }

    /** {@link #write} with the import's staging file attached as {@code staging} for a bulk copy. */
    public <R> R writeWithStaging(Path staging, StoreWork<R> work) {
        return writeHandleWithStaging(staging, handle -> work.run(engine.store(handle)));
    }

    /** Raw access for the store layer and for tests that play the pipeline or an attacker; nothing above the store uses it. */
    public <R> R readHandle(HandleCallback<R, RuntimeException> callback) {
        try {
            return jdbi.withHandle(discardOnFailure(callback));
        } catch (RuntimeException failed) {
            throw engine.translate(failed, location);
        }
    }

    /**
     * The one writer path: an explicit {@code BEGIN IMMEDIATE} … {@code COMMIT} on a connection in auto-commit mode,
     * serialised within this process. Everything in the callback commits together or not at all, and exactly once:
     *
     * <ul>
     *   <li>while another program holds the lock, {@code BEGIN} is tried again in short slices with jitter until
     *       {@link #LOCK_BUDGET} has passed (a note on the terminal after {@link #NOTE_AFTER}); each slice restarts SQLite's
     *       busy handler at its fastest polling, so a long waiter polls as often as a newcomer;</li>
     *   <li>a failure before {@code COMMIT} has succeeded rolls back; only a busy failure is retried, since only then did
     *       the transaction certainly not commit;</li>
     *   <li>once {@code COMMIT} has succeeded nothing can turn the write into a failure: detaching, returning the
     *       connection and the like are best effort. sqlite-jdbc's own {@code commit()} is not used because it runs
     *       {@code begin immediate;} right after {@code commit;}, and that second statement can time out after the data
     *       is already committed — the retry of such a write applied an approval twice (issue 19).</li>
     * </ul>
     */
    public <R> R writeHandle(HandleCallback<R, RuntimeException> callback) {
        return write(callback, null);
    }

    private <R> R write(HandleCallback<R, RuntimeException> callback, Path staging) {
        if (isReadOnly()) {
            throw new RegistryException("E_REGISTRY_READ_ONLY", location + " is open read-only (" + readOnlyReason + "); nothing was written");
        }
        writeLock.lock();
        try {
            Duration budget = lockBudget;
            LockWait wait = new LockWait(engine, location, budget.toNanos(), waitListener);
            for (int attempt = 1; ; attempt++) {
                try {
                    R result = attempt(callback, staging, wait);
                    WriteStats.record(attempt, wait.waitedNanos());
                    return result;
                } catch (RuntimeException failed) {
                    if (!engine.isBusy(failed) || !wait.mayRetry()) {
                        WriteStats.failed(engine.isBusy(failed));
                        throw engine.translate(failed, location, budget);
                    }
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** One transaction: returns only after a successful COMMIT; throws only when nothing was committed. */
    private <R> R attempt(HandleCallback<R, RuntimeException> callback, Path staging, LockWait wait) {
        Handle handle = jdbi.open();
        boolean committed = false;
        R result = null;
        try {
            if (staging != null) {
                // Attached before BEGIN: SQLite refuses ATTACH inside a transaction.
                engine.attachStaging(handle, staging);
            }
            try {
                wait.begin(handle.getConnection());
                long held = System.nanoTime();
                try {
                    result = callback.withHandle(handle);
                    handle.execute("COMMIT");
                    committed = true;
                    commits.incrementAndGet();
                    WriteStats.held(System.nanoTime() - held);
                } finally {
                    if (!committed) {
                        rollback(handle);
                    }
                }
            } finally {
                if (staging != null) {
                    detach(handle, committed);
                }
            }
            afterCommit.run();
            return result;
        } catch (LockWait.BeginFailed busy) {
            // Nothing began: the connection is as it was and may be used again.
            throw busy;
        } catch (RuntimeException failed) {
            if (!committed) {
                connections.discardOnReturn(handle.getConnection());
                throw failed;
            }
            // Committed: what failed afterwards (a detach, a hook) cannot undo the write; the connection is not reused.
            connections.discardOnReturn(handle.getConnection());
            return result;
        } finally {
            try {
                handle.close();
            } catch (RuntimeException closing) {
                if (!committed) {
                    throw closing;
                }
            }
        }
    }

    private void rollback(Handle handle) {
        try {
            handle.execute("ROLLBACK");
        } catch (RuntimeException noTransaction) {
            // BEGIN failed, or SQLite already rolled back (a full disk does): the connection is dropped by the caller.
            connections.discardOnReturn(handle.getConnection());
        }
    }

    private void detach(Handle handle, boolean committed) {
        try {
            engine.detachStaging(handle);
        } catch (RuntimeException failed) {
            // A connection with the staging file still attached is never handed on.
            connections.discardOnReturn(handle.getConnection());
            if (!committed) {
                throw failed;
            }
        }
    }

    /**
     * Called when a write has waited {@link #NOTE_AFTER} for the lock and on every later slice; the console and the
     * command line leave the default, a one-line note on the terminal's standard error.
     */
    public void onLockWait(LockWaitListener listener) {
        this.waitListener = listener;
    }

    /** How long a write may wait for another program's lock; {@link #LOCK_BUDGET} unless a caller has less patience. */
    public void lockBudget(Duration budget) {
        this.lockBudget = budget;
    }

    /** Runs after every successful COMMIT, before {@link #write} returns; for tests that act at that moment. */
    void afterCommit(Runnable hook) {
        this.afterCommit = hook;
    }

    /** The same for a policy whose live state has another name (PRODUCTION in the lifecycle of seed 004). */
    public ActiveCache activeCache(String liveState) {
        return activeCaches.computeIfAbsent(liveState, state -> new ActiveCache(this, state));
    }

    /**
     * The audit chain's verification, walked again only when the file may have changed since the last walk
     * ({@link FileGeneration}): the lineage check of every version the user selects names it, and walking 100 000
     * entries takes most of a second. {@code audit verify} and the Audit view's Verify walk the chain afresh
     * ({@link AuditTrail#verify}).
     */
    public AuditTrail.Verification verifiedChain() {
        return verifiedChain.get(() -> AuditTrail.verify(this));
    }

    /**
     * How many {@link #write} transactions this object has committed. With {@link #changeCounter()} it tells a cache
     * whether anything may have changed, without relying on SQLite reporting a connection's own commits.
     */
    public long commitCount() {
        return commits.get();
    }

    /**
     * {@link #write} with another SQLite file attached as schema {@code staging}, so that one short
     * transaction can copy prepared rows with {@code INSERT … SELECT} (docs/decisions/0008). SQLite refuses ATTACH inside
     * a transaction, so the file is attached on the handle before the transaction begins and detached after it ends.
     */
    public <R> R writeHandleWithStaging(Path staging, HandleCallback<R, RuntimeException> callback) {
        return write(callback, staging);
    }

    /**
     * A number that changes whenever any connection (another process included) commits to the file.
     * The engine's change feed (on SQLite, {@code PRAGMA data_version} on one long-lived connection; on a server, the
     * notifications received on a listening connection, and every reconnection of it).
     *
     * <p>When the feed cannot be read its connection was lost, and the idle connections were most likely lost with it (the
     * server restarted, or ended this app's sessions): they are closed, so the next read opens a fresh one rather than
     * failing once on each dead one.
     */
    public long changeCounter() {
        try {
            return changeFeed.current();
        } catch (RuntimeException lost) {
            connections.closeIdle();
            throw lost;
        }
    }

    @Override
    public void close() {
        changeFeed.close();
        connections.close();
        // SQLite checkpoints the WAL and removes -wal/-shm only when the last connection to close may write. A write that
        // failed discards its connection while the change feed's read-only one is still open, so nothing did: sweep, so
        // a refused write leaves the folder as it found it. (SQLite leaves them while another process has the file open.)
        if (removeSideFilesOnClose || !isReadOnly()) {
            engine.removeSideFiles(location);
        }
    }

    /** A callback that throws may leave its connection in any state (a pragma, an open statement): it is not kept. */
    private <R> HandleCallback<R, RuntimeException> discardOnFailure(HandleCallback<R, RuntimeException> callback) {
        return handle -> {
            try {
                return callback.withHandle(handle);
            } catch (RuntimeException failed) {
                connections.discardOnReturn(handle.getConnection());
                throw failed;
            }
        };
    }
}
