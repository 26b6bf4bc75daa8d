package com.modelsteward.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for the server suite: the one named by {@code -Dsteward.pg.url} (a superuser's URL, e.g.
 * {@code postgresql://postgres@localhost:5432/postgres} — CI points it at Debian's own server), otherwise PostgreSQL
 * binaries from Maven Central started once per test JVM. Each test takes a fresh database; logins are cluster-wide and
 * made once, each with its own password, and the server asks every login but the superuser for it (scram-sha-256), so a
 * wrong password is refused as on a team's server.
 */
public final class PostgresServer {

    /** The password of every test login: {@code <login>-pw}. */
    public static String passwordOf(String login) {
        return login + "-pw";
    }

    private static PostgresServer shared;

    private final String host;
    private final int port;
    private final String superuser;
    private final String superPassword;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(String host, int port, String superuser, String superPassword) {
        this.host = host;
        this.port = port;
        this.superuser = superuser;
        this.superPassword = superPassword;
    }

    /** The server of this test JVM, started on first use. */
    public static synchronized PostgresServer get() {
        if (shared == null) {
            String external = System.getProperty("steward.pg.url", "");
            shared = external.isBlank() ? startEmbedded() : external(external);
        }
        return shared;
    }

    private static PostgresServer external(String url) {
        URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
        String user = uri.getUserInfo() == null ? "postgres" : uri.getUserInfo().split(":", 2)[0];
        String password = uri.getUserInfo() != null && uri.getUserInfo().contains(":") ? uri.getUserInfo().split(":", 2)[1] : null;
        return new PostgresServer(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password);
    }

    private static PostgresServer startEmbedded() {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .start();
            PostgresServer started = new PostgresServer("127.0.0.1", server.getPort(), "postgres", null);
            started.requirePasswords(server);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is ending; the data folder is a temp folder
                }
            }));
            return started;
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL server", failed);
        }
    }

    /** Only the superuser connects without a password (the suite's own set-up); every other login needs its own. */
    private void requirePasswords(EmbeddedPostgres server) throws IOException {
        try (Connection c = superConnection("postgres"); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SHOW hba_file");
            rs.next();
            Path hba = Path.of(rs.getString(1));
            Files.writeString(hba, """
                    local all postgres trust
                    host  all postgres 127.0.0.1/32 trust
                    local all all scram-sha-256
                    host  all all 127.0.0.1/32 scram-sha-256
                    """);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot configure the embedded server: " + failed.getMessage(), failed);
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** A new, empty database owned by the superuser; its name is unique in this JVM and across runs. */
    public String freshDatabase() {
        String name = "steward_t" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = superConnection("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot create database " + name + ": " + failed.getMessage(), failed);
        }
        return name;
    }

    /** A login role (cluster-wide, made once) with the password {@link #passwordOf}, member of {@code groups}. */
    public void createLogin(String login, String... groups) {
        try (Connection c = superConnection("postgres"); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN CREATE ROLE \"" + login + "\" LOGIN PASSWORD '" + passwordOf(login)
                    + "'; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            // A login left on a long-lived server (Debian's, between runs or by hand) gets the suite's password back.
            s.execute("ALTER ROLE \"" + login + "\" LOGIN PASSWORD '" + passwordOf(login) + "'");
            for (String group : groups) {
                s.execute("GRANT \"" + group + "\" TO \"" + login + "\"");
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot create login " + login + ": " + failed.getMessage(), failed);
        }
    }

    /** The registry address of {@code database} for {@code login}, as a user types it (password not included). */
    public String url(String login, String database) {
        return "postgresql://" + login + "@" + host + ":" + port + "/" + database;
    }

    /** The superuser's address of {@code database}, with the superuser's password when the server needs one. */
    public String superuserUrl(String database) {
        return superPassword == null ? url(superuser, database)
                : "postgresql://" + superuser + ":" + superPassword + "@" + host + ":" + port + "/" + database;
    }

    public String superuser() {
        return superuser;
    }

    /** A plain JDBC connection as the superuser, for set-up and for playing a DBA. */
    public Connection superConnection(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", superuser);
        if (superPassword != null) {
            props.setProperty("password", superPassword);
        }
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /** A plain JDBC connection as {@code login} with its password: an attacker who skips the app. */
    public Connection connectAs(String login, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", login);
        props.setProperty("password", passwordOf(login));
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    /**
     * Address parameters asking for TLS this server cannot give: sslmode=require of a server without TLS (the embedded
     * one), else verify-full against a root certificate that signed nothing (Debian's server has its own certificate).
     */
    public String tlsItCannotGive() {
        try (Connection c = superConnection("postgres"); Statement s = c.createStatement(); var ssl = s.executeQuery("SHOW ssl")) {
            ssl.next();
            return ssl.getString(1).equals("on")
                    ? "?sslmode=verify-full&sslrootcert=" + Files.createTempFile("no-root", ".crt") : "?sslmode=require";
        } catch (SQLException | IOException failed) {
            throw new IllegalStateException("cannot ask the server about TLS: " + failed.getMessage(), failed);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
