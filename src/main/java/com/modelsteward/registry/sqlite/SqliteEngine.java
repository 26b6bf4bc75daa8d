package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.Engine;
import com.modelsteward.registry.Location;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.registry.Store;
import com.modelsteward.registry.sql.SqlStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.sqlite.SQLiteConnection;

/** The registry as one SQLite file: the embedded default {@link Engine} (the demo, one workstation, the trading system's file). */
public final class SqliteEngine implements Engine {

    public static final SqliteEngine INSTANCE = new SqliteEngine();

    private static final SchemaMigrations MIGRATIONS = new SchemaMigrations() {
        @Override
        public int latest() {
            return Migrations.latest();
        }

        @Override
        public int current(Handle handle) {
            return handle.createQuery("SELECT coalesce(max(version), 0) FROM schema_version").mapTo(Integer.class).one();
        }

        @Override
        public void applyAfter(Handle handle, int current) {
            Migrations.applyAfter(handle, current);
        }
    };

    private SqliteEngine() {
    }

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public int probe(Location location) {
        Path file = file(location);
        checkReadableRegistryFile(file);
        try (Connection connection = SqliteDialect.readOnly(file).getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet tables = statement.executeQuery(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")) {
                tables.next();
                if (tables.getInt(1) == 0) {
                    throw new RegistryException("E_REGISTRY_NOT_REGISTRY",
                            file + " is a SQLite database but not a Model Steward registry (it has no schema_version table)");
                }
            }
            try (ResultSet version = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                version.next();
                return version.getInt(1);
            }
        } catch (SQLException failed) {
            throw SqliteDialect.translate(failed, file);
        }
    }

    @Override
    public Optional<String> readOnlyReason(Location location) {
        Path file = file(location);
        return Files.isWritable(file) && Files.isWritable(file.getParent()) ? Optional.empty() : Optional.of("you may not write to the file");
    }

    @Override
    public void checkCreatable(Location location) {
        Path file = file(location);
        Path folder = file.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new RegistryException("E_REGISTRY_NO_FOLDER", "the folder " + folder + " does not exist (for registry " + file + ")");
        }
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                throw new RegistryException("E_REGISTRY_EXISTS", file + " already exists; choose a new file name (nothing was changed)");
            }
        } catch (IOException unreadable) {
            throw new RegistryException("E_REGISTRY_CANT_OPEN", file + " cannot be read: " + unreadable.getMessage(), unreadable);
        }
    }

    /** The file was created by the failed call and is incomplete. */
    @Override
    public void discardCreated(Location location) {
        Path file = file(location);
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    @Override
    public DataSource readWrite(Location location) {
        return SqliteDialect.readWrite(file(location));
    }

    @Override
    public DataSource readOnly(Location location) {
        return SqliteDialect.readOnly(file(location));
    }

    /** {@code BEGIN IMMEDIATE} with SQLite's busy handler limited to the slice, then back to the connection's default. */
    @Override
    public void begin(Connection connection, Duration slice) throws SQLException {
        SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
        sqlite.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, slice.toMillis()));
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
        } finally {
            sqlite.setBusyTimeout(SqliteDialect.BUSY_TIMEOUT_MS);
        }
    }

    /** SQLite's waiters poll (its busy handler): the registry tries again in short slices to keep that fair. */
    @Override
    public boolean queuesWriters() {
        return false;
    }

    @Override
    public boolean isBusy(Throwable failure) {
        return SqliteDialect.isBusy(failure);
    }

    @Override
    public RegistryException translate(Throwable failure, Location location) {
        Path file = file(location);
        return SqliteDialect.translate(failure, file);
    }

    @Override
    public RegistryException translate(Throwable failure, Location location, Duration waited) {
        Path file = file(location);
        return SqliteDialect.translate(failure, file, waited);
    }

    /**
     * {@code PRAGMA data_version} on one long-lived read-only connection: the value is per connection and moves when any
     * other connection commits. SQLite does not report a connection's own commits; the registry counts those itself.
     */
    @Override
    public ChangeFeed changeFeed(Location location) {
        Path file = file(location);
        return new ChangeFeed() {
            private Connection connection;

            @Override
            public synchronized long current() {
                try {
                    if (connection == null) {
                        connection = SqliteDialect.readOnly(file).getConnection();
                    }
                    try (Statement statement = connection.createStatement();
                         ResultSet rows = statement.executeQuery("PRAGMA data_version")) {
                        rows.next();
                        return rows.getLong(1);
                    }
                } catch (SQLException failed) {
                    throw SqliteDialect.translate(failed, file);
                }
            }

            @Override
            public synchronized void close() {
                if (connection != null) {
                    try {
                        connection.close();
                    } catch (SQLException ignored) {
                        // closing a read-only connection cannot lose data
                    }
                    connection = null;
                }
            }
        };
    }

    @Override
    public SchemaMigrations migrations() {
        return MIGRATIONS;
    }

    /** A read-only connection: its BEGIN is a plain read transaction, and ATTACH of the staging file is no write. */
    @Override
    public DataSource stagingReader(Location location) {
        return readOnly(location);
    }

    /** SQLite refuses ATTACH inside a transaction: the caller attaches before BEGIN and detaches after COMMIT or ROLLBACK. */
    @Override
    public void attachStaging(Handle handle, Path staging) {
        handle.createUpdate("ATTACH DATABASE :file AS staging").bind("file", staging.toString()).execute();
    }

    @Override
    public void detachStaging(Handle handle) {
        handle.execute("DETACH DATABASE staging");
    }

    @Override
    public boolean hasSideFiles(Location location) {
        Path file = file(location);
        return Files.exists(Path.of(file + "-wal")) || Files.exists(Path.of(file + "-shm"));
    }

    /**
     * A read-only connection to a WAL database creates its -wal and -shm files and never removes them. Closing the last
     * read-write connection does: SQLite checkpoints the log, which is empty here, so the database's bytes stay as they
     * were, and deletes both files — and leaves them when any other connection still has the file open.
     */
    @Override
    public void removeSideFiles(Location location) {
        Path file = file(location);
        if (!Files.isRegularFile(file) || !hasSideFiles(location)) {
            return; // a read-write open of a missing file would create it
        }
        try (Connection sweeper = SqliteDialect.sideFileSweeper(file).getConnection()) {
            sweeper.isValid(0);
        } catch (SQLException ignored) {
            // the file is not ours to write (a read-only file): the side files stay, as SQLite made them
        }
    }

    /** A file has no logins: the OS account running the app is who acts. */
    @Override
    public Optional<String> authenticatedUser(Handle handle) {
        return Optional.empty();
    }

    /** Every SQLite transaction reads one snapshot; SERIALIZABLE is its default level, so nothing is set. */
    @Override
    public TransactionIsolationLevel snapshotIsolation() {
        return TransactionIsolationLevel.SERIALIZABLE;
    }

    @Override
    public Store store(Handle handle) {
        return new SqlStore(handle, SqliteSql.INSTANCE);
    }

    private static Path file(Location location) {
        if (location instanceof Location.File file) {
            return file.path();
        }
        throw new IllegalArgumentException(location + " is not a SQLite file");
    }

    private static void checkReadableRegistryFile(Path file) {
        Path folder = file.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new RegistryException("E_REGISTRY_NO_FOLDER", "the folder " + folder + " does not exist (for registry " + file + ")");
        }
        if (Files.isDirectory(file)) {
            throw new RegistryException("E_REGISTRY_NOT_SQLITE", file + " is a folder, not a registry file");
        }
        if (!Files.exists(file)) {
            throw new RegistryException("E_REGISTRY_MISSING", file + " does not exist; create a registry with `init --db " + file
                    + "` or a demo with `demo --db " + file + "`");
        }
        if (!Files.isReadable(file)) {
            throw new RegistryException("E_REGISTRY_CANT_OPEN", file + " cannot be read: permission denied");
        }
        try {
            if (Files.size(file) == 0) {
                throw new RegistryException("E_REGISTRY_NOT_SQLITE", file + " is an empty file, not a Model Steward registry");
            }
            if (!SqliteDialect.hasSqliteHeader(file)) {
                throw new RegistryException("E_REGISTRY_NOT_SQLITE", file + " is not a SQLite database (its header is not \"SQLite format 3\")");
            }
        } catch (IOException unreadable) {
            throw new RegistryException("E_REGISTRY_CANT_OPEN", file + " cannot be read: " + unreadable.getMessage(), unreadable);
        }
    }
}
