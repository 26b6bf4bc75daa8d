package com.modelsteward.registry.postgresql;

import static com.modelsteward.registry.postgresql.SchemaFixture.decisionSql;
import static com.modelsteward.registry.postgresql.SchemaFixture.executionSql;
import static com.modelsteward.registry.postgresql.SchemaFixture.requestSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.AuditTrail;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL schema (db/migration/postgresql/V008.sql) against a real server: the governed flow done by hand in SQL
 * works, and every refusal of SQLite's triggers comes with SQLite's message, whoever the login.
 */
@Tag("postgresql")
class PostgresSchemaTest {

    private static final String TS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    private static void refused(SchemaFixture f, String login, String sql, String message) throws SQLException {
        SQLException refusal = f.refusal(login, sql);
        assertEquals("P0001", refusal.getSQLState(), login + ": " + sql + " -> " + refusal.getMessage());
        assertEquals(message, SchemaFixture.message(refusal), login + ": " + sql);
    }

    private static String identity(String column, String login) {
        return "E_IDENTITY: " + column + " must be the user you are logged in as (" + login + ")";
    }

    @Test
    void theGovernedFlowDoneProperlyInSqlWorks() throws Exception {
        SchemaFixture f = SchemaFixture.create();
        // The pipeline registers a candidate and records it; the login, not the column, says who registered it.
        f.exec("pipe", "INSERT INTO model_registry (model_id, model_name, model_type, version, created_by) "
                        + "VALUES ('alpha-1', 'alpha', 'signal_model', '1', 'rita')",
                "SELECT * FROM append_audit('REGISTER', 'alpha-1', '{\"model_id\":\"alpha-1\"}')");
        assertEquals("pipe", f.text("SELECT created_by FROM model_registry WHERE model_id = 'alpha-1'"));

        f.requestPromotion("ana", "REQ-1", "alpha-1");
        f.exec("ana", "SELECT * FROM append_audit('REQUEST', 'REQ-1', '{}')");
        f.approve("rita", "REQ-1");
        f.inOneTransaction("rita", executionSql("REQ-1", "alpha-1"));

        assertEquals("ACTIVE\t2", f.text("SELECT state || E'\\t' || row_version FROM model_registry WHERE model_id = 'alpha-1'"),
                "the state change bumped row_version by itself");
        assertEquals(List.of("EXECUTED\ttrue"), f.rows("SELECT r.status, (r.executed_at = m.state_changed_at)::text FROM transition_requests r "
                + "JOIN model_registry m ON m.model_id = r.model_id WHERE r.request_id = 'REQ-1'"), "the request was consumed");
        assertEquals("alpha-1", f.text("SELECT active_model_id FROM active_pointer WHERE model_name = 'alpha'"));
        assertEquals(List.of("1\tpipe\tREGISTER", "2\tana\tREQUEST", "3\trita\tTRANSITION"),
                f.rows("SELECT seq, actor, action FROM audit_log ORDER BY seq"));
        assertEquals(3, f.verifiedChain());
    }

    @Test
    void typesAndDefaultsAreWhatThePipelineExpects() throws Exception {
        SchemaFixture f = SchemaFixture.create();
        f.register("pipe", "alpha-1");
        f.exec("pipe", "INSERT INTO scorecards (model_id, pack_id, metric, value) VALUES ('alpha-1', 'bench_core_v1', 'sharpe', 0.1::float8 + 0.2::float8)",
                "INSERT INTO scorecards (model_id, pack_id, metric, value) VALUES ('alpha-1', 'bench_core_v1', 'Sharpe', 1e-300)");
        List<String> stamps = f.rows("SELECT created_at FROM model_registry UNION ALL SELECT updated_at FROM model_registry "
                + "UNION ALL SELECT state_changed_at FROM model_registry UNION ALL SELECT generated_at FROM scorecards");
        stamps.forEach(ts -> assertTrue(ts.matches(TS), ts));
        assertEquals("CANDIDATE\t1\t0\tpipe", f.text("SELECT state || E'\\t' || row_version || E'\\t' || archived || E'\\t' || created_by "
                + "FROM model_registry"));
        // A 64-bit double (REAL in SQLite), not PostgreSQL's 4-byte real.
        assertEquals(List.of("1\t0.30000000000000004\tpipeline", "2\t1e-300\tpipeline"),
                f.rows("SELECT scorecard_id, value, source FROM scorecards ORDER BY scorecard_id"));
        // Text compares bytewise, as SQLite does: upper case before lower case, é after z.
        f.register("pipe", "Beta-1");
        f.register("pipe", "zeta-1");
        f.register("pipe", "\u00e9ta-1");
        assertEquals(List.of("Beta-1", "alpha-1", "zeta-1", "\u00e9ta-1"), f.rows("SELECT model_id FROM model_registry ORDER BY model_id"));
    }

    @Test
    void requestsAreBornPendingInTheRequestersNameAndMoveOnlyForward() throws Exception {
        SchemaFixture f = SchemaFixture.create();
        for (String id : new String[] {"alpha-1", "alpha-2", "alpha-3", "alpha-4"}) {
            f.register("pipe", id);
        }
        refused(f, "ana", requestSql("REQ-X", "alpha-1", "CANDIDATE", "ACTIVE", "rita", 1), identity("requested_by", "ana"));
        refused(f, "ana", "INSERT INTO transition_requests (request_id, model_id, from_state, to_state, requested_by, justification, "
                + "status, model_row_version) VALUES ('REQ-X', 'alpha-1', 'CANDIDATE', 'ACTIVE', 'ana', 'x', 'EXECUTING', 1)",
                "E_LEARN_ROLLOUT_DENIED: a request is created in status PENDING");
        refused(f, "ana", "INSERT INTO transition_requests (request_id, model_id, from_state, to_state, requested_by, justification, "
                + "model_row_version, required_approvals) VALUES ('REQ-X', 'alpha-1', 'CANDIDATE', 'ACTIVE', 'ana', 'x', 1, 0)",
                "E_LEARN_APPROVAL_MISSING: a promotion to ACTIVE needs at least one RISK_OFFICER approval");
        refused(f, "ana", "INSERT INTO transition_requests (request_id, model_id, from_state, to_state, requested_by, justification, "
                + "model_row_version, required_role) VALUES ('REQ-X', 'alpha-1', 'CANDIDATE', 'PRODUCTION', 'ana', 'x', 1, 'ANALYST')",
                "E_LEARN_APPROVAL_MISSING: a promotion to ACTIVE needs at least one RISK_OFFICER approval");

        f.requestPromotion("ana", "REQ-1", "alpha-1");
        refused(f, "rita", "UPDATE transition_requests SET status = 'EXECUTING' WHERE request_id = 'REQ-1'",
                "E_LEARN_APPROVAL_MISSING: the request does not have its quorum of approvals");
        refused(f, "rita", "UPDATE transition_requests SET status = 'EXECUTED' WHERE request_id = 'REQ-1'",
                "E_LEARN_ROLLOUT_DENIED: a request moves only PENDING -> EXECUTING -> EXECUTED, or PENDING -> REJECTED or STALE");
        refused(f, "ana", "UPDATE transition_requests SET status = 'REJECTED' WHERE request_id = 'REQ-1'",
                "E_LEARN_ROLLOUT_DENIED: a request is rejected by recording a rejection with a comment");
        f.approve("rita", "REQ-1");
        f.exec("ravi", decisionSql("REQ-1", "ravi", "REJECT"));
        refused(f, "rita", "UPDATE transition_requests SET status = 'EXECUTING' WHERE request_id = 'REQ-1'",
                "E_LEARN_ROLLOUT_DENIED: the request was rejected");
        f.exec("ana", "UPDATE transition_requests SET status = 'REJECTED', decided_at = now_text() WHERE request_id = 'REQ-1'");

        f.exec("ana", requestSql("REQ-2", "alpha-2", "CANDIDATE", "ACTIVE", "ana", 1, 0, 1));
        f.approve("rita", "REQ-2");
        refused(f, "rita", "UPDATE transition_requests SET status = 'EXECUTING' WHERE request_id = 'REQ-2'",
                "E_LEARN_GATE_FAILED: the request's gate report did not pass");

        f.requestPromotion("ana", "REQ-3", "alpha-3");
        f.approve("rita", "REQ-3");
        // Any write to the version makes a new row version (the bump), so the request made before it is stale.
        f.exec("ana", "UPDATE model_registry SET updated_at = now_text() WHERE model_id = 'alpha-3'");
        refused(f, "rita", "UPDATE transition_requests SET status = 'EXECUTING' WHERE request_id = 'REQ-3'",
                "E_LEARN_ROLLOUT_DENIED: the request is stale (the version changed after it was made)");
        f.exec("ana", "UPDATE transition_requests SET status = 'STALE' WHERE request_id = 'REQ-3'");
        refused(f, "ana", "UPDATE transition_requests SET status = 'PENDING' WHERE request_id = 'REQ-3'",
                "E_LEARN_ROLLOUT_DENIED: a request moves only PENDING -> EXECUTING -> EXECUTED, or PENDING -> REJECTED or STALE");
    }

    @Test
    void aRollbackReturnsToTheLastKnownGoodAndIsMadeByARiskOfficerTheServerKnows() throws Exception {
        SchemaFixture f = SchemaFixture.create();
        // The owner writes a history as migrate would copy it: alpha-1 was ACTIVE, alpha-2 replaced it.
        f.asSuperuser("INSERT INTO model_registry (model_id, model_name, model_type, version, state) VALUES "
                        + "('alpha-1', 'alpha', 'signal_model', '1', 'RETIRED'), ('alpha-2', 'alpha', 'signal_model', '2', 'ACTIVE')",
                "INSERT INTO active_pointer (model_name, active_model_id, last_known_good_id) VALUES ('alpha', 'alpha-2', 'alpha-1')");
        String rollbackTo = "INSERT INTO transition_requests (request_id, model_id, from_state, to_state, requested_by, justification, "
                + "model_row_version, kind) VALUES ('RB-1', '%s', 'RETIRED', 'ACTIVE', '%s', 'drift', 1, 'ROLLBACK')";
        String message = "E_LEARN_ROLLOUT_DENIED: a rollback returns to the recorded last-known-good version and is made by a RISK_OFFICER";
        refused(f, "rita", rollbackTo.formatted("alpha-2", "rita"), message);
        refused(f, "ana", rollbackTo.formatted("alpha-1", "ana"), message);
        // olga's principals row says RISK_OFFICER; the server's groups say analyst.
        refused(f, "olga", rollbackTo.formatted("alpha-1", "olga"), message);
        f.exec("rita", rollbackTo.formatted("alpha-1", "rita"));
        assertEquals("PENDING", f.text("SELECT status FROM transition_requests WHERE request_id = 'RB-1'"));
    }

    @Test
    void makerCheckerQuorumAndRolesTwiceHoldForApprovals() throws Exception {
        SchemaFixture f = SchemaFixture.create();
        f.register("rita", "alpha-1");
        f.requestPromotion("ana", "REQ-1", "alpha-1");
        refused(f, "ana", decisionSql("REQ-1", "ravi", "APPROVE"), identity("approver", "ana"));
        refused(f, "ana", decisionSql("REQ-1", "ana", "APPROVE"),
                "E_LEARN_ROLLOUT_DENIED: the requester cannot approve or reject their own request");
        refused(f, "rita", decisionSql("REQ-1", "rita", "APPROVE"),
                "E_LEARN_ROLLOUT_DENIED: the creator of a version cannot approve or reject its promotion");
        String noRole = "E_LEARN_APPROVAL_MISSING: the approver does not hold the role the request needs";
        refused(f, "olga", decisionSql("REQ-1", "olga", "APPROVE"), noRole);
        refused(f, "adam", decisionSql("REQ-1", "adam", "APPROVE"), noRole);
        f.asSuperuser("UPDATE principals SET active = 0 WHERE user_name = 'ravi'");
        refused(f, "ravi", decisionSql("REQ-1", "ravi", "APPROVE"), noRole);
        f.asSuperuser("UPDATE principals SET active = 1 WHERE user_name = 'ravi'");
        f.approve("ravi", "REQ-1");
        assertEquals("23505", f.refusal("ravi", decisionSql("REQ-1", "ravi", "REJECT")).getSQLState(), "one decision per approver");

        // A quorum of two needs two different officers.
        f.register("pipe", "alpha-2");
        f.exec("ana", requestSql("REQ-2", "alpha-2", "CANDIDATE", "ACTIVE", "ana", 1, 1, 2));
        f.approve("rita", "REQ-2");
        refused(f, "rita", "UPDATE transition_requests SET status = 'EXECUTING' WHERE request_id = 'REQ-2'",
                "E_LEARN_APPROVAL_MISSING: the request does not have its quorum of approvals");
        f.approve("ravi", "REQ-2");
        f.inOneTransaction("ravi", executionSql("REQ-2", "alpha-2"));
        assertEquals("ACTIVE", f.text("SELECT state FROM model_registry WHERE model_id = 'alpha-2'"));

        refused(f, "olga", decisionSql("REQ-2", "olga", "REJECT"), "E_LEARN_ROLLOUT_DENIED: only a PENDING request can be approved or rejected");
    }

    @Test
    void versionsAndThePointerMoveOnlyThroughAnExecutingRequest() throws Exception {
        SchemaFixture f = SchemaFixture.create();
        refused(f, "ana", "INSERT INTO model_registry (model_id, model_name, model_type, version, state) "
                        + "VALUES ('alpha-1', 'alpha', 'signal_model', '1', 'ACTIVE')",
                "E_LEARN_APPROVAL_MISSING: a version cannot be inserted as ACTIVE; register it as a candidate and promote it through an approved request");
        refused(f, "pipe", "INSERT INTO model_registry (model_id, model_name, model_type, version, state) "
                        + "VALUES ('alpha-1', 'alpha', 'signal_model', '1', 'PRODUCTION')",
                "E_LEARN_APPROVAL_MISSING: a version cannot be inserted as ACTIVE; register it as a candidate and promote it through an approved request");
        f.exec("ana", "INSERT INTO model_registry (model_id, model_name, model_type, version, created_by) "
                + "VALUES ('alpha-1', 'alpha', 'signal_model', '1', 'adam')");
        assertEquals("ana", f.text("SELECT created_by FROM model_registry WHERE model_id = 'alpha-1'"), "created_by is the login");
        f.register("pipe", "alpha-2");
        refused(f, "ana", "UPDATE model_registry SET state = 'ACTIVE' WHERE model_id = 'alpha-1'",
                "E_LEARN_APPROVAL_MISSING: a version becomes ACTIVE only through an approved request executed by the governance engine");

        // Any other state change is the writer's; the row version moves once per update, bumped or not.
        f.exec("ana", "UPDATE model_registry SET state = 'SHADOW', state_changed_at = now_text() WHERE model_id = 'alpha-1'");
        assertEquals("2", f.text("SELECT row_version FROM model_registry WHERE model_id = 'alpha-1'"));
        f.exec("ana", "UPDATE model_registry SET archived = 1, row_version = row_version + 1 WHERE model_id = 'alpha-1'");
        assertEquals("3", f.text("SELECT row_version FROM model_registry WHERE model_id = 'alpha-1'"));

        String notExecuting = "E_LEARN_APPROVAL_MISSING: the ACTIVE pointer moves only to a version being promoted by an executing request";
        refused(f, "ana", "INSERT INTO active_pointer (model_name, active_model_id, last_known_good_id) VALUES ('alpha', NULL, 'alpha-1')",
                "E_LEARN_ROLLOUT_DENIED: a new ACTIVE pointer has no last-known-good version");
        refused(f, "ana", "INSERT INTO active_pointer (model_name, active_model_id) VALUES ('alpha', 'alpha-1')", notExecuting);
        f.exec("ana", "INSERT INTO active_pointer (model_name, active_model_id) VALUES ('alpha', NULL)");
        refused(f, "ana", "UPDATE active_pointer SET active_model_id = 'alpha-2' WHERE model_name = 'alpha'", notExecuting);
        refused(f, "ana", "UPDATE active_pointer SET last_known_good_id = 'alpha-2' WHERE model_name = 'alpha'",
                "E_LEARN_ROLLOUT_DENIED: the last-known-good version is the one that was ACTIVE before");
        refused(f, "ana", "UPDATE active_pointer SET model_name = 'beta' WHERE model_name = 'alpha'",
                "E_LEARN_ROLLOUT_DENIED: the model name of a pointer never changes");
    }

    @Test
    void keysAreSubmittedByTheirOwnersEndorsedByAdminsAndNeverReplaced() throws Exception {
        SchemaFixture f = SchemaFixture.create();
        f.asSuperuser("UPDATE principals SET public_key = 'ed25519:adam', key_endorsed_by = 'adam', key_endorsement = 'sig-adam', "
                + "key_enrolled_at = now_text() WHERE user_name = 'adam'");
        refused(f, "adam", "UPDATE principals SET public_key = 'ed25519:swapped' WHERE user_name = 'adam'",
                "E_KEY_ENDORSED: an endorsed key cannot be replaced; keys are enrolled once");
        refused(f, "ada", "UPDATE principals SET public_key = 'ed25519:ada', key_endorsed_by = 'ada', key_endorsement = 'sig-ada', "
                        + "key_enrolled_at = now_text() WHERE user_name = 'ada'",
                "E_KEY_ENDORSED: this registry already has a root key; an ADMIN with an endorsed key endorses new keys");

        // principal enroll as Enrolment writes it: the four key columns of one's own row.
        String submit = "UPDATE principals SET public_key = 'ed25519:%s', key_endorsed_by = NULL, key_endorsement = NULL, "
                + "key_enrolled_at = NULL WHERE user_name = '%s'";
        f.exec("ana", submit.formatted("ana", "ana"));
        refused(f, "ana", submit.formatted("rita-by-ana", "rita"), identity("user_name", "ana"));
        refused(f, "ana", "UPDATE principals SET key_endorsed_by = 'ana', key_endorsement = 'sig', key_enrolled_at = now_text() "
                + "WHERE user_name = 'ana'", "E_KEY_ENDORSED: only an ADMIN (steward_admin) endorses a key; submit yours and read its fingerprint out to one");
        refused(f, "ada", "UPDATE principals SET key_endorsed_by = 'adam', key_endorsement = 'sig', key_enrolled_at = now_text() "
                + "WHERE user_name = 'ana'", identity("key_endorsed_by", "ada"));
        f.exec("adam", "UPDATE principals SET key_endorsed_by = 'adam', key_endorsement = 'sig-ana', key_enrolled_at = now_text() "
                + "WHERE user_name = 'ana'");
        assertEquals("adam", f.text("SELECT key_endorsed_by FROM principals WHERE user_name = 'ana'"));
    }

    @Test
    void ruleChangesAreRequestedAndDecidedByAdminsInTheirOwnNames() throws Exception {
        SchemaFixture f = SchemaFixture.create();
        String grant = "INSERT INTO rule_changes (change_id, kind, target, target_user, role, requested_by, requested_at, "
                + "requester_signature, four_eyes) VALUES ('%s', 'ROLE_GRANT', 'principal:ana', 'ana', %s, '%s', now_text(), 'sig', %d)";
        refused(f, "ana", grant.formatted("RC-X", "'ADMIN'", "adam", 1), identity("requested_by", "ana"));
        refused(f, "ana", grant.formatted("RC-X", "'ADMIN'", "ana", 1), "E_LEARN_ROLLOUT_DENIED: only an active ADMIN requests a rule change");
        refused(f, "adam", "INSERT INTO rule_changes (change_id, kind, target, target_user, role, requested_by, requested_at, "
                        + "requester_signature, status) VALUES ('RC-X', 'ROLE_GRANT', 'principal:ana', 'ana', 'ADMIN', 'adam', now_text(), "
                        + "'sig', 'APPLIED')",
                "E_LEARN_ROLLOUT_DENIED: a rule change is created PENDING and undecided");
        refused(f, "adam", grant.formatted("RC-X", "'ADMIN'", "adam", 0),
                "E_LEARN_APPROVAL_MISSING: a rule change skips the second ADMIN only while the registry has one active ADMIN");
        refused(f, "adam", grant.formatted("RC-X", "NULL", "adam", 1),
                "E_INVALID_INPUT: a principal change names its user (and, for a role change, the role) and no policy");
        refused(f, "adam", "INSERT INTO rule_changes (change_id, kind, target, policy_name, policy_text, requested_by, requested_at, "
                        + "requester_signature) VALUES ('RC-X', 'POLICY_SET', 'policy:l3', 'l3', 'states: []', 'adam', now_text(), 'sig')",
                "E_INVALID_INPUT: a policy change carries the policy name, text, format and digest");
        // Roles twice: principals says ADMIN, the server does not.
        f.asSuperuser("UPDATE principals SET roles = 'ANALYST,ADMIN' WHERE user_name = 'ana'");
        refused(f, "ana", grant.formatted("RC-X", "'ADMIN'", "ana", 1), "E_LEARN_ROLLOUT_DENIED: only an active ADMIN requests a rule change");
        f.asSuperuser("UPDATE principals SET roles = 'ANALYST' WHERE user_name = 'ana'");

        f.exec("adam", grant.formatted("RC-1", "'RISK_OFFICER'", "adam", 1));
        refused(f, "ada", "UPDATE rule_changes SET role = 'ADMIN' WHERE change_id = 'RC-1'",
                "E_LEARN_ROLLOUT_DENIED: a rule change cannot be edited; only its decision is recorded, once");
        String flow = "E_LEARN_ROLLOUT_DENIED: a rule change moves only PENDING -> APPLIED, REJECTED or STALE, once, with its decision";
        refused(f, "ada", "UPDATE rule_changes SET decided_by = 'ada' WHERE change_id = 'RC-1'", flow);
        String decide = "UPDATE rule_changes SET status = '%s', decided_by = '%s', decided_at = now_text(), decision_comment = %s, "
                + "decision_signature = 'sig' WHERE change_id = '%s'";
        refused(f, "ada", decide.formatted("APPLIED", "ada", "NULL", "RC-1"),
                "E_LEARN_APPROVAL_MISSING: a rule change is decided with the decider, the time, a comment and a signature");
        refused(f, "ada", decide.formatted("APPLIED", "adam", "'fine'", "RC-1"), identity("decided_by", "ada"));
        refused(f, "rita", decide.formatted("REJECTED", "rita", "'no'", "RC-1"), "E_LEARN_APPROVAL_MISSING: only an active ADMIN decides a rule change");
        refused(f, "adam", decide.formatted("APPLIED", "adam", "'mine'", "RC-1"),
                "E_LEARN_ROLLOUT_DENIED: the requester of a rule change cannot decide it (four eyes)");
        f.exec("ada", decide.formatted("APPLIED", "ada", "'heard it from rita'", "RC-1"));
        refused(f, "ada", "UPDATE rule_changes SET status = 'REJECTED' WHERE change_id = 'RC-1'", flow);

        // With one active ADMIN, that ADMIN's change is applied at once, by them.
        f.asSuperuser("UPDATE principals SET active = 0 WHERE user_name = 'ada'");
        f.exec("adam", grant.formatted("RC-2", "'RISK_OFFICER'", "adam", 0));
        refused(f, "adam", decide.formatted("REJECTED", "adam", "'changed my mind'", "RC-2"),
                "E_LEARN_ROLLOUT_DENIED: a change made without a second ADMIN is applied by its requester at once");
        f.exec("adam", decide.formatted("APPLIED", "adam", "'single ADMIN'", "RC-2"));
        assertEquals(List.of("RC-1\tAPPLIED\tada", "RC-2\tAPPLIED\tadam"),
                f.rows("SELECT change_id, status, decided_by FROM rule_changes ORDER BY change_id"));
    }

    /**
     * The grants already keep console users from these statements; were someone to widen them, the triggers still
     * refuse, as they do on SQLite.
     */
    @Test
    void withEveryTablePrivilegeGrantedTheTriggersStillRefuse() throws Exception {
        SchemaFixture f = SchemaFixture.create();
        f.asSuperuser("INSERT INTO model_registry (model_id, model_name, model_type, version, state) VALUES ('alpha-1', 'alpha', 'signal_model', '1', 'ACTIVE')",
                "INSERT INTO active_pointer (model_name, active_model_id) VALUES ('alpha', 'alpha-1')",
                "INSERT INTO transition_requests (request_id, model_id, from_state, to_state, requested_by, justification, status, "
                        + "model_row_version, gate_passed) VALUES ('REQ-1', 'alpha-1', 'CANDIDATE', 'ACTIVE', 'ana', 'x', 'EXECUTED', 1, 1)",
                "INSERT INTO approvals (request_id, approver, decision, comment) VALUES ('REQ-1', 'rita', 'APPROVE', 'ok')",
                "SELECT * FROM append_audit('TRANSITION', 'alpha-1', '{}')",
                "INSERT INTO audit_signatures (seq, head_hash, signer, signed_at, signature) SELECT seq, hash, 'rita', ts, 'sig' FROM audit_log",
                "INSERT INTO rule_changes (change_id, kind, target, target_user, role, requested_by, requested_at, requester_signature, "
                        + "status, decided_by, decided_at, decision_comment, decision_signature) VALUES ('RC-1', 'ROLE_GRANT', "
                        + "'principal:ana', 'ana', 'ADMIN', 'adam', now_text(), 'sig', 'APPLIED', 'ada', now_text(), 'ok', 'sig')",
                "INSERT INTO scorecard_imports VALUES (repeat('a', 64), 'cards.csv', 3, 1, repeat('b', 64), 'import', 'pipe', now_text())",
                "GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA steward TO steward_console");
        for (String column : new String[] {"path_ref", "training_config_hash", "data_snapshot_hash", "code_commit", "created_by"}) {
            refused(f, "ana", "UPDATE model_registry SET " + column + " = 'x' WHERE model_id = 'alpha-1'",
                    "E_LEARN_ROLLOUT_DENIED: the artifacts of a version are frozen once it has left CANDIDATE; register a new version instead");
        }
        refused(f, "ana", "DELETE FROM model_registry WHERE model_id = 'alpha-1'",
                "E_LEARN_ROLLOUT_DENIED: a governed version is never deleted; retention marks old versions archived");
        refused(f, "ana", "UPDATE transition_requests SET required_approvals = 0", "E_LEARN_ROLLOUT_DENIED: a request cannot be edited; only its status moves forward");
        refused(f, "ana", "DELETE FROM transition_requests", "E_LEARN_ROLLOUT_DENIED: requests are part of the governance record and are never deleted");
        refused(f, "ana", "UPDATE approvals SET comment = 'edited'", "E_LEARN_ROLLOUT_DENIED: approvals are append-only");
        refused(f, "ana", "DELETE FROM approvals", "E_LEARN_ROLLOUT_DENIED: approvals are append-only");
        refused(f, "ana", "UPDATE audit_log SET actor = 'mallory'", "E_AUDIT_APPEND_ONLY: the audit log is append-only");
        refused(f, "ana", "DELETE FROM audit_log", "E_AUDIT_APPEND_ONLY: the audit log is append-only");
        refused(f, "ana", "DELETE FROM active_pointer", "E_LEARN_ROLLOUT_DENIED: the ACTIVE pointer is never deleted");
        refused(f, "ana", "UPDATE audit_signatures SET signature = 'x'", "E_AUDIT_APPEND_ONLY: audit signatures are append-only");
        refused(f, "ana", "DELETE FROM audit_signatures", "E_AUDIT_APPEND_ONLY: audit signatures are append-only");
        refused(f, "ana", "INSERT INTO audit_signatures (seq, head_hash, signer, signed_at, signature) VALUES (1, 'x', 'rita', now_text(), 'x')",
                identity("signer", "ana"));
        refused(f, "ana", "DELETE FROM rule_changes", "E_LEARN_ROLLOUT_DENIED: rule changes are part of the governance record and are never deleted");
        refused(f, "ana", "UPDATE scorecard_imports SET rows = 4", "E_IMPORT_RECORD: a recorded scorecard import is never changed");
        refused(f, "ana", "DELETE FROM scorecard_imports", "E_IMPORT_RECORD: a recorded scorecard import is never deleted");
        f.exec("ana", "INSERT INTO audit_signatures (seq, head_hash, signer, signed_at, signature) VALUES (1, 'x', 'ana', now_text(), 'x')");
    }

    @Test
    void theOwnerCopiesAWholeHistoryUnrefused() throws Exception {
        SchemaFixture f = SchemaFixture.create();
        // migrate and demo copy rows as they were: live states, decided requests, approvals of executed requests.
        for (String owner : new String[] {null, "olaf"}) {
            String n = owner == null ? "1" : "2";
            String[] copy = {
                    "INSERT INTO model_registry (model_id, model_name, model_type, version, state, created_by) VALUES ('m" + n + "-1', 'm" + n
                            + "', 'signal_model', '1', 'ACTIVE', 'alice')",
                    "INSERT INTO transition_requests (request_id, model_id, from_state, to_state, requested_by, justification, status, "
                            + "model_row_version, gate_passed) VALUES ('REQ-" + n + "', 'm" + n + "-1', 'SHADOW', 'ACTIVE', 'bob', 'x', 'EXECUTED', 1, 1)",
                    "INSERT INTO approvals (request_id, approver, decision, comment) VALUES ('REQ-" + n + "', 'bob', 'APPROVE', 'ok')",
                    "INSERT INTO active_pointer (model_name, active_model_id, last_known_good_id) VALUES ('m" + n + "', 'm" + n + "-1', 'm" + n + "-1')",
                    "INSERT INTO audit_log (seq, ts, actor, action, entity, payload_json, prev_hash, hash) VALUES (" + n
                            + ", '2026-01-01T00:00:00.000Z', 'carol', 'REGISTER', 'x', '{}', 'p', 'h')"};
            if (owner == null) {
                f.asSuperuser(copy);
            } else {
                f.exec(owner, copy);
            }
            assertEquals("alice", f.text("SELECT created_by FROM model_registry WHERE model_id = 'm" + n + "-1'"));
        }
        assertEquals(2, f.number("SELECT count(*) FROM model_registry WHERE state = 'ACTIVE'"));
    }

    @Test
    void appendAuditHashesExactlyAsAuditTrailWithTheLoginAsActor() throws Exception {
        SchemaFixture f = SchemaFixture.create();
        String[] payloads = {"{\"name\":\"caf\u00e9\"}", "{\"emoji\":\"\ud83d\ude00\",\"cjk\":\"\u6a21\u578b\"}",
                "{\"combining\":\"e\u0301\",\"rtl\":\"\u05e9\u05dc\u05d5\u05dd\"}", "line\nbreak\ttab \\ \"quotes\"", "{}"};
        try (Connection c = f.as("rita"); Statement s = c.createStatement()) {
            for (String payload : payloads) {
                try (var call = c.prepareStatement("SELECT seq, ts, actor, prev_hash, hash FROM append_audit(?, ?, ?)")) {
                    call.setString(1, "APPROVE");
                    call.setString(2, "request:REQ-\u00e9");
                    call.setString(3, payload);
                    try (ResultSet row = call.executeQuery()) {
                        row.next();
                        assertEquals("rita", row.getString("actor"));
                        assertTrue(row.getString("ts").matches(TS), row.getString("ts"));
                        assertEquals(AuditTrail.hash(row.getString("prev_hash"), row.getLong("seq"), row.getString("ts"), "rita", "APPROVE",
                                "request:REQ-\u00e9", payload), row.getString("hash"));
                    }
                }
            }
            SQLException missing = assertThrows(SQLException.class,
                    () -> s.execute("SELECT * FROM append_audit('APPROVE', 'x', NULL)"));
            assertEquals("E_INVALID_INPUT: an audit entry needs an action, an entity and a payload", SchemaFixture.message(missing));
        }
        assertEquals(AuditTrail.GENESIS, f.text("SELECT prev_hash FROM audit_log WHERE seq = 1"));
        assertEquals(payloads.length, f.verifiedChain());
    }

    @Test
    void twoTransactionsAppendingAtOnceNeverForkTheChain() throws Exception {
        SchemaFixture f = SchemaFixture.create();
        int perThread = 60;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (String login : new String[] {"rita", "pipe"}) {
                done.add(pool.submit(() -> {
                    try (Connection c = f.as(login); Statement s = c.createStatement()) {
                        c.setAutoCommit(false);
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            s.execute("SELECT * FROM append_audit('REGISTER', '" + login + "', '{\"i\":" + i + "}')");
                            if (i % 3 == 2) {
                                c.commit();
                            }
                        }
                        c.commit();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<Void> each : done) {
                each.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2L * perThread, f.verifiedChain());
        assertEquals(List.of("pipe\t" + perThread, "rita\t" + perThread), f.rows("SELECT actor, count(*) FROM audit_log GROUP BY actor ORDER BY actor"));
    }

    @Test
    void twoConcurrentPromotionsLeaveOneLiveVersionPerName() throws Exception {
        SchemaFixture f = SchemaFixture.create();
        for (String id : new String[] {"alpha-1", "alpha-2"}) {
            f.register("pipe", id);
        }
        f.requestPromotion("ana", "REQ-1", "alpha-1");
        f.requestPromotion("ana", "REQ-2", "alpha-2");
        f.approve("rita", "REQ-1");
        f.approve("ravi", "REQ-2");
        CyclicBarrier bothExecuting = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> outcomes = new ArrayList<>();
        try {
            List<Future<String>> done = new ArrayList<>();
            String[][] promotions = {{"rita", "REQ-1", "alpha-1"}, {"ravi", "REQ-2", "alpha-2"}};
            for (String[] promotion : promotions) {
                done.add(pool.submit(() -> {
                    try (Connection c = f.as(promotion[0]); Statement s = c.createStatement()) {
                        c.setAutoCommit(false);
                        try {
                            s.execute("UPDATE transition_requests SET status = 'EXECUTING' WHERE request_id = '" + promotion[1] + "'");
                            bothExecuting.await(30, TimeUnit.SECONDS);
                            s.execute("UPDATE model_registry SET state = 'ACTIVE', state_changed_at = now_text() WHERE model_id = '"
                                    + promotion[2] + "'");
                            c.commit();
                            return "promoted";
                        } catch (SQLException refused) {
                            c.rollback();
                            return refused.getSQLState();
                        }
                    }
                }));
            }
            for (Future<String> each : done) {
                outcomes.add(each.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        outcomes.sort(null);
        assertEquals(List.of("23505", "promoted"), outcomes, "the second promotion meets model_registry_one_active");
        assertEquals(1, f.number("SELECT count(*) FROM model_registry WHERE model_name = 'alpha' AND state = 'ACTIVE'"));
        assertEquals(List.of("EXECUTED", "PENDING"), f.rows("SELECT status FROM transition_requests ORDER BY status"));
    }
}
