package com.modelsteward.registry.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.AuditTrail;
import com.modelsteward.testsupport.PostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.util.PSQLException;

/**
 * A fresh database with the PostgreSQL registry schema as the migration runner leaves it: roles.sql and V008.sql, V009.sql, …
 * run by the superuser, each followed by its schema_version row. The people are logins in one group each; their principals rows are
 * inserted by the superuser. {@link #as} connects as a login with its password, as an attacker who skips the app would.
 */
final class SchemaFixture {

    /**
     * Login, group, principals.roles (null: not a principal). olga's row says RISK_OFFICER; the server says analyst.
     * olaf runs migrations (a member of steward_owner).
     */
    private static final String[][] PEOPLE = {
            {"ana", "steward_analyst", "ANALYST"},
            {"rita", "steward_risk_officer", "RISK_OFFICER"},
            {"ravi", "steward_risk_officer", "RISK_OFFICER"},
            {"adam", "steward_admin", "ADMIN"},
            {"ada", "steward_admin", "ADMIN"},
            {"olga", "steward_analyst", "RISK_OFFICER"},
            {"pipe", "steward_pipeline", null},
            {"audrey", "steward_auditor", null},
            {"olaf", "steward_owner", null}};

    final PostgresServer server = PostgresServer.get();
    final String database = server.freshDatabase();

    private SchemaFixture() {
    }

    static SchemaFixture create() throws SQLException {
        SchemaFixture fixture = new SchemaFixture();
        fixture.install();
        return fixture;
    }

    private void install() throws SQLException {
        try (Connection c = server.superConnection(database); Statement s = c.createStatement()) {
            s.execute(resource("roles.sql"));
        }
        for (String[] person : PEOPLE) {
            server.createLogin(person[0], person[1]);
        }
        try (Connection c = server.superConnection(database)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (int version = 8; SchemaFixture.class.getResource("/db/migration/postgresql/V%03d.sql".formatted(version)) != null; version++) {
                    String script = resource("V%03d.sql".formatted(version));
                    s.execute(script);
                    s.execute("INSERT INTO steward.schema_version (version, description) VALUES (" + version + ", '"
                            + firstLine(script).substring(3).replace("'", "''") + "')");
                }
                for (String[] person : PEOPLE) {
                    if (person[2] != null) {
                        s.execute("INSERT INTO steward.principals (user_name, display_name, roles) VALUES ('" + person[0] + "', '"
                                + person[0] + "', '" + person[2] + "')");
                    }
                }
            }
            c.commit();
        }
    }

    static String resource(String name) {
        try (InputStream in = SchemaFixture.class.getResourceAsStream("/db/migration/postgresql/" + name)) {
            if (in == null) {
                throw new IllegalStateException("db/migration/postgresql/" + name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElseThrow();
    }

    /** A connection as {@code login} (its own password), with the registry schema first on the search path. */
    Connection as(String login) throws SQLException {
        Connection c = server.connectAs(login, database);
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path = steward");
        }
        return c;
    }

    Connection superuser() throws SQLException {
        Connection c = server.superConnection(database);
        try (Statement s = c.createStatement()) {
            s.execute("SET search_path = steward");
        }
        return c;
    }

    /** Runs each statement as {@code login}, each in its own transaction. */
    void exec(String login, String... statements) throws SQLException {
        try (Connection c = as(login); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Runs the statements as {@code login} in one transaction. */
    void inOneTransaction(String login, String... statements) throws SQLException {
        try (Connection c = as(login)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
                c.commit();
            } catch (SQLException failed) {
                c.rollback();
                throw failed;
            }
        }
    }

    void asSuperuser(String... statements) throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The first column of the first row, read by the superuser (null when there is no row). */
    String text(String sql) throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    long number(String sql) throws SQLException {
        return Long.parseLong(text(sql));
    }

    /** Every row of {@code sql}, read by the superuser, each row's columns joined with a tab. */
    List<String> rows(String sql) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = superuser(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "\t" : "").append(rows.getString(i));
                }
                found.add(row.toString());
            }
        }
        return found;
    }

    /** The refusal {@code login} gets for {@code sql} (the statement must fail). */
    SQLException refusal(String login, String sql) throws SQLException {
        try (Connection c = as(login); Statement s = c.createStatement()) {
            return assertThrows(SQLException.class, () -> s.execute(sql), login + ": " + sql);
        }
    }

    /** The server's own message, without the driver's "ERROR: " and the context lines. */
    static String message(SQLException refusal) {
        return refusal instanceof PSQLException server && server.getServerErrorMessage() != null
                ? server.getServerErrorMessage().getMessage() : refusal.getMessage();
    }

    /** Walks audit_log as an auditor would and returns how many entries verified; fails on the first that does not. */
    long verifiedChain() throws SQLException {
        String prev = AuditTrail.GENESIS;
        long expected = 1;
        String lastTs = "";
        try (Connection c = as("audrey"); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log ORDER BY seq")) {
            while (rows.next()) {
                long seq = rows.getLong("seq");
                assertEquals(expected, seq, "no gap and no duplicate");
                assertEquals(prev, rows.getString("prev_hash"), "entry " + seq + " links to the one before it");
                String hash = AuditTrail.hash(prev, seq, rows.getString("ts"), rows.getString("actor"), rows.getString("action"),
                        rows.getString("entity"), rows.getString("payload_json"));
                assertEquals(hash, rows.getString("hash"), "entry " + seq + " hashes as AuditTrail.hash");
                assertTrue(rows.getString("ts").compareTo(lastTs) >= 0, "ts follows seq at entry " + seq);
                lastTs = rows.getString("ts");
                prev = hash;
                expected++;
            }
        }
        return expected - 1;
    }

    // The registry's ordinary writes, as SQL a writer types.

    /** {@code login} registers {@code modelId} (name before the last dash, version after it) as a CANDIDATE. */
    void register(String login, String modelId) throws SQLException {
        String name = modelId.substring(0, modelId.lastIndexOf('-'));
        String version = modelId.substring(modelId.lastIndexOf('-') + 1);
        exec(login, "INSERT INTO model_registry (model_id, model_name, model_type, version) VALUES ('" + modelId + "', '" + name
                + "', 'signal_model', '" + version + "')");
    }

    static String requestSql(String requestId, String modelId, String fromState, String toState, String requestedBy, long rowVersion) {
        return requestSql(requestId, modelId, fromState, toState, requestedBy, rowVersion, 1, 1);
    }

    static String requestSql(String requestId, String modelId, String fromState, String toState, String requestedBy, long rowVersion,
            int gatePassed, int requiredApprovals) {
        return "INSERT INTO transition_requests (request_id, model_id, from_state, to_state, requested_by, justification, "
                + "model_row_version, gate_passed, required_approvals) VALUES ('" + requestId + "', '" + modelId + "', '" + fromState
                + "', '" + toState + "', '" + requestedBy + "', 'ready', " + rowVersion + ", " + gatePassed + ", " + requiredApprovals + ")";
    }

    /** {@code login} asks for {@code modelId} to go from CANDIDATE to ACTIVE (gate passed, one RISK_OFFICER approval). */
    void requestPromotion(String login, String requestId, String modelId) throws SQLException {
        exec(login, requestSql(requestId, modelId, "CANDIDATE", "ACTIVE", login, 1));
    }

    static String decisionSql(String requestId, String approver, String decision) {
        return "INSERT INTO approvals (request_id, approver, decision, comment) VALUES ('" + requestId + "', '" + approver + "', '"
                + decision + "', 'looked at the gate report')";
    }

    void approve(String login, String requestId) throws SQLException {
        exec(login, decisionSql(requestId, login, "APPROVE"));
    }

    /** The engine's execution of a promotion, in one transaction: EXECUTING, the pointer, the state, the audit entry. */
    static String[] executionSql(String requestId, String modelId) {
        String name = modelId.substring(0, modelId.lastIndexOf('-'));
        return new String[] {
                "UPDATE transition_requests SET status = 'EXECUTING', decided_at = now_text() WHERE request_id = '" + requestId + "'",
                "INSERT INTO active_pointer (model_name, active_model_id, updated_by) VALUES ('" + name + "', '" + modelId
                        + "', session_user)",
                "UPDATE model_registry SET state = 'ACTIVE', state_changed_at = now_text(), updated_at = now_text() WHERE model_id = '"
                        + modelId + "'",
                "SELECT * FROM append_audit('TRANSITION', '" + modelId + "', '{\"request_id\":\"" + requestId + "\"}')"};
    }
}
