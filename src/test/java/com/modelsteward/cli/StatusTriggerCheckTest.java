package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.testsupport.CliHarness;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attacker with write access to the file drops the triggers that refuse a version made ACTIVE without an approved
 * request, promotes one by hand and moves the live pointer to it. {@code status}, the summary a person or a script reads
 * the live versions from, must not show that as if it were governed.
 */
class StatusTriggerCheckTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private Path demo() {
        Path db = dir.resolve("demo.db");
        assertEquals(0, cli.run("cli.tester", "demo", "--db", db.toString()), cli.err());
        return db;
    }

    /** Runs {@code statements} on the file over a plain connection, as any writer of it can. */
    private static void behindTheAppsBack(Path db, String... statements) throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement()) {
            for (String statement : statements) {
                sql.executeUpdate(statement);
            }
        }
    }

    /** Retires momentum_xgb 3.1.0 and makes 3.2.0 (a SHADOW version whose request is still pending) live, the tables' triggers dropped. */
    private static void promoteBehindTheAppsBack(Path db) throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet triggers = sql.executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('model_registry', 'active_pointer')")) {
                while (triggers.next()) {
                    names.add(triggers.getString(1));
                }
            }
            for (String name : names) {
                sql.executeUpdate("DROP TRIGGER " + name);
            }
            sql.executeUpdate("UPDATE model_registry SET state = 'RETIRED' WHERE model_id = 'momentum_xgb-3.1.0'");
            sql.executeUpdate("UPDATE model_registry SET state = 'ACTIVE' WHERE model_id = 'momentum_xgb-3.2.0'");
            sql.executeUpdate("UPDATE active_pointer SET active_model_id = 'momentum_xgb-3.2.0' WHERE model_name = 'momentum_xgb'");
        }
    }

    @Test
    void aVersionPromotedWithTheTriggersDroppedIsNotShownAsGoverned() throws Exception {
        Path db = demo();
        promoteBehindTheAppsBack(db);

        assertEquals(1, cli.run("cli.tester", "status", "--db", db.toString()));
        assertTrue(cli.out().contains("momentum_xgb-3.2.0"), "the rows are still shown, as they are: " + cli.out());
        assertTrue(cli.out().contains("Tampered: the registry's triggers are not the schema's"), cli.out());
        assertTrue(cli.out().contains("✖ trigger model_registry_no_insert_live is missing"), cli.out());
        String error = cli.err().strip();
        assertTrue(error.startsWith("E_REGISTRY_TAMPERED: " + db + ": trigger "), error);
        assertTrue(error.endsWith("may not be what governed decisions left: run `audit verify`"), error);
        assertEquals(1, error.lines().count(), "one line on stderr");

        assertEquals(1, cli.run("cli.tester", "status", "--db", db.toString(), "--model", "momentum_xgb-3.2.0"));
        assertTrue(cli.out().contains("[ACTIVE]") && cli.out().contains("✖ trigger model_registry_no_insert_live is missing"), cli.out());
        assertTrue(cli.err().startsWith("E_REGISTRY_TAMPERED: "), cli.err());

        assertEquals(1, cli.run("cli.tester", "status", "--db", db.toString(), "--json"));
        JsonNode json = CanonicalJson.mapper().readTree(cli.out());
        assertTrue(json.get("trigger_problems").size() >= 5, json.toString());
        assertTrue(cli.err().startsWith("E_REGISTRY_TAMPERED: "), cli.err());
    }

    @Test
    void aTriggerPutBackWithOtherTextIsNamed() throws Exception {
        Path db = demo();
        behindTheAppsBack(db, "DROP TRIGGER model_registry_no_insert_live",
                "CREATE TRIGGER model_registry_no_insert_live BEFORE INSERT ON model_registry BEGIN SELECT 1; END");
        assertEquals(1, cli.run("cli.tester", "status", "--db", db.toString()));
        assertTrue(cli.out().contains("✖ trigger model_registry_no_insert_live differs from the schema's"), cli.out());
    }

    @Test
    void aRegistryOfANewerAppIsNotCalledTampered() throws Exception {
        Path db = demo();
        behindTheAppsBack(db, "INSERT INTO schema_version (version, description) VALUES (999, 'from the future')",
                "CREATE TRIGGER a_rule_of_the_future BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'kept'); END");
        assertEquals(0, cli.run("cli.tester", "status", "--db", db.toString()), cli.err());
        assertTrue(cli.out().contains("is newer than this app"), cli.out());
        assertFalse(cli.out().contains("Tampered"), "its triggers are that app's, not for this one to judge: " + cli.out());
        cli.run("cli.tester", "audit", "verify", "--db", db.toString());
        assertFalse((cli.out() + cli.err()).contains("a_rule_of_the_future"), "nor for audit verify: " + cli.out() + cli.err());
    }

    @Test
    void anIntactRegistryReportsNoProblem() throws Exception {
        Path db = demo();
        assertEquals(0, cli.run("cli.tester", "status", "--db", db.toString(), "--json"), cli.err());
        assertEquals(0, CanonicalJson.mapper().readTree(cli.out()).get("trigger_problems").size());
        assertEquals(0, cli.run("cli.tester", "status", "--db", db.toString()), cli.err());
        assertFalse(cli.out().contains("Tampered"), cli.out());
    }
}
