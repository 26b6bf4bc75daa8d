package com.modelsteward.ui.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A PostgreSQL server of one test's own, which the test may stop and start again (same data, same port) — the suite's
 * shared server must stay up for the other tests. Logins are trusted: this server is about outages, not passwords.
 */
final class OwnServer implements AutoCloseable {

    private final Path data;
    private final int port;
    private EmbeddedPostgres running;

    OwnServer(Path data) throws IOException {
        this.data = data;
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        }
        start();
    }

    void start() throws IOException {
        running = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1").setServerConfig("fsync", "off").start();
    }

    void stop() throws IOException {
        running.close();
        running = null;
    }

    int port() {
        return port;
    }

    String url(String login, String database) {
        return "postgresql://" + login + "@127.0.0.1:" + port + "/" + database;
    }

    Connection superConnection(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", null);
    }

    @Override
    public void close() throws IOException {
        if (running != null) {
            stop();
        }
    }
}
