package com.modelsteward.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * Keeps a few of this process's connections to the registry open between operations.
 *
 * <p>A new SQLite connection parses the whole schema (its triggers included) before its first statement, about 2 ms, and
 * closing the last connection to a WAL file checkpoints the log into the database, an fsync of the file. Opening one
 * connection per {@code read} and {@code write} paid both on every commit (most of the 22 ms median at 100 000 versions).
 *
 * <p>A connection is only ever used by one operation at a time; a connection whose operation failed is closed instead of
 * kept, so a pragma or a half-finished statement of a failed callback never reaches the next one.
 */
final class ConnectionPool implements ConnectionFactory, AutoCloseable {

    /** More than the background threads that read at once in the console; surplus connections are closed on return. */
    static final int MAX_IDLE = 4;

    private final DataSource dataSource;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final Set<Connection> failed = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    ConnectionPool(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection openConnection() throws SQLException {
        Connection kept = idle.pollFirst();
        return kept != null ? kept : dataSource.getConnection();
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        boolean keep = !closed && !failed.remove(connection) && !connection.isClosed() && connection.getAutoCommit()
                && idle.size() < MAX_IDLE;
        if (keep) {
            idle.offerFirst(connection);
            if (closed && idle.remove(connection)) {
                connection.close();
            }
        } else {
            connection.close();
        }
    }

    /** The operation on this connection failed: close it when it is handed back rather than keep it. */
    void discardOnReturn(Connection connection) {
        failed.add(connection);
    }

    /** Closes the idle connections, which may be used no more (their server went away); new ones are opened as needed. */
    void closeIdle() {
        for (Connection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // an idle connection holds no transaction: closing it cannot lose data
            }
        }
    }

    /** Closes the idle connections; connections in use are closed when they are handed back. */
    @Override
    public void close() {
        closed = true;
        closeIdle();
    }
}
