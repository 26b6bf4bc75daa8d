package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.testsupport.CliHarness;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LineageCliTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private int run(String... args) {
        return cli.run("cli.tester", args);
    }

    private Path demo() {
        TestRegistries.demo(dir).close();
        return dir.resolve("demo.db");
    }

    @Test
    void lineageOfADemoActiveVersionIsCompleteWithItsChain() throws Exception {
        Path db = demo();
        assertEquals(0, run("lineage", "--db", db.toString(), "--model", "momentum_xgb-3.1.0", "--json"), cli.err());
        JsonNode report = CanonicalJson.mapper().readTree(cli.out());
        assertTrue(report.get("complete").asBoolean());
        JsonNode version = report.get("versions").get(0);
        assertEquals("ACTIVE", version.get("state").asText());
        assertEquals(0, version.get("missing").size());
        assertEquals("momentum_xgb-1.0.0", version.get("chain").get(version.get("chain").size() - 1).get("model_id").asText());

        assertEquals(0, run("lineage", "--db", db.toString()), cli.err());
        assertTrue(cli.out().contains("research_summary_prompts-1.1.0"), "every ACTIVE version is checked");

        assertEquals(0, run("lineage", "--db", db.toString(), "--json"), cli.err());
        JsonNode all = CanonicalJson.mapper().readTree(cli.out());
        assertTrue(all.get("complete").asBoolean());
        assertTrue(all.get("lineage_problems").isArray());
        List<String> checked = new ArrayList<>();
        all.get("versions").forEach(v -> checked.add(v.get("model_id").asText()));
        assertTrue(checked.contains("momentum_xgb-3.1.0") && checked.contains("research_summary_prompts-2.1.0"), checked.toString());
        assertTrue(all.get("versions").get(0).get("chain").size() > 0);
    }

    @Test
    void progressOfManyVersionsGoesToStderrAboutEveryTenth() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        CliContext context = new CliContext(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                new java.io.PrintStream(err, true, StandardCharsets.UTF_8), java.time.Clock.systemUTC(), "cli.tester");
        LineageOutput.Progress progress = new LineageOutput.Progress(context, 40);
        for (int i = 0; i < 40; i++) {
            progress.step();
        }
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(10, lines.size(), lines.toString());
        assertEquals("lineage: checked 40 of 40 versions", lines.getLast());
    }

    @Test
    void lineageOfACandidateNamesWhatIsMissingAndExitsNonZero() throws Exception {
        Path db = demo();
        assertEquals(1, run("lineage", "--db", db.toString(), "--model", "momentum_xgb-3.3.0"));
        assertTrue(cli.out().contains("✗ An executed, approved transition request"), cli.out());
        assertTrue(cli.err().lines().anyMatch(line -> line.startsWith("E_LINEAGE_INCOMPLETE: the lineage of momentum_xgb-3.3.0")),
                cli.err());
    }

    private static final String ACTIVE_ID = "momentum_xgb-3.1.0";

    /** The check of one version walks only the chain around its entries; these are the edits it must still find. */
    @Test
    void oneVersionsCheckFindsAnEntryChangedAfterTheLastSignedHead() throws Exception {
        Path db = demo();
        assertEquals(0, run("lineage", "--db", db.toString(), "--model", ACTIVE_ID), cli.err());
        long forged;
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement();
             ResultSet last = sql.executeQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")) {
            last.next();
            forged = last.getLong(1) + 1;
            // An entry of another version, linked to the last one but with a hash that is not its content's.
            sql.executeUpdate("INSERT INTO audit_log (seq, ts, actor, action, entity, payload_json, prev_hash, hash) VALUES (" + forged
                    + ", '2026-11-02T00:00:00.000Z', 'mallory', 'REGISTER', 'model:other-1.0.0', '{}', '" + last.getString(2) + "', '"
                    + "0".repeat(64) + "')");
        }
        assertEquals(1, run("lineage", "--db", db.toString(), "--model", ACTIVE_ID));
        assertTrue(cli.out().contains("✗ Audit entries present and the audit chain verifies — the audit chain does not verify: entry "
                + forged + " was altered"), cli.out());

        Path card = dir.resolve("card.html");
        assertEquals(0, run("model-card", "--db", db.toString(), "--model", ACTIVE_ID, "--out", card.toString()), cli.err());
        assertTrue(Files.readString(card, StandardCharsets.UTF_8).contains("Audit chain does NOT verify: entry " + forged + " was altered"));
    }

    @Test
    void oneVersionsCheckFindsItsOwnEntryAlteredBeforeASignedHead() throws Exception {
        Path db = demo();
        long altered;
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement()) {
            altered = firstEntryOf(sql, ACTIVE_ID);
            sql.executeUpdate("DROP TRIGGER audit_log_no_update");
            sql.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = " + altered);
        }
        assertEquals(1, run("lineage", "--db", db.toString(), "--model", ACTIVE_ID));
        assertTrue(cli.out().contains("the audit chain does not verify: entry " + altered + " was altered"), cli.out());
    }

    @Test
    void oneVersionsCheckFindsTheHistoryRewrittenFromItsEntryWithEveryHashRecomputed() throws Exception {
        Path db = demo();
        long altered;
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement()) {
            altered = firstEntryOf(sql, ACTIVE_ID);
            sql.executeUpdate("DROP TRIGGER audit_log_no_update");
            sql.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = " + altered);
            rechainFrom(raw, altered);
        }
        assertEquals(1, run("lineage", "--db", db.toString(), "--model", ACTIVE_ID));
        assertTrue(cli.out().contains("is not the entry its signed head"), cli.out());
    }

    private static long firstEntryOf(Statement sql, String modelId) throws Exception {
        try (ResultSet first = sql.executeQuery("SELECT min(seq) FROM audit_log WHERE entity = 'model:" + modelId + "'")) {
            first.next();
            return first.getLong(1);
        }
    }

    /** Recomputes every hash from entry {@code from} on, as a forger who can write the file but holds no key would. */
    private static void rechainFrom(Connection raw, long from) throws Exception {
        String prev;
        try (Statement sql = raw.createStatement(); ResultSet before = sql.executeQuery("SELECT hash FROM audit_log WHERE seq = " + (from - 1))) {
            before.next();
            prev = before.getString(1);
        }
        List<Object[]> rows = new ArrayList<>();
        try (Statement sql = raw.createStatement(); ResultSet all = sql.executeQuery(
                "SELECT seq, ts, actor, action, entity, payload_json FROM audit_log WHERE seq >= " + from + " ORDER BY seq")) {
            while (all.next()) {
                rows.add(new Object[] {all.getLong(1), all.getString(2), all.getString(3), all.getString(4), all.getString(5), all.getString(6)});
            }
        }
        try (PreparedStatement update = raw.prepareStatement("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?")) {
            for (Object[] row : rows) {
                String hash = AuditTrail.hash(prev, (Long) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                        (String) row[5]);
                update.setString(1, prev);
                update.setString(2, hash);
                update.setLong(3, (Long) row[0]);
                update.executeUpdate();
                prev = hash;
            }
        }
    }

    @Test
    void unknownModelsAreRefusedInOneLine() {
        Path db = demo();
        assertEquals(1, run("lineage", "--db", db.toString(), "--model", "nope-1"));
        assertTrue(cli.err().lines().anyMatch(line -> line.startsWith("E_NOT_FOUND: no model version with id \"nope-1\"")),
                cli.err());
        assertEquals(1, run("model-card", "--db", db.toString(), "--model", "nope-1", "--out", dir.resolve("x.html").toString()));
        assertFalse(Files.exists(dir.resolve("x.html")));
        assertEquals(2, run("model-card", "--db", db.toString(), "--model", "momentum_xgb-3.1.0", "--out", dir.resolve("x.docx").toString()));
    }

    @Test
    void modelCardWritesHtmlAndPdf() throws Exception {
        Path db = demo();
        Path html = dir.resolve("card.html");
        Path pdf = dir.resolve("card.pdf");
        assertEquals(0, run("model-card", "--db", db.toString(), "--model", "momentum_xgb-3.1.0", "--out", html.toString()), cli.err());
        assertTrue(Files.readString(html).contains("momentum_xgb-3.1.0"));
        assertEquals(0, run("model-card", "--db", db.toString(), "--model", "momentum_xgb-3.1.0", "--out", pdf.toString()), cli.err());
        assertEquals("%PDF-", new String(Files.readAllBytes(pdf), 0, 5, StandardCharsets.US_ASCII));
    }

    @Test
    void scorecardsImportCsvWritesAllRowsOrNone() throws Exception {
        Path db = demo();
        Path good = Files.writeString(dir.resolve("good.csv"),
                "model_id,pack_id,metric,value,generated_at\ncrypto_basis_gbm-2.0.0,pack_04_bear,sharpe,0.41,2026-11-01T10:00:00Z\n");
        Path bad = Files.writeString(dir.resolve("bad.csv"),
                "model_id,pack_id,metric,value,generated_at\ncrypto_basis_gbm-2.0.0,pack_04_bear,sharpe,lots,2026-11-01T10:00:00Z\n");
        assertEquals(1, run("scorecards", "import-csv", "--db", db.toString(), "--as", "alice.nguyen", "--file", bad.toString()));
        assertTrue(cli.err().contains("bad.csv:2:4: value \"lots\" is not a number"), cli.err());
        assertEquals(0, run("scorecards", "import-csv", "--db", db.toString(), "--as", "alice.nguyen", "--file", good.toString()), cli.err());
        assertTrue(cli.out().lines().anyMatch(line -> line.startsWith("Imported 1 scorecard value(s) for 1 version(s)")),
                cli.out());
    }
}
