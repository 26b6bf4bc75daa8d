package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.RegistryException;
import com.modelsteward.registry.ScorecardStagingFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * {@link ScorecardStagingFile} as a private SQLite file. A unique index on (model_id, pack_id, metric, generated_at) finds
 * repeated rows as they are inserted ({@code INSERT OR IGNORE}: an ignored row is a duplicate), so duplicates cost no
 * query per row; only a duplicate found costs one look-up, for the line it repeats. Rows go to disk one JDBC batch (and
 * one staging commit) at a time, so the memory used does not grow with the file.
 */
public final class SqliteScorecardStagingFile implements ScorecardStagingFile {

    private final Path file;
    private final Connection connection;
    private final PreparedStatement insert;
    private final PreparedStatement firstLine;
    private final Duplicates duplicates;
    private final int batch;
    private final long[] pendingLines;
    private final String[][] pendingKeys;
    private int pending;
    private long rows;

    private SqliteScorecardStagingFile(Path file, Connection connection, int batch, Duplicates duplicates) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.duplicates = duplicates;
        this.batch = batch;
        this.pendingLines = new long[batch];
        this.pendingKeys = new String[batch][];
        this.insert = connection.prepareStatement("""
                INSERT OR IGNORE INTO staged_scorecards (line, model_id, pack_id, metric, value, generated_at)
                VALUES (?, ?, ?, ?, ?, ?)""");
        this.firstLine = connection.prepareStatement("""
                SELECT line FROM staged_scorecards
                 WHERE model_id = ? AND pack_id = ? AND metric = ? AND coalesce(generated_at, '') = ?""");
    }

    /** See {@link ScorecardStagingFile#create}. */
    public static ScorecardStagingFile create(Path file, int batch, Duplicates duplicates) {
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
            return new SqliteScorecardStagingFile(file, connection, batch, duplicates);
        } catch (SQLException failed) {
            closeQuietly(connection);
            throw stagingFailed(file, failed);
        }
    }

    @Override
    public long rows() {
        return rows + pending;
    }

    @Override
    public void add(long line, String modelId, String packId, String metric, Double value, String generatedAt) {
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
            if (++pending == batch) {
                flush();
            }
        } catch (SQLException failed) {
            throw stagingFailed(file, failed);
        }
    }

    @Override
    public void finish() {
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

    @Override
    public void close() {
        closeQuietly(connection);
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
}
