package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Registry;
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
 * {@code audit verify} walks the log once for the chain, the signatures' replay and the pinned head. Each attack here
 * breaks a different link of that one walk — an edited tail entry, a deleted middle entry, a forged entry re-signed by
 * pointing its head at it, rows inserted before the first entry and past a gap, a correctly re-chained tail — and must
 * be named exactly as {@link AuditTrail#verify}'s own walk names it, with the entries it leaves unattested.
 */
class AuditVerifyOnePassTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    /** Eight entries in four signed transactions of ada: heads at entries 2, 4, 6 and 8. */
    private Path registry() {
        Path db = dir.resolve("r.db");
        assertEquals(0, cli.run("ada", "init", "--db", db.toString()), cli.err());
        for (String user : List.of("ann", "bo", "cy")) {
            assertEquals(0, cli.run("ada", "principal", "add", "--db", db.toString(), "--user", user, "--role", "ANALYST"), cli.err());
        }
        assertEquals(0, cli.run("ada", "audit", "verify", "--db", db.toString(), "--json"), cli.err());
        JsonNode clean = json();
        assertEquals(8, clean.get("checked").asLong(), cli.out());
        assertTrue(clean.get("signatures_ok").asBoolean(), cli.out());
        assertEquals(List.of(2L, 4L, 6L, 8L), headSeqs(db));
        return db;
    }

    private static void tamper(Path db, String... statements) throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement()) {
            for (String trigger : List.of("audit_log_no_update", "audit_log_no_delete", "audit_signatures_no_update")) {
                sql.executeUpdate("DROP TRIGGER IF EXISTS " + trigger);
            }
            for (String statement : statements) {
                sql.executeUpdate(statement);
            }
        }
    }

    private static List<Long> headSeqs(Path db) {
        List<Long> seqs = new ArrayList<>();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement();
             ResultSet rows = sql.executeQuery("SELECT seq FROM audit_signatures ORDER BY seq")) {
            while (rows.next()) {
                seqs.add(rows.getLong(1));
            }
        } catch (java.sql.SQLException failed) {
            throw new AssertionError(failed);
        }
        return seqs;
    }

    private static String hash(Path db, long seq) throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement();
             ResultSet row = sql.executeQuery("SELECT prev_hash, ts, actor, action, entity, payload_json FROM audit_log WHERE seq = " + seq)) {
            assertTrue(row.next());
            return AuditTrail.hash(row.getString(1), seq, row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                    row.getString(6));
        }
    }

    private JsonNode json() {
        try {
            return CanonicalJson.mapper().readTree(cli.out());
        } catch (java.io.IOException unreadable) {
            throw new AssertionError(cli.out(), unreadable);
        }
    }

    /** Runs {@code audit verify --json}, expects exit 1 with {@code code}, and checks the chain's part against AuditTrail.verify. */
    private JsonNode verifyFails(Path db, String code) {
        assertEquals(1, cli.run("ada", "audit", "verify", "--db", db.toString(), "--json"), cli.out());
        assertTrue(cli.err().startsWith(code + ":") || cli.err().contains("\n" + code + ":"), cli.err());
        JsonNode report = json();
        try (Registry registry = Registry.open(db)) {
            AuditTrail.Verification walked = AuditTrail.verify(registry);
            assertEquals(walked.ok(), report.get("ok").asBoolean(), cli.out());
            assertEquals(walked.checked(), report.get("checked").asLong(), cli.out());
            assertEquals(walked.firstBadSeq().orElse(null), report.get("first_bad_seq").isNull() ? null : report.get("first_bad_seq").asLong());
            assertEquals(walked.problem(), report.get("problem").asText());
        }
        return report;
    }

    private static List<String> problems(JsonNode report) {
        List<String> problems = new ArrayList<>();
        report.get("signature_problems").forEach(problem -> problems.add(problem.asText()));
        return problems;
    }

    private static void says(List<String> problems, String sentence) {
        assertTrue(problems.stream().anyMatch(problem -> problem.startsWith(sentence)), sentence + "\n  not in " + problems);
    }

    @Test
    void anEditedTailEntryIsNamedAndItsTransactionIsNoLongerAttested() throws Exception {
        Path db = registry();
        tamper(db, "UPDATE audit_log SET payload_json = replace(payload_json, 'cy', 'mallory') WHERE seq = 8");

        JsonNode report = verifyFails(db, "E_AUDIT_BROKEN");
        assertEquals(8, report.get("first_bad_seq").asLong());
        assertEquals("entry 8 was altered (its hash does not match its content)", report.get("problem").asText());
        List<String> problems = problems(report);
        says(problems, "audit entry 7 (RULE_CHANGE_REQUESTED by ada) is not covered by a valid signed audit head");
        says(problems, "audit entry 8 (PRINCIPAL_CHANGED by ada) was altered: its hash does not match its content");
        says(problems, "principal cy holds [ANALYST] but the signed history never granted a role");
    }

    @Test
    void aDeletedMiddleEntryBreaksTheChainAndOrphansItsHead() throws Exception {
        Path db = registry();
        tamper(db, "DELETE FROM audit_log WHERE seq = 4");

        JsonNode report = verifyFails(db, "E_AUDIT_BROKEN");
        assertEquals(5, report.get("first_bad_seq").asLong());
        assertEquals("entry 4 is missing (next entry is 5)", report.get("problem").asText());
        assertEquals(3, report.get("checked").asLong());
        List<String> problems = problems(report);
        says(problems, "audit entry 3 (RULE_CHANGE_REQUESTED by ada) is not covered by a valid signed audit head");
        says(problems, "signed audit head 2 at entry 4 (by ada) does not match the audit chain at that entry");
        says(problems, "principal ann holds [ANALYST] but the signed history never granted a role");
        assertTrue(problems.stream().noneMatch(problem -> problem.startsWith("audit entry 5 ") || problem.startsWith("audit entry 6 ")),
                "the transaction after the gap is signed by its own head: " + problems);
    }

    @Test
    void aForgedEntryWithItsHeadPointedAtItIsNotAttestedAndForksThePinnedHead() throws Exception {
        Path db = registry();
        tamper(db, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 8");
        String forged = hash(db, 8);
        tamper(db, "UPDATE audit_log SET hash = '" + forged + "' WHERE seq = 8",
                "UPDATE audit_signatures SET head_hash = '" + forged + "' WHERE seq = 8");

        JsonNode report = verifyFails(db, "E_AUDIT_ROLLED_BACK");
        assertTrue(cli.err().startsWith("WARNING: THE AUDIT TRAIL OF " + db + " HAS FORKED: entry 8 is not the entry you verified"),
                "this user verified entry 8 before it was forged: " + cli.err());
        assertTrue(report.get("ok").asBoolean(), "the forged tail is correctly chained: " + cli.out());
        List<String> problems = problems(report);
        says(problems, "audit entry 7 (RULE_CHANGE_REQUESTED by ada) is not covered by a valid signed audit head");
        says(problems, "audit entry 8 (PRINCIPAL_CHANGED by mallory) is not covered by a valid signed audit head");
        says(problems, "signed audit head 4 at entry 8 (by ada) carries a signature that does not verify");
    }

    @Test
    void aCorrectlyRechainedTailAfterTheLastHeadIsNotAttested() throws Exception {
        Path db = registry();
        tamper(db, "INSERT INTO audit_log (seq, ts, actor, action, entity, payload_json, prev_hash, hash) "
                + "SELECT 9, ts, 'ada', 'PRINCIPAL_CHANGED', 'principal:mallory', '{\"roles\":\"ADMIN\",\"user\":\"mallory\"}', hash, 'x' "
                + "FROM audit_log WHERE seq = 8");
        tamper(db, "UPDATE audit_log SET hash = '" + hash(db, 9) + "' WHERE seq = 9");

        JsonNode report = verifyFails(db, "E_AUDIT_SIGNATURE");
        assertEquals(9, report.get("checked").asLong());
        says(problems(report), "audit entry 9 (PRINCIPAL_CHANGED by ada) is not covered by a valid signed audit head");
    }

    @Test
    void rowsInsertedBeforeTheFirstEntryOrPastAGapAreNamed() throws Exception {
        Path db = registry();
        tamper(db, "INSERT INTO audit_log SELECT 0, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log WHERE seq = 1");

        JsonNode before = verifyFails(db, "E_AUDIT_BROKEN");
        assertEquals(0, before.get("first_bad_seq").asLong());
        assertEquals("entry 1 is missing (next entry is 0)", before.get("problem").asText());
        says(problems(before), "audit entry 0 (PRINCIPAL_ROLE_ADDED by ada) was altered: its hash does not match its content");

        tamper(db, "DELETE FROM audit_log WHERE seq = 0",
                "INSERT INTO audit_log SELECT 12, ts, actor, action, entity, payload_json, hash, hash FROM audit_log WHERE seq = 8");
        tamper(db, "UPDATE audit_log SET hash = '" + hash(db, 12) + "' WHERE seq = 12");
        JsonNode gap = verifyFails(db, "E_AUDIT_BROKEN");
        assertEquals(12, gap.get("first_bad_seq").asLong());
        assertEquals("entry 9 is missing (next entry is 12)", gap.get("problem").asText());
        says(problems(gap), "audit entry 12 (PRINCIPAL_CHANGED by ada) is not covered by a valid signed audit head");
    }
}
