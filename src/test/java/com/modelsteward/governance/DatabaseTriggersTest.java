package com.modelsteward.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Other programs write the same file: the V002 triggers refuse ungoverned changes from any writer. */
class DatabaseTriggersTest {

    @TempDir
    Path dir;

    /** A registry with alpha-1 ACTIVE (properly promoted) and alpha-2 in SHADOW with a pending request REQ-000004. */
    private Path registryWithHistory() {
        try (Fixture f = new Fixture(dir)) {
            f.activate("alpha", "1", 1.5, 0.1);
            String v2 = f.register("alpha", "2");
            f.scores(v2, 1.8, 0.1, 0.001);
            f.engine.request(f.bob, v2, "SHADOW", "shadow");
            f.clock.advance(Duration.ofDays(8));
            assertEquals("REQ-000004", f.engine.request(f.bob, v2, "ACTIVE", "promote").requestId());
            return f.registry.file();
        }
    }

    private static String refused(Statement sql, String statement) {
        SQLException refusal = assertThrows(SQLException.class, () -> sql.executeUpdate(statement), statement);
        return refusal.getMessage();
    }

    @Test
    void rawSqlCannotMakeAVersionActiveOrForgeTheProtocol() throws Exception {
        Path file = registryWithHistory();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = raw.createStatement()) {
            assertTrue(refused(sql, "UPDATE model_registry SET state = 'ACTIVE' WHERE model_id = 'alpha-2'").contains("E_LEARN_APPROVAL_MISSING"));
            assertTrue(refused(sql, "INSERT INTO model_registry (model_id, model_name, model_type, version, state) "
                    + "VALUES ('beta-1', 'beta', 'signal_model', '1', 'ACTIVE')").contains("E_LEARN_APPROVAL_MISSING"));
            assertTrue(refused(sql, "INSERT INTO transition_requests (request_id, model_id, from_state, to_state, requested_by, justification, "
                    + "status, model_row_version) VALUES ('FAKE-1', 'alpha-2', 'SHADOW', 'ACTIVE', 'bob', 'x', 'EXECUTING', 4)")
                    .contains("created in status PENDING"));
            assertTrue(refused(sql, "INSERT INTO transition_requests (request_id, model_id, from_state, to_state, requested_by, justification, "
                    + "model_row_version, required_approvals) VALUES ('FAKE-2', 'alpha-2', 'SHADOW', 'ACTIVE', 'bob', 'x', 4, 0)")
                    .contains("at least one RISK_OFFICER"));
            assertTrue(refused(sql, "UPDATE transition_requests SET status = 'EXECUTING' WHERE request_id = 'REQ-000004'")
                    .contains("quorum"));
            assertTrue(refused(sql, "INSERT INTO approvals (request_id, approver, decision, comment) VALUES ('REQ-000004', 'bob', 'APPROVE', 'me')")
                    .contains("requester"));
            assertTrue(refused(sql, "INSERT INTO approvals (request_id, approver, decision, comment) VALUES ('REQ-000004', 'alice', 'APPROVE', 'me')")
                    .contains("creator"));
            assertTrue(refused(sql, "INSERT INTO approvals (request_id, approver, decision, comment) VALUES ('REQ-000004', 'mallory', 'APPROVE', 'hi')")
                    .contains("role"));
            assertTrue(refused(sql, "UPDATE transition_requests SET required_approvals = 0 WHERE request_id = 'REQ-000004'").contains("cannot be edited"));
            assertTrue(refused(sql, "UPDATE active_pointer SET active_model_id = 'alpha-2' WHERE model_name = 'alpha'").contains("executing request"));
            assertTrue(refused(sql, "UPDATE active_pointer SET last_known_good_id = 'alpha-2' WHERE model_name = 'alpha'").contains("last-known-good"));
            assertTrue(refused(sql, "INSERT INTO transition_requests (request_id, model_id, from_state, to_state, requested_by, justification, "
                    + "model_row_version, required_approvals, kind) VALUES ('FAKE-3', 'alpha-2', 'SHADOW', 'ACTIVE', 'rachel', 'x', 4, 0, 'ROLLBACK')")
                    .contains("last-known-good"));
            assertTrue(refused(sql, "DELETE FROM transition_requests").contains("never deleted"));
        }
    }

    @Test
    void governedArtifactsAreFrozenAndApprovalsAndAuditAreAppendOnly() throws Exception {
        Path file = registryWithHistory();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = raw.createStatement()) {
            for (String column : new String[] {"training_config_hash", "training_config_json", "data_snapshot_hash", "data_snapshot_ref", "path_ref"}) {
                assertTrue(refused(sql, "UPDATE model_registry SET " + column + " = 'x' WHERE model_id = 'alpha-1'").contains("frozen"), column);
                assertTrue(refused(sql, "UPDATE model_registry SET " + column + " = 'x' WHERE model_id = 'alpha-2'").contains("frozen"), column);
            }
            assertTrue(refused(sql, "DELETE FROM model_registry WHERE model_id = 'alpha-1'").contains("never deleted"));
            assertTrue(refused(sql, "UPDATE approvals SET comment = 'edited'").contains("append-only"));
            assertTrue(refused(sql, "DELETE FROM approvals").contains("append-only"));
            assertTrue(refused(sql, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 1").contains("append-only"));
            assertTrue(refused(sql, "DELETE FROM audit_log WHERE seq = 1").contains("append-only"));
            // A candidate is still the pipeline's to fix; a plain writer's change bumps row_version so requests go stale.
            sql.executeUpdate("INSERT INTO model_registry (model_id, model_name, model_type, version) VALUES ('alpha-3', 'alpha', 'signal_model', '3')");
            sql.executeUpdate("UPDATE model_registry SET path_ref = 'models/alpha/3.bin' WHERE model_id = 'alpha-3'");
            try (var rows = sql.executeQuery("SELECT row_version FROM model_registry WHERE model_id = 'alpha-3'")) {
                rows.next();
                assertEquals(2, rows.getInt(1));
            }
        }
    }

    @Test
    void theSqlite3ShellIsRefusedToo() throws Exception {
        Path shell = Path.of("/usr/bin/sqlite3");
        assumeTrue(Files.isExecutable(shell), "the sqlite3 shell is installed by .ci/run");
        Path file = registryWithHistory();
        String[][] attempts = {
                {"UPDATE model_registry SET state = 'ACTIVE' WHERE model_id = 'alpha-2';", "E_LEARN_APPROVAL_MISSING"},
                {"UPDATE model_registry SET training_config_hash = 'x' WHERE model_id = 'alpha-1';", "frozen"},
                {"DELETE FROM audit_log;", "append-only"},
                {"UPDATE approvals SET decision = 'APPROVE';", "append-only"}};
        for (String[] attempt : attempts) {
            Process process = new ProcessBuilder(shell.toString(), file.toString(), attempt[0]).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertTrue(process.exitValue() != 0, attempt[0]);
            assertTrue(output.contains(attempt[1]), output);
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = raw.createStatement();
             var rows = sql.executeQuery("SELECT count(*) FROM model_registry WHERE state = 'ACTIVE' AND model_id = 'alpha-1'")) {
            rows.next();
            assertEquals(1, rows.getInt(1), "nothing changed");
        }
    }
}
