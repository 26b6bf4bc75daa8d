package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.testsupport.CliHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry put back to an older, fully signed copy, or whose history was rewritten from an entry this user already
 * verified, still verifies on its own; only the head a client pinned can tell. {@code audit verify} must say so and
 * exit non-zero.
 */
class AuditHeadPinTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private int run(String user, String... args) {
        return cli.run(user, args);
    }

    private Path registryWithAnAnalyst() {
        Path db = dir.resolve("r.db");
        assertEquals(0, run("ada", "init", "--db", db.toString()), cli.err());
        assertEquals(0, run("ada", "principal", "add", "--db", db.toString(), "--user", "ann", "--role", "ANALYST"), cli.err());
        assertEquals(0, run("ada", "audit", "verify", "--db", db.toString()), cli.err());
        return db;
    }

    @Test
    void anOlderCopyPutBackIsReportedAsATrailThatWentBackward() throws Exception {
        Path db = registryWithAnAnalyst();
        Path older = dir.resolve("older.db");
        Files.copy(db, older);
        assertEquals(0, run("ada", "principal", "add", "--db", db.toString(), "--user", "bo", "--role", "ANALYST"), cli.err());
        assertEquals(0, run("ada", "audit", "verify", "--db", db.toString()), cli.err());

        Files.copy(older, db, StandardCopyOption.REPLACE_EXISTING);
        assertEquals(1, run("ada", "audit", "verify", "--db", db.toString()));
        assertTrue(cli.err().contains("E_AUDIT_ROLLED_BACK: WARNING: THE AUDIT TRAIL OF"), cli.err());
        assertTrue(cli.err().contains("WENT BACKWARD"), cli.err());
        assertEquals(0, run("someone.else", "audit", "verify", "--db", db.toString().replace("r.db", "older.db")),
                "a client that never saw the newer head has nothing to compare: " + cli.err());
    }

    @Test
    void aRewrittenHistoryIsReportedAsAFork() throws Exception {
        Path db = registryWithAnAnalyst();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement()) {
            sql.executeUpdate("DROP TRIGGER audit_log_no_update");
            sql.executeUpdate("UPDATE audit_log SET hash = '" + "f".repeat(64) + "' WHERE seq = (SELECT max(seq) FROM audit_log)");
        }
        assertEquals(1, run("ada", "audit", "verify", "--db", db.toString()));
        assertTrue(cli.err().contains("HAS FORKED") || cli.err().startsWith("E_AUDIT_BROKEN"), cli.err());
        // status still answers, with the warning; the dropped trigger makes it exit 1 (StatusTriggerCheckTest).
        assertEquals(1, run("ada", "status", "--db", db.toString()), cli.err());
        assertTrue(cli.out().contains("ACTIVE versions:"), cli.out());
        assertTrue(cli.err().contains("HAS FORKED"), cli.err());
        assertTrue(cli.err().contains("E_REGISTRY_TAMPERED: " + db + ": trigger audit_log_no_update is missing"), cli.err());
    }
}
