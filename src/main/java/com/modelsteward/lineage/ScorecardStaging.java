package com.modelsteward.lineage;

import com.modelsteward.registry.RegistryException;
import com.modelsteward.registry.sqlite.SqliteDialect;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private SQLite file in the temp folder that holds an import's validated rows until they are copied into the
 * registry in one short transaction (docs/decisions/0008). Parsing a large file takes minutes; doing it here takes no
 * lock on the registry, and the memory used does not grow with the file: rows go to disk in batches of {@value #BATCH}.
 *
 * <p>A unique index on (model_id, pack_id, metric, generated_at) finds repeated rows as they are inserted
 * ({@code INSERT OR IGNORE}: an ignored row is a duplicate), so duplicates cost no query per row; only a duplicate found
 * costs one look-up, for the line it repeats.
 */
final class ScorecardStaging implements AutoCloseable {

    private static final String PREFIX = "model-steward-import-";
    /** "model-steward-import-PID-RANDOM.db" and its journal; files of older versions have only the random part. */
    private static final Pattern LEFTOVER = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)(-\\d+)?\\.db(?:-journal|-wal|-shm)?");
    /**
     * A file named the old way (no process id) may belong to an import an older version is running right now: it is
     * left alone until it has not changed for this long.
     */
    private static final java.time.Duration UNNAMED_LEFTOVER_AGE = java.time.Duration.ofHours(1);
    /** Staging files of imports running in this process; a shutdown (Ctrl-C, a closed console, SIGTERM) deletes them. */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    /** Rows per JDBC batch and per staging commit: large enough to amortise the round trip, small enough to bound memory. */
    static final int BATCH = 10_000;

    /** Tells the reader about a row that repeats an earlier one: its line, the earlier line, whether the key has a time. */
    @FunctionalInterface
    interface Duplicates {
        void found(long line, long firstLine, boolean timed);
    }

    private final Path file;
    private final Connection connection;
    private final PreparedStatement insert;
    private final PreparedStatement firstLine;
    private final Duplicates duplicates;
    private final long[] pendingLines = new long[BATCH];
    private final String[][] pendingKeys = new String[BATCH][];
    private int pending;
    private long rows;

    private ScorecardStaging(Path file, Connection connection, Duplicates duplicates) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.duplicates = duplicates;
        this.insert = connection.prepareStatement("""
                INSERT OR IGNORE INTO staged_scorecards (line, model_id, pack_id, metric, value, generated_at)
                VALUES (?, ?, ?, ?, ?, ?)""");
        this.firstLine = connection.prepareStatement("""
                SELECT line FROM staged_scorecards
                 WHERE model_id = ? AND pack_id = ? AND metric = ? AND coalesce(generated_at, '') = ?""");
    }

    /** A new, empty staging file; the caller closes it, which deletes the file. */
    static ScorecardStaging create(Duplicates duplicates) {
        removeLeftovers();
        Path file;
        try {
            file = Files.createTempFile(PREFIX + ProcessHandle.current().pid() + "-", ".db");
            LIVE.add(file);
            ShutdownCleanup.install();
        } catch (IOException noTempSpace) {
            throw new RegistryException("E_IMPORT_CANT_STAGE", "cannot create a staging file in the temp folder "
                    + System.getProperty("java.io.tmpdir") + ": " + noTempSpace.getMessage() + "; nothing was imported");
        }
        Connection connection = null;
        try {
            connection = SqliteDialect.readWrite(file).getConnection();
            try (Statement statement = connection.createStatement()) {
                // A throw-away file: no journal and no fsync; a crash loses only the staging, never the registry.
                statement.execute("PRAGMA journal_mode = OFF");
                statement.execute("PRAGMA synchronous = OFF");
                statement.execute("PRAGMA cache_size = -16000");
                statement.execute("""
                        CREATE TABLE staged_scorecards (
                            line         INTEGER NOT NULL,
                            model_id     TEXT NOT NULL,
                            pack_id      TEXT NOT NULL,
                            metric       TEXT NOT NULL,
                            value        REAL,
                            generated_at TEXT)""");
                statement.execute("""
                        CREATE UNIQUE INDEX staged_key ON staged_scorecards (model_id, pack_id, metric, coalesce(generated_at, ''))""");
            }
            connection.setAutoCommit(false);
            return new ScorecardStaging(file, connection, duplicates);
        } catch (SQLException failed) {
            closeQuietly(connection);
            deleteQuietly(file);
            throw stagingFailed(file, failed);
        }
    }

    Path file() {
        return file;
    }

    /** Rows kept so far (duplicates left out), counting the batch not yet written. */
    long rows() {
        return rows + pending;
    }

    /** {@code value} null: the file gave no usable number; {@code generatedAt} null: the import time will be used. */
    void add(long line, String modelId, String packId, String metric, Double value, String generatedAt) {
        try {
            insert.setLong(1, line);
            insert.setString(2, modelId);
            insert.setString(3, packId);
            insert.setString(4, metric);
            if (value == null) {
                insert.setNull(5, Types.REAL);
            } else {
                insert.setDouble(5, value);
            }
            if (generatedAt == null) {
                insert.setNull(6, Types.VARCHAR);
            } else {
                insert.setString(6, generatedAt);
            }
            insert.addBatch();
            pendingLines[pending] = line;
            pendingKeys[pending] = new String[] {modelId, packId, metric, generatedAt};
            if (++pending == BATCH) {
                flush();
            }
        } catch (SQLException failed) {
            throw stagingFailed(file, failed);
        }
    }

    /** Writes the last batch and commits; afterwards the file is complete and may be attached to the registry. */
    void finish() {
        try {
            flush();
            connection.commit();
            connection.close();
        } catch (SQLException failed) {
            throw stagingFailed(file, failed);
        }
    }

    private void flush() throws SQLException {
        if (pending == 0) {
            return;
        }
        int[] counts = insert.executeBatch();
        for (int i = 0; i < pending; i++) {
            if (counts[i] == 0) {
                String[] key = pendingKeys[i];
                duplicates.found(pendingLines[i], lineOf(key), key[3] != null);
            } else {
                rows++;
            }
            pendingKeys[i] = null;
        }
        pending = 0;
        connection.commit();
    }

    private long lineOf(String[] key) throws SQLException {
        firstLine.setString(1, key[0]);
        firstLine.setString(2, key[1]);
        firstLine.setString(3, key[2]);
        firstLine.setString(4, key[3] == null ? "" : key[3]);
        try (ResultSet found = firstLine.executeQuery()) {
            return found.next() ? found.getLong(1) : 0;
        }
    }

    /** Deletes the staging file: after a refusal, a cancel, or a copy into the registry. */
    @Override
    public void close() {
        closeQuietly(connection);
        deleteQuietly(file);
        LIVE.remove(file);
    }

    /**
     * Deletes the staging files of imports whose process has ended without deleting them (killed, or the machine went
     * down): the file name carries the process id, and a file whose process is gone is no one's. Run before every import.
     */
    static void removeLeftovers() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(temp, PREFIX + "*")) {
            for (Path found : files) {
                Matcher name = LEFTOVER.matcher(found.getFileName().toString());
                boolean withPid = name.matches() && name.group(2) != null;
                if (name.matches() && (withPid ? !alive(name.group(1)) : untouchedFor(found, UNNAMED_LEFTOVER_AGE))) {
                    try {
                        Files.deleteIfExists(found);
                    } catch (IOException ignored) {
                        // another user's file, or already gone: not ours to worry about
                    }
                }
            }
        } catch (IOException | DirectoryIteratorException unlisted) {
            // an unreadable temp folder: the import that follows reports it when it creates its own file
        }
    }

    private static boolean untouchedFor(Path file, java.time.Duration age) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(java.time.Instant.now().minus(age));
        } catch (IOException gone) {
            return false;
        }
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException notAPid) {
            return false;
        }
    }

    private static RegistryException stagingFailed(Path file, SQLException failed) {
        return new RegistryException("E_IMPORT_CANT_STAGE", "cannot write the staging file " + file + " (is the temp folder full?): "
                + failed.getMessage() + "; nothing was imported");
    }

    private static void closeQuietly(Connection connection) {
        try {
            if (connection != null && !connection.isClosed()) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // the staging file is deleted next; nothing in it is kept
        }
    }

    /** Installs the shutdown hook the first time a staging file is made (the holder idiom: once, thread-safe). */
    private static final class ShutdownCleanup {
        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ScorecardStaging::deleteQuietly), "scorecards-staging-cleanup"));
        }

        static void install() {
            // loading the class ran the static block
        }
    }

    private static void deleteQuietly(Path file) {
        for (String suffix : new String[] {"", "-journal", "-wal", "-shm"}) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (IOException ignored) {
                // best effort: a staging file left in the temp folder holds no registry data that matters
            }
        }
    }
}
