package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * Everything that is specific to SQLite lives here, so that a PostgreSQL backend can replace this one class:
 * connection pragmas, the file header check, change detection and the translation of SQLite's error codes
 * into messages a user can act on.
 */
public final class SqliteDialect {

    public static final int BUSY_TIMEOUT_MS = 5_000;
    private static final Pattern NO_SUCH_TABLE = Pattern.compile("no such table: ([\\w.]+)");
    private static final Pattern UNIQUE = Pattern.compile("UNIQUE constraint failed: ([\\w.]+(?:, [\\w.]+)*)");
    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteDialect() {
    }

    /**
     * Read-write connections use WAL, a busy timeout and foreign keys; every transaction is BEGIN IMMEDIATE,
     * so two writers queue on the lock instead of failing half-way with "database is locked".
     */
    public static SQLiteDataSource readWrite(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return dataSource(file, config);
    }

    /** Read-only connections never change the file, not even its journal mode. */
    public static SQLiteDataSource readOnly(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        return dataSource(file, config);
    }

    /**
     * A connection that sets nothing (no journal mode, no pragma) and runs no statement: opened and closed only so that
     * SQLite removes the -wal and -shm files that read-only connections left (see Registry).
     */
    public static SQLiteDataSource sideFileSweeper(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setOpenMode(SQLiteOpenMode.READWRITE);
        return dataSource(file, config);
    }

    private static SQLiteDataSource dataSource(Path file, SQLiteConfig config) {
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return ds;
    }

    /** True when the file starts with SQLite's 16-byte magic header. */
    public static boolean hasSqliteHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(HEADER.length);
            return Arrays.equals(head, HEADER);
        }
    }

    /** The query whose value changes whenever another connection commits to the file. */
    public static String dataVersionQuery() {
        return "PRAGMA data_version";
    }

    public static boolean isBusy(Throwable error) {
        SQLiteErrorCode code = errorCode(error);
        return code != null && (code == SQLiteErrorCode.SQLITE_BUSY || code.name().startsWith("SQLITE_BUSY")
                || code == SQLiteErrorCode.SQLITE_LOCKED);
    }

    /** Translates a SQLite failure into a message naming the file and the problem. */
    public static RegistryException translate(Throwable error, Path file) {
        return translate(error, file, Duration.ofMillis(BUSY_TIMEOUT_MS));
    }

    /** The same, for an operation that waited {@code waited} for the lock before it gave up. */
    public static RegistryException translate(Throwable error, Path file, Duration waited) {
        if (error instanceof RegistryException registryError) {
            return registryError;
        }
        SQLiteErrorCode code = errorCode(error);
        String name = file.toString();
        String detail = rootMessage(error);
        Matcher missingTable = NO_SUCH_TABLE.matcher(detail == null ? "" : detail);
        if (missingTable.find()) {
            return new RegistryException("E_REGISTRY_NOT_REGISTRY", name + " has no table " + missingTable.group(1)
                    + ": it is not a complete Model Steward registry (was it changed by another program?)", error);
        }
        Matcher unique = UNIQUE.matcher(detail == null ? "" : detail);
        if (unique.find()) {
            return new RegistryException("E_REGISTRY_REFUSED", name + ": the registry already holds " + uniqueKey(unique.group(1))
                    + "; nothing was written", error);
        }
        if (code == null) {
            if (detail != null && detail.contains("SQLITE_CONSTRAINT")) {
                return new RegistryException("E_REGISTRY_REFUSED", name + ": the registry refused the change: " + cleanDetail(detail), error);
            }
            return new RegistryException("E_REGISTRY", name + ": " + (detail == null ? error.getClass().getSimpleName() : cleanDetail(detail)), error);
        }
        String family = code.name();
        if (family.startsWith("SQLITE_BUSY") || code == SQLiteErrorCode.SQLITE_LOCKED) {
            return new RegistryException("E_REGISTRY_LOCKED",
                    name + " is locked by another program (still busy after " + Math.max(1, waited.toSeconds())
                            + " s); nothing was written; try again in a moment", error);
        }
        if (family.startsWith("SQLITE_NOTADB")) {
            return new RegistryException("E_REGISTRY_NOT_SQLITE", name + " is not a SQLite database", error);
        }
        if (family.startsWith("SQLITE_CORRUPT")) {
            Path wal = Path.of(name + "-wal");
            String hint = Files.exists(wal) ? "; a write-ahead log " + wal + " is present: if it was copied from another database, move it away and retry" : "";
            return new RegistryException("E_REGISTRY_CORRUPT", name + " is damaged (SQLite reports the database disk image is malformed)" + hint, error);
        }
        if (family.startsWith("SQLITE_READONLY")) {
            return new RegistryException("E_REGISTRY_READ_ONLY", name + " is read-only: the change was not written", error);
        }
        if (family.startsWith("SQLITE_FULL")) {
            return new RegistryException("E_REGISTRY_FULL", name + ": the disk or the database is full; nothing was written", error);
        }
        if (family.startsWith("SQLITE_CANTOPEN") || family.startsWith("SQLITE_PERM") || family.startsWith("SQLITE_AUTH")) {
            return new RegistryException("E_REGISTRY_CANT_OPEN", name + " cannot be opened (check that it exists and that you may read it)", error);
        }
        if (family.startsWith("SQLITE_IOERR")) {
            return new RegistryException("E_REGISTRY_IO", name + ": the disk reported an input/output error; nothing was written", error);
        }
        if (family.startsWith("SQLITE_CONSTRAINT")) {
            return new RegistryException("E_REGISTRY_REFUSED", name + ": the registry refused the change: " + cleanDetail(rootMessage(error)), error);
        }
        return new RegistryException("E_REGISTRY", name + ": " + cleanDetail(rootMessage(error)), error);
    }

    /** "model_registry.model_id" → "a model_registry row with this model_id"; several columns are joined with "and". */
    private static String uniqueKey(String columns) {
        String table = null;
        StringBuilder names = new StringBuilder();
        for (String qualified : columns.split(",\\s*")) {
            int dot = qualified.indexOf('.');
            table = dot > 0 ? qualified.substring(0, dot) : table;
            if (!names.isEmpty()) {
                names.append(" and ");
            }
            names.append(dot > 0 ? qualified.substring(dot + 1) : qualified);
        }
        return (table == null ? "a row" : "a " + table + " row") + " with this " + names;
    }

    private static SQLiteErrorCode errorCode(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                return sqlite.getResultCode();
            }
            if (t instanceof SQLException sql && sql.getErrorCode() != 0) {
                SQLiteErrorCode code = SQLiteErrorCode.getErrorCode(sql.getErrorCode());
                if (code != SQLiteErrorCode.UNKNOWN_ERROR) {
                    return code;
                }
            }
        }
        return null;
    }

    private static String rootMessage(Throwable error) {
        String message = null;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }

    /** SQLite's messages look like "[SQLITE_CONSTRAINT_TRIGGER] A constraint failed (E_LEARN_…: …)"; keep the words. */
    static String cleanDetail(String detail) {
        if (detail == null) {
            return "unknown error";
        }
        String cleaned = detail.replaceFirst("^\\[SQLITE_[A-Z_]+\\]\\s*", "");
        int open = cleaned.indexOf('(');
        int close = cleaned.lastIndexOf(')');
        if (cleaned.startsWith("A constraint failed") || cleaned.startsWith("Abort due to constraint violation")) {
            if (open >= 0 && close > open) {
                cleaned = cleaned.substring(open + 1, close);
            }
        }
        return cleaned.strip();
    }
}
