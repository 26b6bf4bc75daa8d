package com.modelsteward.registry.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** What each group may do, exactly (V008.sql's grants), the roles script run again and again, and the announcements. */
@Tag("postgresql")
class PostgresGrantsTest {

    private static final List<String> GROUPS = List.of("steward_owner", "steward_console", "steward_analyst", "steward_risk_officer",
            "steward_admin", "steward_pipeline", "steward_auditor");

    private static final List<String> TABLES = List.of("active_pointer", "approvals", "audit_log", "audit_mentions", "audit_signatures",
            "drift_samples", "events", "incidents", "model_drift", "model_registry", "principals", "registry_meta", "rule_changes",
            "schema_version", "scorecard_imports", "scorecards", "transition_requests", "write_lock");

    /** The console's table privileges; the analyst, officer and ADMIN groups inherit them. */
    private static Map<String, String> console() {
        Map<String, String> expected = new TreeMap<>();
        TABLES.forEach(table -> expected.put(table, "SELECT"));
        for (String table : List.of("transition_requests", "approvals", "audit_signatures", "rule_changes", "events", "model_drift",
                "incidents", "drift_samples", "scorecards", "scorecard_imports", "model_registry", "active_pointer", "registry_meta")) {
            expected.put(table, "SELECT INSERT");
        }
        for (String table : List.of("active_pointer", "rule_changes", "incidents", "registry_meta")) {
            expected.put(table, "SELECT INSERT UPDATE");
        }
        expected.put("transition_requests", "SELECT INSERT UPDATE(status,decided_at,executed_at)");
        expected.put("model_registry", "SELECT INSERT UPDATE(state,updated_at,row_version,state_changed_at,archived)");
        expected.put("events", "SELECT INSERT UPDATE(published_at)");
        expected.put("principals", "SELECT UPDATE(public_key,key_endorsed_by,key_endorsement,key_enrolled_at)");
        // the registry's write lock: locking it in EXCLUSIVE mode takes UPDATE (PostgresWriteLockTest)
        expected.put("write_lock", "SELECT UPDATE");
        return expected;
    }

    private static Map<String, Map<String, String>> expectedPrivileges() {
        Map<String, Map<String, String>> expected = new TreeMap<>();
        expected.put("steward_console", console());
        expected.put("steward_analyst", console());
        expected.put("steward_risk_officer", console());
        Map<String, String> admin = console();
        admin.put("principals", "SELECT INSERT UPDATE");
        expected.put("steward_admin", admin);
        Map<String, String> auditor = new TreeMap<>();
        TABLES.forEach(table -> auditor.put(table, "SELECT"));
        expected.put("steward_auditor", auditor);
        Map<String, String> pipeline = new TreeMap<>();
        for (String table : List.of("principals", "active_pointer", "registry_meta", "schema_version")) {
            pipeline.put(table, "SELECT");
        }
        for (String table : List.of("model_registry", "scorecards", "scorecard_imports", "drift_samples", "model_drift", "incidents", "events")) {
            pipeline.put(table, "SELECT INSERT");
        }
        pipeline.put("write_lock", "UPDATE");
        expected.put("steward_pipeline", pipeline);
        expected.put("nobody", new TreeMap<>());
        return expected;
    }

    @Test
    void eachGroupHoldsExactlyItsPrivilegesAndOnlyTheOwnerDeletes() throws SQLException {
        SchemaFixture f = SchemaFixture.create();
        f.server.createLogin("nobody");
        Map<String, Map<String, String>> actual = new TreeMap<>();
        for (String row : f.rows("""
                SELECT g.rolname, c.relname, concat_ws(' ',
                       CASE WHEN has_table_privilege(g.oid, c.oid, 'SELECT') THEN 'SELECT' END,
                       CASE WHEN has_table_privilege(g.oid, c.oid, 'INSERT') THEN 'INSERT' END,
                       CASE WHEN has_table_privilege(g.oid, c.oid, 'UPDATE') THEN 'UPDATE'
                            WHEN has_any_column_privilege(g.oid, c.oid, 'UPDATE') THEN 'UPDATE(' ||
                                 (SELECT string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_attribute a
                                   WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                                     AND has_column_privilege(g.oid, c.oid, a.attnum, 'UPDATE')) || ')' END,
                       CASE WHEN has_table_privilege(g.oid, c.oid, 'DELETE') THEN 'DELETE' END,
                       CASE WHEN has_table_privilege(g.oid, c.oid, 'TRUNCATE') THEN 'TRUNCATE' END,
                       CASE WHEN has_table_privilege(g.oid, c.oid, 'REFERENCES') THEN 'REFERENCES' END,
                       CASE WHEN has_table_privilege(g.oid, c.oid, 'TRIGGER') THEN 'TRIGGER' END)
                  FROM pg_roles g CROSS JOIN pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'steward' AND c.relkind = 'r' AND g.rolname LIKE ANY (ARRAY['steward\\_%', 'nobody'])
                   AND g.rolname <> 'steward_owner'""")) {
            String[] cells = row.split("\t", -1);
            Map<String, String> tables = actual.computeIfAbsent(cells[0], g -> new TreeMap<>());
            if (!cells[2].isEmpty()) {
                tables.put(cells[1], cells[2]);
            }
        }
        assertEquals(expectedPrivileges(), actual);
        assertEquals(List.of("steward_owner"), f.rows("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'steward'"));
        assertEquals(List.of("steward_owner"), f.rows("SELECT DISTINCT pg_get_userbyid(p.proowner) FROM pg_proc p "
                + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'steward'"));

        // The schema: everyone's to use, nobody's to create in.
        assertEquals(List.of("steward_admin t f", "steward_analyst t f", "steward_auditor t f", "steward_console t f",
                "steward_pipeline t f", "steward_risk_officer t f", "nobody f f"), f.rows("SELECT g.rolname || ' ' "
                + "|| has_schema_privilege(g.oid, 'steward', 'USAGE') || ' ' || has_schema_privilege(g.oid, 'steward', 'CREATE') "
                + "FROM pg_roles g WHERE g.rolname IN ('steward_admin', 'steward_analyst', 'steward_auditor', 'steward_console', "
                + "'steward_pipeline', 'steward_risk_officer', 'nobody') ORDER BY g.rolname = 'nobody', g.rolname")
                .stream().map(line -> line.replace("true", "t").replace("false", "f")).toList());

        // Functions: append_audit for the console and the pipeline; the trigger functions for nobody.
        assertEquals(List.of("steward_auditor f", "steward_console t", "steward_pipeline t", "nobody f"), f.rows("SELECT g.rolname || ' ' "
                + "|| has_function_privilege(g.oid, 'steward.append_audit(text, text, text)', 'EXECUTE') FROM pg_roles g "
                + "WHERE g.rolname IN ('steward_auditor', 'steward_console', 'steward_pipeline', 'nobody') ORDER BY g.rolname = 'nobody', g.rolname")
                .stream().map(line -> line.replace("true", "t").replace("false", "f")).toList());
        assertEquals(List.of(), f.rows("SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "WHERE n.nspname = 'steward' AND p.prorettype = 'trigger'::regtype "
                + "AND (has_function_privilege('nobody', p.oid, 'EXECUTE') OR has_function_privilege('steward_console', p.oid, 'EXECUTE'))"));
        assertEquals(List.of("append_audit"), f.rows("SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "WHERE n.nspname = 'steward' AND p.prosecdef"), "the one SECURITY DEFINER function");
        assertEquals(List.of(), f.rows("SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "WHERE n.nspname = 'steward' AND NOT coalesce('search_path=steward, pg_temp' = ANY (p.proconfig), false)"),
                "every function pins its search_path");

        // Sequences: where the group inserts rows with generated ids.
        assertEquals(List.of("steward_console approvals_approval_id_seq,audit_signatures_signature_id_seq,drift_samples_sample_id_seq,"
                        + "events_event_id_seq,incidents_incident_id_seq,model_drift_drift_id_seq,scorecards_scorecard_id_seq",
                "steward_pipeline drift_samples_sample_id_seq,events_event_id_seq,incidents_incident_id_seq,model_drift_drift_id_seq,"
                        + "scorecards_scorecard_id_seq"),
                f.rows("SELECT g.rolname || ' ' || string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_roles g CROSS JOIN pg_class c "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'steward' AND c.relkind = 'S' "
                        + "AND g.rolname IN ('steward_console', 'steward_pipeline', 'steward_auditor', 'nobody') "
                        + "AND has_sequence_privilege(g.oid, c.oid, 'USAGE') GROUP BY g.rolname ORDER BY g.rolname"));
    }

    @Test
    void theRolesScriptRunsAgainAndAgainAndGrantsNoAdminOption() throws SQLException {
        SchemaFixture f = SchemaFixture.create();
        f.asSuperuser("DO $$ BEGIN CREATE ROLE rolemaker LOGIN CREATEROLE PASSWORD 'rolemaker-pw'; "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        try (Connection c = f.server.superConnection(f.database); Statement s = c.createStatement()) {
            s.execute(SchemaFixture.resource("roles.sql"));
            s.execute(SchemaFixture.resource("roles.sql"));
        }
        // A role administrator (CREATEROLE, not a superuser) runs it too, on groups that exist.
        try (Connection c = f.server.connectAs("rolemaker", f.database); Statement s = c.createStatement()) {
            s.execute(SchemaFixture.resource("roles.sql"));
        }
        // A group someone let log in is put back.
        try {
            f.asSuperuser("ALTER ROLE steward_auditor LOGIN CREATEROLE");
            try (Connection c = f.server.superConnection(f.database); Statement s = c.createStatement()) {
                s.execute(SchemaFixture.resource("roles.sql"));
            }
        } finally {
            f.asSuperuser("ALTER ROLE steward_auditor NOLOGIN NOCREATEROLE");
        }
        List<String> attributes = new ArrayList<>();
        for (String group : GROUPS) {
            attributes.add(f.text("SELECT rolname || ' ' || rolcanlogin || rolsuper || rolcreaterole || rolcreatedb || rolbypassrls "
                    + "FROM pg_roles WHERE rolname = '" + group + "'"));
        }
        assertEquals(GROUPS.stream().map(g -> g + " falsefalsefalsefalsefalse").toList(), attributes, "no group logs in or makes roles");
        assertEquals(List.of("steward_admin > steward_console", "steward_analyst > steward_console", "steward_risk_officer > steward_console"),
                f.rows("SELECT m.rolname || ' > ' || r.rolname FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid "
                        + "JOIN pg_roles m ON m.oid = a.member WHERE r.rolname LIKE 'steward\\_%' AND m.rolname LIKE 'steward\\_%' ORDER BY 1"),
                "groups are members of steward_console only");
        assertEquals(List.of(), f.rows("SELECT m.rolname || ' holds ADMIN OPTION on ' || r.rolname FROM pg_auth_members a "
                + "JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member WHERE a.admin_option "
                + "AND r.rolname LIKE 'steward\\_%' AND (m.rolname LIKE 'steward\\_%' OR m.rolname IN "
                + "('ana', 'rita', 'ravi', 'adam', 'ada', 'olga', 'pipe', 'audrey', 'olaf'))"));
    }

    @Test
    void everyWriteIsAnnouncedToTheConsolesOnStewardChanges() throws Exception {
        SchemaFixture f = SchemaFixture.create();
        try (Connection listener = f.as("ana"); Statement s = listener.createStatement()) {
            s.execute("LISTEN steward_changes");
            f.register("pipe", "alpha-1");
            f.exec("pipe", "INSERT INTO drift_samples (model_id, feature, role, value) "
                    + "SELECT 'alpha-1', 'spread', 'CURRENT', g FROM generate_series(1, 100) g");
            f.exec("pipe", "SELECT * FROM append_audit('REGISTER', 'alpha-1', '{}')");
            f.exec("rita", "INSERT INTO incidents (model_id, feature) VALUES ('alpha-1', 'spread')");
            List<String> heard = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (heard.size() < 4 && System.currentTimeMillis() < deadline) {
                PGNotification[] batch = listener.unwrap(PGConnection.class).getNotifications(500);
                for (PGNotification each : batch == null ? new PGNotification[0] : batch) {
                    assertEquals("steward_changes", each.getName());
                    heard.add(each.getParameter());
                }
            }
            assertEquals(List.of("model_registry", "drift_samples", "1", "incidents"), heard,
                    "one announcement per statement: the table, or the audit entry's seq");
        }
        assertTrue(f.rows("SELECT tgname FROM pg_trigger WHERE tgname = 'audit_log_announce'").isEmpty(), "append_audit announces audit entries");
    }
}
