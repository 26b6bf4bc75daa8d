package com.modelsteward.registry.postgresql;

import static com.modelsteward.registry.postgresql.SchemaFixture.decisionSql;
import static com.modelsteward.registry.postgresql.SchemaFixture.requestSql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, item 6: the people and the pipeline skip the app and type SQL at the server with their own logins. Every
 * attack is refused — by a privilege the login lacks, by a trigger, or by the identity check — and nothing changes. The
 * test prints one line per attack and the total, and writes them to target/postgresql/bypass.txt.
 */
@Tag("postgresql")
class PostgresBypassTest {

    /** What refuses an attack, and how the server says so. */
    private enum By {
        PRIVILEGE("privilege"), TRIGGER("trigger"), IDENTITY("identity check"), APPEND_AUDIT("append_audit");

        final String label;

        By(String label) {
            this.label = label;
        }
    }

    private record Attack(String login, String what, By by, String code, List<String> statements) {
    }

    private final List<Attack> attacks = new ArrayList<>();

    private void attack(String login, String what, By by, String code, String... statements) {
        attacks.add(new Attack(login, what, by, code, List.of(statements)));
    }

    private void byPrivilege(String what, String sql, String... logins) {
        for (String login : logins) {
            attack(login, what, By.PRIVILEGE, null, sql);
        }
    }

    @Test
    void everyAttackOfTheIssueIsRefusedAndNothingChanges() throws Exception {
        SchemaFixture f = SchemaFixture.create();
        f.register("pipe", "alpha-1");
        f.register("pipe", "alpha-2");
        f.requestPromotion("ana", "REQ-1", "alpha-1");
        f.requestPromotion("rita", "REQ-R", "alpha-2");
        f.exec("ana", "SELECT * FROM append_audit('REQUEST', 'REQ-1', '{}')");
        f.asSuperuser("INSERT INTO registry_meta (key, value) VALUES ('policy_text', 'states: [CANDIDATE, SHADOW, ACTIVE]'), "
                        + "('policy_format', 'yaml')",
                // ravi was a RISK_OFFICER; his principal is deactivated (his login still is in the group).
                "UPDATE principals SET active = 0 WHERE user_name = 'ravi'");

        String activate = "UPDATE model_registry SET state = 'ACTIVE' WHERE model_id = 'alpha-1'";
        attack("pipe", "UPDATE a version to ACTIVE", By.PRIVILEGE, null, activate);
        attack("ana", "UPDATE a version to ACTIVE", By.TRIGGER, "E_LEARN_APPROVAL_MISSING", activate);
        String insertActive = "INSERT INTO model_registry (model_id, model_name, model_type, version, state) "
                + "VALUES ('alpha-9', 'alpha', 'signal_model', '9', 'ACTIVE')";
        attack("pipe", "INSERT a version as ACTIVE", By.TRIGGER, "E_LEARN_APPROVAL_MISSING", insertActive);
        attack("ana", "INSERT a version as ACTIVE", By.TRIGGER, "E_LEARN_APPROVAL_MISSING", insertActive);
        attack("ana", "UPDATE a request to EXECUTING without approvals", By.TRIGGER, "E_LEARN_APPROVAL_MISSING",
                "UPDATE transition_requests SET status = 'EXECUTING' WHERE request_id = 'REQ-1'");
        byPrivilege("rewrite a version's artifacts", "UPDATE model_registry SET path_ref = 'evil.bin' WHERE model_id = 'alpha-1'",
                "ana", "pipe");

        attack("ana", "INSERT an approval in someone else's name", By.IDENTITY, "E_IDENTITY", decisionSql("REQ-1", "rita", "APPROVE"));
        attack("rita", "INSERT an approval of your own request", By.TRIGGER, "E_LEARN_ROLLOUT_DENIED", decisionSql("REQ-R", "rita", "APPROVE"));
        attack("pipe", "INSERT an approval", By.PRIVILEGE, null, decisionSql("REQ-1", "pipe", "APPROVE"));
        attack("olga", "INSERT an approval with RISK_OFFICER in principals but not the group", By.TRIGGER, "E_LEARN_APPROVAL_MISSING",
                decisionSql("REQ-1", "olga", "APPROVE"));
        attack("ravi", "INSERT an approval through a temporary principals table that shadows the real one", By.TRIGGER,
                "E_LEARN_APPROVAL_MISSING",
                "CREATE TEMP TABLE principals (user_name text, roles text, active integer)",
                "INSERT INTO pg_temp.principals VALUES ('ravi', 'RISK_OFFICER', 1)",
                "SET LOCAL search_path = pg_temp, steward",
                decisionSql("REQ-1", "ravi", "APPROVE"));
        byPrivilege("UPDATE an approval", "UPDATE approvals SET decision = 'APPROVE'", "ana", "pipe");

        byPrivilege("INSERT into audit_log", "INSERT INTO audit_log (seq, ts, actor, action, entity, payload_json, prev_hash, hash) "
                + "VALUES (2, now_text(), 'rita', 'APPROVE', 'REQ-1', '{}', 'x', 'x')", "ana", "pipe", "adam");
        byPrivilege("UPDATE audit_log", "UPDATE audit_log SET actor = 'mallory'", "ana", "pipe");
        byPrivilege("DELETE from audit_log", "DELETE FROM audit_log", "ana", "pipe");
        byPrivilege("TRUNCATE audit_log", "TRUNCATE audit_log", "ana", "pipe");
        byPrivilege("LOCK audit_log to stall every append", "LOCK TABLE audit_log IN EXCLUSIVE MODE", "ana", "pipe", "audrey");
        for (String action : new String[] {"APPROVE", "TRANSITION", "ACTIVE_CHANGED", "POLICY_SET"}) {
            attack("pipe", "append_audit with the governance action " + action, By.APPEND_AUDIT, "E_PRIVILEGE",
                    "SELECT * FROM append_audit('" + action + "', 'REQ-1', '{}')");
        }
        byPrivilege("append_audit as the auditor", "SELECT * FROM append_audit('REGISTER', 'x', '{}')", "audrey");
        attack("ana", "INSERT a signed audit head in someone else's name", By.IDENTITY, "E_IDENTITY",
                "INSERT INTO audit_signatures (seq, head_hash, signer, signed_at, signature) VALUES (1, 'x', 'rita', now_text(), 'x')");

        byPrivilege("DROP TRIGGER", "DROP TRIGGER approvals_insert ON approvals", "ana", "adam");
        byPrivilege("DROP TRIGGER", "DROP TRIGGER model_registry_no_insert_live ON model_registry", "pipe");
        byPrivilege("ALTER TABLE ... DISABLE TRIGGER", "ALTER TABLE approvals DISABLE TRIGGER ALL", "ana", "adam");
        byPrivilege("ALTER TABLE ... DISABLE TRIGGER", "ALTER TABLE model_registry DISABLE TRIGGER model_registry_no_insert_live", "pipe");
        byPrivilege("ALTER TRIGGER ... RENAME", "ALTER TRIGGER approvals_insert ON approvals RENAME TO approvals_insert_off", "ana");
        byPrivilege("SET session_replication_role = replica", "SET session_replication_role = replica", "ana", "pipe", "adam");
        byPrivilege("CREATE OR REPLACE a trigger function", "CREATE OR REPLACE FUNCTION approvals_insert() RETURNS trigger "
                + "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$", "ana", "adam");
        byPrivilege("CREATE OR REPLACE a trigger function", "CREATE OR REPLACE FUNCTION model_registry_no_insert_live() RETURNS trigger "
                + "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$", "pipe");
        byPrivilege("CREATE OR REPLACE is_owner() to say yes", "CREATE OR REPLACE FUNCTION is_owner() RETURNS boolean "
                + "LANGUAGE sql AS 'SELECT true'", "ana");
        byPrivilege("ALTER append_audit to run as the caller", "ALTER FUNCTION append_audit(text, text, text) SECURITY INVOKER", "ana");

        byPrivilege("GRANT steward_admin TO yourself", "GRANT steward_admin TO ana", "ana");
        byPrivilege("GRANT steward_console TO yourself", "GRANT steward_console TO pipe", "pipe");
        byPrivilege("GRANT steward_risk_officer to a colleague", "GRANT steward_risk_officer TO ana", "rita");
        byPrivilege("SET ROLE steward_owner", "SET ROLE steward_owner", "ana", "pipe", "adam");
        byPrivilege("SET SESSION AUTHORIZATION another user", "SET SESSION AUTHORIZATION rita", "ana");

        byPrivilege("UPDATE principals: grant yourself ADMIN", "UPDATE principals SET roles = 'ANALYST,RISK_OFFICER,ADMIN' "
                + "WHERE user_name = 'ana'", "ana", "pipe");
        byPrivilege("INSERT principals: add yourself as ADMIN", "INSERT INTO principals (user_name, roles) VALUES ('mallory', 'ADMIN')",
                "ana", "pipe");
        attack("ana", "UPDATE principals: replace another user's key", By.IDENTITY, "E_IDENTITY",
                "UPDATE principals SET public_key = 'ed25519:mine' WHERE user_name = 'rita'");
        attack("ana", "UPDATE principals: endorse your own key", By.TRIGGER, "E_KEY_ENDORSED",
                "UPDATE principals SET public_key = 'ed25519:mine', key_endorsed_by = 'ana', key_endorsement = 'x', "
                        + "key_enrolled_at = now_text() WHERE user_name = 'ana'");

        attack("ana", "INSERT a request in another user's name", By.IDENTITY, "E_IDENTITY",
                requestSql("REQ-X", "alpha-2", "CANDIDATE", "ACTIVE", "rita", 1));
        attack("pipe", "INSERT a request", By.PRIVILEGE, null, requestSql("REQ-X", "alpha-2", "CANDIDATE", "ACTIVE", "pipe", 1));
        byPrivilege("DELETE a request", "DELETE FROM transition_requests WHERE request_id = 'REQ-1'", "ana", "pipe");
        attack("ana", "INSERT a rule change in an ADMIN's name", By.IDENTITY, "E_IDENTITY",
                "INSERT INTO rule_changes (change_id, kind, target, target_user, role, requested_by, requested_at, requester_signature) "
                        + "VALUES ('RC-X', 'ROLE_GRANT', 'principal:ana', 'ana', 'ADMIN', 'adam', now_text(), 'x')");

        byPrivilege("UPDATE the registry_meta policy as the pipeline", "UPDATE registry_meta SET value = 'states: [CANDIDATE, ACTIVE]' "
                + "WHERE key = 'policy_text'", "pipe");
        byPrivilege("INSERT a registry_meta policy as the pipeline", "INSERT INTO registry_meta (key, value) VALUES ('policy_text', 'x') "
                + "ON CONFLICT (key) DO UPDATE SET value = excluded.value", "pipe");
        attack("ana", "UPDATE the registry_meta policy without being an ADMIN", By.TRIGGER, "E_PRIVILEGE",
                "UPDATE registry_meta SET value = 'states: [CANDIDATE, ACTIVE]' WHERE key = 'policy_text'");

        byPrivilege("ALTER the approvals table", "ALTER TABLE approvals DROP CONSTRAINT approvals_request_id_approver_key", "ana", "adam");
        byPrivilege("ALTER the approvals table", "ALTER TABLE approvals ADD COLUMN approved_anyway boolean", "pipe");
        byPrivilege("ALTER the approvals table's owner", "ALTER TABLE approvals OWNER TO ana", "ana");
        byPrivilege("CREATE a table in schema steward", "CREATE TABLE steward.shadow (x integer)", "ana", "pipe");
        byPrivilege("CREATE a function in schema steward", "CREATE FUNCTION steward.helper() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
                "ana", "pipe");
        byPrivilege("INSERT a version as the auditor", "INSERT INTO model_registry (model_id, model_name, model_type, version) "
                + "VALUES ('alpha-8', 'alpha', 'signal_model', '8')", "audrey");

        String before = fingerprint(f);
        List<String> lines = new ArrayList<>();
        int refused = 0;
        Map<String, Connection> connections = new HashMap<>();
        try {
            for (Attack attack : attacks) {
                Connection c = connections.get(attack.login());
                if (c == null) {
                    c = f.as(attack.login());
                    c.setAutoCommit(false);
                    connections.put(attack.login(), c);
                }
                String outcome = attempt(c, attack);
                if (outcome.startsWith("REFUSED")) {
                    refused++;
                }
                lines.add(String.format("%-8s %-7s %-84s %s", outcome.substring(0, outcome.indexOf(' ')), attack.login(), attack.what(),
                        outcome.substring(outcome.indexOf(' ') + 1)));
            }
        } finally {
            for (Connection c : connections.values()) {
                c.close();
            }
        }
        lines.add("TOTAL: " + refused + " of " + attacks.size() + " attacks refused");
        report(lines);
        assertEquals(attacks.size(), refused, String.join("\n", lines));
        assertEquals(before, fingerprint(f), "nothing changed");
        assertEquals(1, f.verifiedChain(), "the one entry before the attacks");
    }

    /** Tries one attack in a transaction that is always rolled back; says what refused it, or that nothing did. */
    private static String attempt(Connection c, Attack attack) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : attack.statements()) {
                s.execute(sql);
            }
            return "ALLOWED nothing refused it";
        } catch (SQLException refusal) {
            String message = SchemaFixture.message(refusal);
            By by = "42501".equals(refusal.getSQLState()) ? By.PRIVILEGE
                    : !"P0001".equals(refusal.getSQLState()) ? null
                    : message.startsWith("E_IDENTITY:") ? By.IDENTITY
                    : message.startsWith("E_PRIVILEGE:") && message.contains("may append only") ? By.APPEND_AUDIT : By.TRIGGER;
            boolean expected = by == attack.by() && (attack.code() == null || message.startsWith(attack.code() + ":"));
            return (expected ? "REFUSED " : "UNEXPECTED ") + "by " + (by == null ? refusal.getSQLState() : by.label) + ": " + message;
        } finally {
            c.rollback();
        }
    }

    /** Every row of every table of the registry, every trigger and every membership in a steward group, as one digest. */
    private static String fingerprint(SchemaFixture f) throws SQLException {
        StringBuilder all = new StringBuilder();
        for (String table : f.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'steward' ORDER BY 1")) {
            all.append(table).append(' ').append(f.text("SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                    + "FROM steward." + table + " t")).append('\n');
        }
        all.append(f.rows("SELECT tgname || ' ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1")).append('\n');
        all.append(f.rows("SELECT r.rolname || ' > ' || m.rolname || ' ' || a.admin_option FROM pg_auth_members a "
                + "JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member WHERE r.rolname LIKE 'steward%' ORDER BY 1"));
        all.append(f.rows("SELECT p.proname || ' ' || md5(p.prosrc) || ' ' || p.prosecdef FROM pg_proc p "
                + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'steward' ORDER BY 1"));
        return all.toString();
    }

    private static void report(List<String> lines) throws IOException {
        lines.forEach(System.out::println);
        Path file = Path.of("target", "postgresql", "bypass.txt");
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** A login that holds every lock it may take cannot stall the chain for anyone else. */
    @Test
    void noLoginCanStallTheAuditChain() throws Exception {
        SchemaFixture f = SchemaFixture.create();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Void> holder = pool.submit(() -> {
                try (Connection c = f.as("audrey"); Statement s = c.createStatement()) {
                    c.setAutoCommit(false);
                    s.execute("SELECT pg_advisory_lock(hashtext('steward.audit_log')::bigint)");
                    s.execute("LOCK TABLE audit_log IN ACCESS SHARE MODE");
                    s.execute("SELECT count(*) FROM audit_log");
                    holding.countDown();
                    release.await(60, TimeUnit.SECONDS);
                    c.rollback();
                }
                return null;
            });
            holding.await(30, TimeUnit.SECONDS);
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> f.exec("ana", "SELECT * FROM append_audit('REQUEST', 'REQ-1', '{}')"));
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertEquals(1, f.verifiedChain());
    }
}
