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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attacker with write access to the file drops the triggers, edits what {@code status} shows, and puts the triggers
 * back with their own text, so that the file's triggers are the schema's again. {@code status} must still not show the
 * edit as governed: the rows it shows are compared with the signed history.
 */
class StatusHistoryCheckTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private Path demo() {
        Path db = dir.resolve("demo.db");
        assertEquals(0, cli.run("cli.tester", "demo", "--db", db.toString()), cli.err());
        return db;
    }

    /** Runs {@code statements} on the file over a plain connection with every trigger dropped, then recreates them as they were. */
    private static void behindTheAppsBack(Path db, String... statements) throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement()) {
            Map<String, String> triggers = new LinkedHashMap<>();
            try (ResultSet rows = sql.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")) {
                while (rows.next()) {
                    triggers.put(rows.getString(1), rows.getString(2));
                }
            }
            for (String name : triggers.keySet()) {
                sql.executeUpdate("DROP TRIGGER " + name);
            }
            for (String statement : statements) {
                sql.executeUpdate(statement);
            }
            for (String create : triggers.values()) {
                sql.executeUpdate(create);
            }
        }
    }

    @Test
    void aPromotionByHandWithTheTriggersPutBackIsNamed() throws Exception {
        Path db = demo();
        behindTheAppsBack(db,
                "UPDATE model_registry SET state = 'RETIRED' WHERE model_id = 'momentum_xgb-3.1.0'",
                "UPDATE model_registry SET state = 'ACTIVE' WHERE model_id = 'momentum_xgb-3.2.0'",
                "UPDATE active_pointer SET active_model_id = 'momentum_xgb-3.2.0' WHERE model_name = 'momentum_xgb'");

        assertEquals(1, cli.run("cli.tester", "status", "--db", db.toString()));
        String out = cli.out();
        assertFalse(out.contains("triggers are not the schema's"), "the triggers are the schema's again: " + out);
        assertTrue(out.contains("Tampered: rows shown above disagree with the signed history:"), out);
        assertTrue(out.contains("✖ version momentum_xgb-3.2.0 has state = \"ACTIVE\", but the signed history says \"SHADOW\""), out);
        assertTrue(out.contains("✖ the live pointer of momentum_xgb has active_model_id = \"momentum_xgb-3.2.0\", but the signed history"
                + " says \"momentum_xgb-3.1.0\""), "the pointer names the version the history says is live: " + out);
        String error = cli.err().strip();
        assertTrue(error.startsWith("E_REGISTRY_TAMPERED: " + db + ": version momentum_xgb-"), error);
        assertTrue(error.contains("(and 1 more)") && error.endsWith("run `audit verify`"), error);
        assertEquals(1, error.lines().count(), "one line on stderr");

        assertEquals(1, cli.run("cli.tester", "status", "--db", db.toString(), "--json"));
        JsonNode json = CanonicalJson.mapper().readTree(cli.out());
        assertEquals(0, json.get("trigger_problems").size(), json.toString());
        assertEquals(2, json.get("history_problems").size(), json.toString());

        assertEquals(1, cli.run("cli.tester", "status", "--db", db.toString(), "--model", "momentum_xgb-3.2.0"));
        assertTrue(cli.out().contains("[ACTIVE]") && cli.out().contains("but the signed history says \"SHADOW\""), cli.out());
        // A script reading one version's JSON sees the same problems beside the row, not only an exit status.
        assertEquals(1, cli.run("cli.tester", "status", "--db", db.toString(), "--model", "momentum_xgb-3.2.0", "--json"));
        JsonNode one = CanonicalJson.mapper().readTree(cli.out());
        assertEquals("ACTIVE", one.get("state").asText(), one.toString());
        assertEquals(0, one.get("trigger_problems").size(), one.toString());
        List<String> problems = new ArrayList<>();
        one.get("history_problems").forEach(problem -> problems.add(problem.asText().replaceAll(" \\(audit entry \\d+\\)$", "")));
        assertTrue(problems.contains("version momentum_xgb-3.2.0 has state = \"ACTIVE\", but the signed history says \"SHADOW\""),
                one.toString());
        assertTrue(cli.err().startsWith("E_REGISTRY_TAMPERED: "), cli.err());
        assertEquals(0, cli.run("cli.tester", "status", "--db", db.toString(), "--model", "news_embedder-1.4.0"),
                "a version of another name, which nobody touched: " + cli.err());
    }

    @Test
    void aLiveVersionInsertedByHandIsNamed() throws Exception {
        Path db = demo();
        behindTheAppsBack(db,
                "INSERT INTO model_registry (model_id, model_name, model_type, version, state, created_by)"
                        + " VALUES ('backdoor-1.0.0', 'backdoor', 'xgboost', '1.0.0', 'ACTIVE', 'mallory')",
                "INSERT INTO active_pointer (model_name, active_model_id) VALUES ('backdoor', 'backdoor-1.0.0')");

        assertEquals(1, cli.run("cli.tester", "status", "--db", db.toString()));
        assertTrue(cli.out().contains("backdoor-1.0.0"), "the row is still shown, as it is: " + cli.out());
        assertTrue(cli.out().contains("✖ version backdoor-1.0.0 is ACTIVE but the signed history never took it there"), cli.out());
        assertTrue(cli.err().startsWith("E_REGISTRY_TAMPERED: "), cli.err());
    }

    @Test
    void aPendingRequestRewrittenByHandIsNamed() throws Exception {
        Path db = demo();
        behindTheAppsBack(db, "UPDATE transition_requests SET requested_by = 'mallory' WHERE request_id = 'REQ-000015'");

        assertEquals(1, cli.run("cli.tester", "status", "--db", db.toString()));
        assertTrue(cli.out().contains("✖ request REQ-000015 has requested_by = \"mallory\", but the signed history says \"chen.wei\""),
                cli.out());
    }

    @Test
    void anIntactRegistryShowsNoHistoryProblem() throws Exception {
        Path db = demo();
        assertEquals(0, cli.run("cli.tester", "status", "--db", db.toString(), "--json"), cli.err());
        assertEquals(0, CanonicalJson.mapper().readTree(cli.out()).get("history_problems").size(), cli.out());
        assertEquals(0, cli.run("cli.tester", "status", "--db", db.toString(), "--model", "momentum_xgb-3.2.0"), cli.err());
        assertEquals(0, cli.run("cli.tester", "status", "--db", db.toString(), "--model", "momentum_xgb-3.2.0", "--json"), cli.err());
        JsonNode one = CanonicalJson.mapper().readTree(cli.out());
        assertEquals("momentum_xgb-3.2.0", one.get("model_id").asText(), one.toString());
        assertEquals(0, one.get("history_problems").size() + one.get("trigger_problems").size(), one.toString());
    }
}
