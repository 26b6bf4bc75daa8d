package com.modelsteward.registry.postgresql;

import com.modelsteward.registry.Engine;
import com.modelsteward.registry.Location;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The change feed of a server registry: one connection that {@code LISTEN}s on {@link PostgresEngine#CHANNEL}, where the
 * registry's triggers announce every commit (the server delivers a notification only when its transaction commits). The
 * counter moves on every notification received and on every reconnection: a connection that dropped may have missed
 * some, so the reader catches up by re-reading (from the last audit sequence it saw), and nothing is lost. Reading it
 * runs no query: it only takes what the server has already sent.
 *
 * <p>A hot standby (auditors on a replica, docs/deployment.md) refuses LISTEN; there the counter follows the position of
 * the replayed log instead, read with one small query each time, which moves whenever the primary's commits arrive.
 */
final class ChangeListener implements Engine.ChangeFeed {

    @FunctionalInterface
    interface Connector {
        Connection connect() throws SQLException;
    }

    private final Location.Server server;
    private final Connector connector;
    private Connection connection;
    private long counter;
    /** On a standby: the replayed log position last read (null when listening). */
    private String replayed;

    ChangeListener(Location.Server server, Connector connector) {
        this.server = server;
        this.connector = connector;
    }

    @Override
    public synchronized long current() {
        try {
            if (connection == null) {
                connection = connector.connect();
                replayed = null;
                try (Statement listen = connection.createStatement()) {
                    if (inRecovery(listen)) {
                        replayed = replayPosition(listen);
                    } else {
                        listen.execute(LISTEN);
                    }
                }
                counter++;
            }
            if (replayed != null) {
                try (Statement poll = connection.createStatement()) {
                    String position = replayPosition(poll);
                    if (!position.equals(replayed)) {
                        replayed = position;
                        counter++;
                    }
                }
                return counter;
            }
            // A short wait reads what has arrived on the socket without sending anything to the server.
            PGNotification[] received = connection.unwrap(PGConnection.class).getNotifications(1);
            if (received != null) {
                counter += received.length;
            }
            return counter;
        } catch (SQLException failed) {
            drop();
            throw PostgresErrors.translate(failed, server, null);
        }
    }

    private static final String LISTEN = "LISTEN " + PostgresEngine.CHANNEL;
    private static final String IN_RECOVERY = "SELECT pg_is_in_recovery()";
    private static final String REPLAY_POSITION = "SELECT coalesce(pg_last_wal_replay_lsn()::text, '')";

    private static boolean inRecovery(Statement statement) throws SQLException {
        try (var row = statement.executeQuery(IN_RECOVERY)) {
            row.next();
            return row.getBoolean(1);
        }
    }

    private static String replayPosition(Statement statement) throws SQLException {
        try (var row = statement.executeQuery(REPLAY_POSITION)) {
            row.next();
            return row.getString(1);
        }
    }

    @Override
    public synchronized void close() {
        drop();
    }

    private void drop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a listening connection holds no data
            }
            connection = null;
        }
    }
}
