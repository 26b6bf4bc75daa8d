package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.Location;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.testsupport.CliHarness;
import com.modelsteward.testsupport.PostgresServer;
import com.modelsteward.testsupport.PostgresTeam;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every way a server registry can fail to open or to write, as the person at the terminal sees it: one line naming the
 * server and the problem, a non-zero exit, no stack trace, and nothing half-written.
 */
@Tag("postgresql")
class ServerFaultsTest {

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private final PostgresServer server = PostgresServer.get();

    /** Runs {@code status} against {@code address} as alice with {@code password}; returns the one line it printed. */
    private String refusal(String address, String password) {
        int exit = cli.run("alice", password == null ? Map.of() : Map.of("PGPASSWORD", password), "status", "--db", address);
        assertEquals(1, exit, cli.out() + cli.err());
        String err = cli.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertFalse(err.contains("at org.") || err.contains("Exception"), "no stack trace: " + err);
        return err;
    }

    @Test
    void aWrongPasswordIsNamedWithTheServerAndTheLogin() {
        try (PostgresTeam team = new PostgresTeam()) {
            String err = refusal(server.url("alice", team.database()), "not-her-password");
            assertTrue(err.startsWith("E_REGISTRY_AUTH: the server " + server.host() + ":" + server.port() + " refused the password for alice"), err);
        }
    }

    @Test
    void noPasswordAndNoTerminalSaysWhereToPutOne() {
        try (PostgresTeam team = new PostgresTeam()) {
            String err = refusal(server.url("alice", team.database()), null);
            assertTrue(err.contains("asks for alice's password; put it in ~/.pgpass"), err);
        }
    }

    @Test
    void aServerThatIsNotRunningIsNamed() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        String err = refusal("postgresql://alice@127.0.0.1:" + closedPort + "/steward", "x");
        assertTrue(err.startsWith("E_REGISTRY_UNREACHABLE: cannot reach the server 127.0.0.1:" + closedPort + " for database steward"), err);
    }

    @Test
    void anUnknownDatabaseIsNamed() {
        try (PostgresTeam ignored = new PostgresTeam()) {
            String err = refusal(server.url("alice", "no_such_registry"), PostgresServer.passwordOf("alice"));
            assertTrue(err.contains("has no database \"no_such_registry\""), err);
        }
    }

    @Test
    void aDatabaseThatIsNotARegistryIsLeftAsItWas() throws Exception {
        String database = server.freshDatabase();
        server.createLogin("alice");
        String err = refusal(server.url("alice", database), PostgresServer.passwordOf("alice"));
        assertTrue(err.contains("is a PostgreSQL database but not a Model Steward registry"), err);
        try (Connection dba = server.superConnection(database); Statement sql = dba.createStatement();
             var schemas = sql.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname = 'steward'")) {
            schemas.next();
            assertEquals(0, schemas.getInt(1), "opening wrote nothing");
        }
    }

    @Test
    void aSchemaNewerThanTheAppIsOpenedReadOnly() throws Exception {
        try (PostgresTeam team = new PostgresTeam()) {
            try (Connection dba = server.superConnection(team.database()); Statement sql = dba.createStatement()) {
                sql.execute("INSERT INTO steward.schema_version (version, description) VALUES (99, 'from the future')");
            }
            Map<String, String> env = Map.of("PGPASSWORD", PostgresServer.passwordOf("alice"));
            assertEquals(0, cli.run("alice", env, "status", "--db", server.url("alice", team.database())), cli.err());
            assertTrue(cli.out().contains("read-only: its schema (version 99) is newer than this app"), cli.out());
        }
    }

    /**
     * TLS the address demands and the server cannot give: without TLS on the server (the embedded one), sslmode=require;
     * with it (Debian's, with its own certificate), verify-full against a root certificate that signed nothing.
     */
    @Test
    void tlsThatCannotBeHadIsRefusedNamingTheServer() {
        try (PostgresTeam team = new PostgresTeam()) {
            String err = refusal(server.url("alice", team.database()) + server.tlsItCannotGive(), PostgresServer.passwordOf("alice"));
            assertTrue(err.contains(server.host() + ":" + server.port()), err);
            assertTrue(err.contains("SSL") || err.contains("TLS") || err.contains("certificate"), err);
        }
    }

    @Test
    void aConnectionDroppedMidTransactionWritesNothing() throws Exception {
        try (PostgresTeam team = new PostgresTeam()) {
            Registry alice = team.as("alice");
            RegistryException dropped = assertThrows(RegistryException.class, () -> alice.writeHandle(h -> {
                h.execute("INSERT INTO registry_meta (key, value) VALUES ('half', 'written')");
                int pid = h.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
                try (Connection dba = server.superConnection(team.database()); Statement sql = dba.createStatement()) {
                    sql.execute("SELECT pg_terminate_backend(" + pid + ")");
                } catch (java.sql.SQLException failed) {
                    throw new IllegalStateException(failed);
                }
                return null;
            }));
            assertEquals("E_REGISTRY_UNREACHABLE", dropped.code(), dropped.getMessage());
            assertTrue(dropped.getMessage().contains(server.host() + ":" + server.port()), dropped.getMessage());
            assertTrue(team.owner().read(store -> store.meta().value("half")).isEmpty(), "nothing half-written");
            // The registry object recovers: its next write uses a fresh connection.
            assertEquals(Location.Server.class, alice.location().getClass());
            assertTrue(alice.read(store -> store.versions().count()) >= 0);
        }
    }
}
