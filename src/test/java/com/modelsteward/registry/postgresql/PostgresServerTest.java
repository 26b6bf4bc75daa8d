package com.modelsteward.registry.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.modelsteward.testsupport.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The server suite's own footing: a real server that knows its logins by password. */
@Tag("postgresql")
class PostgresServerTest {

    @Test
    void aLoginConnectsWithItsPasswordAndTheServerNamesIt() throws SQLException {
        PostgresServer server = PostgresServer.get();
        String db = server.freshDatabase();
        server.createLogin("probe.user");
        try (Connection c = server.connectAs("probe.user", db); ResultSet rs = c.createStatement().executeQuery("SELECT session_user")) {
            rs.next();
            assertEquals("probe.user", rs.getString(1));
        }
    }

    @Test
    void aWrongPasswordIsRefusedByTheServer() {
        PostgresServer server = PostgresServer.get();
        String db = server.freshDatabase();
        server.createLogin("probe.user");
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(server.jdbcUrl(db), "probe.user", "not-the-password"));
        assertEquals("28P01", refused.getSQLState());
    }
}
