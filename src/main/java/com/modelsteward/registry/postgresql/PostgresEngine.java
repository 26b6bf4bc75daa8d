package com.modelsteward.registry.postgresql;

import com.modelsteward.registry.Engine;
import com.modelsteward.registry.Location;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.registry.Store;
import com.modelsteward.registry.sql.SqlStore;
import com.modelsteward.registry.sqlite.SqliteEngine;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A registry in schema {@code steward} of a database on a PostgreSQL server (docs/decisions/0016-postgresql.md): the
 * server authenticates each person, its privileges and triggers refuse ungoverned writes, and commits are announced on
 * the channel {@code steward_changes}.
 *
 * <p>Writes by this app are serialised per registry by a lock on the table {@code write_lock} taken right after
 * {@code BEGIN} — the same one-writer rule as SQLite's {@code BEGIN IMMEDIATE}, so request numbers and the audit chain
 * never race — while reads never wait. Waiting for the lock is bounded by {@code lock_timeout} per slice, and only a
 * failure that certainly rolled back (lock timeout, serialization failure, deadlock) is retried.
 */
public final class PostgresEngine implements Engine {

    public static final PostgresEngine INSTANCE = new PostgresEngine();

    /**
     * The registry's write lock: a table lock only the writing groups may take (an advisory lock could be held by any
     * login, the auditor's included, and stall every governed write). Released by COMMIT or ROLLBACK.
     */
    static final String TAKE_WRITE_LOCK = "LOCK TABLE steward.write_lock IN EXCLUSIVE MODE";
    /** The channel every commit is announced on (docs/schema.md, "PostgreSQL"). */
    public static final String CHANNEL = "steward_changes";
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private static final PostgresMigrations MIGRATIONS = new PostgresMigrations();

    private PostgresEngine() {
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public int probe(Location location) {
        Location.Server server = server(location);
        try (Connection connection = dataSource(server, true).getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet schema = statement.executeQuery("SELECT to_regclass('steward.schema_version') IS NOT NULL")) {
                schema.next();
                if (!schema.getBoolean(1)) {
                    throw new RegistryException("E_REGISTRY_NOT_REGISTRY", server + " is a PostgreSQL database but not a Model Steward registry "
                            + "(it has no schema steward); create one with `init --db " + server + "`");
                }
            }
            try (ResultSet version = statement.executeQuery("SELECT coalesce(max(version), 0) FROM steward.schema_version")) {
                version.next();
                return version.getInt(1);
            }
        } catch (SQLException failed) {
            throw PostgresErrors.translate(failed, server, null);
        }
    }

    /**
     * A standby may only be read, and so may a login in neither the console's nor the pipeline's group (an auditor, or
     * nobody yet). A group counts
     * as the schema's own checks count it (steward.login_in_group): its privileges or the right to SET ROLE to it, not an
     * ADMIN OPTION alone.
     */
    @Override
    public Optional<String> readOnlyReason(Location location) {
        Location.Server server = server(location);
        try (Connection connection = dataSource(server, true).getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT session_user,
                            EXISTS (SELECT 1 FROM pg_roles WHERE rolname IN ('steward_console', 'steward_pipeline', 'steward_owner')
                                      AND (pg_has_role(session_user, oid, 'USAGE')
                                           OR CASE WHEN current_setting('server_version_num')::int >= 160000
                                                   THEN pg_has_role(session_user, oid, 'SET')
                                                   ELSE pg_has_role(session_user, oid, 'MEMBER') END)),
                            pg_is_in_recovery()""");
             ResultSet row = query.executeQuery()) {
            row.next();
            if (row.getBoolean(3)) {
                return Optional.of("the server is a standby, which only reads (write on the primary)");
            }
            return row.getBoolean(2) ? Optional.empty()
                    : Optional.of(row.getString(1) + " is in none of the registry's writing groups (steward_analyst, steward_risk_officer, "
                            + "steward_admin, steward_pipeline) and may only read");
        } catch (SQLException failed) {
            throw PostgresErrors.translate(failed, server, null);
        }
    }

    @Override
    public void checkCreatable(Location location) {
        Location.Server server = server(location);
        try (Connection connection = dataSource(server, true).getConnection(); Statement statement = connection.createStatement();
             ResultSet schema = statement.executeQuery("SELECT to_regnamespace('steward') IS NOT NULL")) {
            schema.next();
            if (schema.getBoolean(1)) {
                throw new RegistryException("E_REGISTRY_EXISTS", server + " already holds a registry (schema steward); nothing was changed");
            }
        } catch (SQLException failed) {
            throw PostgresErrors.translate(failed, server, null);
        }
    }

    /** A failed create rolled back in its one transaction: nothing is left (group roles made by roles.sql roll back too). */
    @Override
    public void discardCreated(Location location) {
    }

    @Override
    public DataSource readWrite(Location location) {
        return dataSource(server(location), false);
    }

    @Override
    public DataSource readOnly(Location location) {
        return dataSource(server(location), true);
    }

    @Override
    public void begin(Connection connection, Duration slice) throws SQLException {
        try (Statement statement = connection.createStatement();
             PreparedStatement timeout = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
            statement.execute("BEGIN");
            timeout.setString(1, Math.max(1, slice.toMillis()) + "ms");
            timeout.execute();
            try {
                statement.execute(TAKE_WRITE_LOCK);
            } catch (SQLException noSchema) {
                if (!"3F000".equals(noSchema.getSQLState()) && !"42P01".equals(noSchema.getSQLState())) {
                    throw noSchema;
                }
                // No registry here yet: this is the transaction that creates it, and nobody else can write to it.
                statement.execute("ROLLBACK");
                statement.execute("BEGIN");
            }
            statement.execute("SET LOCAL lock_timeout = DEFAULT");
        } catch (SQLException busy) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ROLLBACK");
            } catch (SQLException ignored) {
                // the connection is dropped by the caller when it cannot roll back
            }
            throw busy;
        }
    }

    /**
     * Waiters for the write lock sleep in the server's lock queue and are granted it in turn. Giving up after a short
     * lock_timeout to ask again, as SQLite's waiters must, would send each waiter to the back of the queue and cost four
     * round trips and a rollback per try: under issue 21's load, 52 tries per write that took cores from the writer.
     */
    @Override
    public boolean queuesWriters() {
        return true;
    }

    @Override
    public boolean isBusy(Throwable failure) {
        return PostgresErrors.isRetryable(failure);
    }

    @Override
    public RegistryException translate(Throwable failure, Location location) {
        return PostgresErrors.translate(failure, server(location), null);
    }

    @Override
    public RegistryException translate(Throwable failure, Location location, Duration waited) {
        return PostgresErrors.translate(failure, server(location), waited);
    }

    @Override
    public ChangeFeed changeFeed(Location location) {
        return new ChangeListener(server(location), () -> dataSource(server(location), true).getConnection());
    }

    @Override
    public SchemaMigrations migrations() {
        return MIGRATIONS;
    }

    /**
     * A read-write connection: the staging rows go into a temporary table, which a READ ONLY transaction refuses. Its
     * plain BEGIN takes no write lock, and the reader rolls back.
     */
    @Override
    public DataSource stagingReader(Location location) {
        return readWrite(location);
    }

    /**
     * The import's prepared rows (a SQLite staging file, docs/decisions/0008) copied with {@code COPY} into a temporary
     * table {@code pg_temp.staged_scorecards} of this connection, which the statements name as {@code staging}'s.
     */
    @Override
    public void attachStaging(Handle handle, Path staging) {
        handle.execute("""
                CREATE TEMP TABLE IF NOT EXISTS staged_scorecards (
                    rowid bigint NOT NULL, line bigint NOT NULL, model_id text COLLATE "C" NOT NULL,
                    pack_id text COLLATE "C" NOT NULL, metric text COLLATE "C" NOT NULL, value double precision,
                    generated_at text COLLATE "C")""");
        handle.execute("TRUNCATE pg_temp.staged_scorecards");
        try (Connection file = SqliteEngine.INSTANCE.readOnly(new Location.File(staging)).getConnection();
             Statement read = file.createStatement();
             ResultSet rows = read.executeQuery(
                     "SELECT rowid, line, model_id, pack_id, metric, value, generated_at FROM staged_scorecards ORDER BY rowid")) {
            CopyIn copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY pg_temp.staged_scorecards FROM STDIN (FORMAT csv)");
            try {
                StringWriter batch = new StringWriter();
                int inBatch = 0;
                while (rows.next()) {
                    batch.append(Long.toString(rows.getLong(1))).append(',').append(Long.toString(rows.getLong(2))).append(',')
                            .append(csv(rows.getString(3))).append(',').append(csv(rows.getString(4))).append(',')
                            .append(csv(rows.getString(5))).append(',');
                    double value = rows.getDouble(6);
                    if (!rows.wasNull()) {
                        batch.append(Double.toString(value));
                    }
                    batch.append(',').append(csv(rows.getString(7))).append('\n');
                    if (++inBatch == 10_000) {
                        write(copy, batch);
                        inBatch = 0;
                    }
                }
                write(copy, batch);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException failed) {
            throw new RegistryException("E_IMPORT_CANT_STAGE", "cannot copy the prepared rows to the server: " + failed.getMessage(), failed);
        }
    }

    private static void write(CopyIn copy, StringWriter batch) throws SQLException {
        byte[] bytes = batch.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        batch.getBuffer().setLength(0);
    }

    /** NULL is an unquoted empty field in COPY's csv format; every text is quoted, so an empty text stays a text. */
    private static String csv(String text) {
        return text == null ? "" : "\"" + text.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void detachStaging(Handle handle) {
        handle.execute("DROP TABLE IF EXISTS pg_temp.staged_scorecards");
    }

    @Override
    public boolean hasSideFiles(Location location) {
        return false;
    }

    @Override
    public void removeSideFiles(Location location) {
    }

    @Override
    public Optional<String> authenticatedUser(Handle handle) {
        return Optional.of(handle.createQuery("SELECT session_user").mapTo(String.class).one());
    }

    /** READ COMMITTED, the server's default, takes a new snapshot per statement; REPEATABLE READ keeps the first. */
    @Override
    public TransactionIsolationLevel snapshotIsolation() {
        return TransactionIsolationLevel.REPEATABLE_READ;
    }

    @Override
    public Store store(Handle handle) {
        return new SqlStore(handle, PostgresSql.INSTANCE);
    }

    /**
     * Connections as the address's login, in schema {@code steward}; {@code readOnly} ones run every transaction READ
     * ONLY. The password is the one {@link ServerLogin} found; none means the server decides (trust, peer, or a refusal
     * that asks for one).
     */
    static DataSource dataSource(Location.Server server, boolean readOnly) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {server.host()});
        source.setPortNumbers(new int[] {server.port()});
        source.setDatabaseName(server.database());
        source.setUser(server.user());
        server.password().ifPresent(source::setPassword);
        source.setCurrentSchema("steward");
        source.setApplicationName("Model Steward");
        source.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        source.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        source.setTcpKeepAlive(true);
        source.setReadOnly(readOnly);
        if (readOnly) {
            source.setReadOnlyMode("always");
        }
        for (Map.Entry<String, String> parameter : server.parameters().entrySet()) {
            switch (parameter.getKey()) {
                case "connect_timeout" -> source.setConnectTimeout(Integer.parseInt(parameter.getValue()));
                case "application_name" -> source.setApplicationName(parameter.getValue());
                case "options" -> source.setOptions(parameter.getValue());
                case "target_session_attrs" -> source.setTargetServerType(parameter.getValue());
                default -> {
                    try {
                        source.setProperty(parameter.getKey(), parameter.getValue());
                    } catch (SQLException unknown) {
                        throw new RegistryException("E_USAGE", server + ": the parameter " + parameter.getKey() + " is not understood: "
                                + unknown.getMessage(), unknown);
                    }
                }
            }
        }
        return source;
    }

    static Location.Server server(Location location) {
        if (location instanceof Location.Server server) {
            return server;
        }
        throw new IllegalArgumentException(location + " is not a server registry");
    }
}
