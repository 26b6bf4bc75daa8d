package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.CliHarness;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit_mentions} is derived from the log by a trigger and read by a version's lineage: a writer with the file can
 * delete a row (hiding an entry from that lineage) or add one (claiming an entry names a version). {@code audit verify}
 * names both, even when the writer put back the triggers exactly as they were, and the lineage ignores an added row.
 */
class AuditMentionsTamperTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private Path demo() {
        try (Registry registry = TestRegistries.demo(dir)) {
            return registry.file();
        }
    }

    private static String one(Path db, String query) throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement();
             ResultSet row = sql.executeQuery(query)) {
            assertTrue(row.next(), query);
            return row.getString(1);
        }
    }

    /** Runs {@code statement} with the trigger {@code trigger} dropped, then puts the trigger back with its own text. */
    private static void behindTheTrigger(Path db, String trigger, String statement) throws Exception {
        String text = one(db, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = '" + trigger + "'");
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement()) {
            sql.executeUpdate("DROP TRIGGER " + trigger);
            sql.executeUpdate(statement);
            sql.executeUpdate(text);
        }
    }

    /** The lineage check's sentence that counts the version's audit entries. */
    private static String entriesLine(String json) {
        return json.lines().filter(line -> line.contains("entries for this version")).findFirst().orElseThrow(() -> new AssertionError(json));
    }

    @Test
    void aDeletedMentionIsNamedByAuditVerify() throws Exception {
        Path db = demo();
        assertEquals(0, cli.run("cli.tester", "audit", "verify", "--db", db.toString()), cli.err());
        String seq = one(db, "SELECT m.seq FROM audit_mentions m JOIN audit_log a ON a.seq = m.seq WHERE a.action = 'REQUEST' LIMIT 1");
        String id = one(db, "SELECT model_id FROM audit_mentions WHERE seq = " + seq);
        behindTheTrigger(db, "audit_mentions_no_delete", "DELETE FROM audit_mentions WHERE seq = " + seq);

        assertEquals(1, cli.run("cli.tester", "audit", "verify", "--db", db.toString()));
        assertTrue(cli.err().startsWith("E_AUDIT_SIGNATURE: "), cli.err());
        assertTrue(cli.out().contains("entry " + seq + " names version " + id + ", but audit_mentions has no row for it"), cli.out());
        assertFalse(cli.out().contains("trigger "), "the triggers are as the schema has them: " + cli.out());
    }

    @Test
    void anAddedMentionIsNamedByAuditVerifyAndIgnoredByTheLineage() throws Exception {
        Path db = demo();
        String id = one(db, "SELECT model_id FROM model_registry ORDER BY model_id LIMIT 1");
        String unrelated = one(db, "SELECT seq FROM audit_log WHERE action = 'KEY_ENROLLED' LIMIT 1");
        int exit = cli.run("cli.tester", "lineage", "--db", db.toString(), "--model", id, "--json");
        String before = entriesLine(cli.out());
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement()) {
            sql.executeUpdate("INSERT INTO audit_mentions (seq, model_id) VALUES (" + unrelated + ", '" + id + "')");
        }

        assertEquals(exit, cli.run("cli.tester", "lineage", "--db", db.toString(), "--model", id, "--json"), cli.err());
        assertEquals(before, entriesLine(cli.out()), "the added row adds no entry to the version's lineage");
        assertEquals(1, cli.run("cli.tester", "audit", "verify", "--db", db.toString()));
        assertTrue(cli.out().contains("a row of audit_mentions says entry " + unrelated + " names version " + id + ", which it does not"),
                cli.out());
    }
}
