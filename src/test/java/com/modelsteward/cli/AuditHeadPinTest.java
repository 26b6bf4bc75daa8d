package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppDirs;
import com.modelsteward.testsupport.TestRegistries;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry put back to an older, fully signed copy, or whose history was rewritten from an entry this user already
 * verified, still verifies on its own; only the head a client pinned can tell. {@code audit verify} must say so and
 * exit non-zero.
 */
class AuditHeadPinTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private String previousHome;

    @BeforeEach
    void ownDataDirectory() {
        previousHome = System.getProperty(AppDirs.HOME_PROPERTY);
        System.setProperty(AppDirs.HOME_PROPERTY, dir.resolve("home").toString());
    }

    @AfterEach
    void restoreDataDirectory() {
        if (previousHome == null) {
            System.clearProperty(AppDirs.HOME_PROPERTY);
        } else {
            System.setProperty(AppDirs.HOME_PROPERTY, previousHome);
        }
    }

    private int run(String user, String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC), user);
        return new Cli(context).execute(args);
    }

    private Path registryWithAnAnalyst() {
        Path db = dir.resolve("r.db");
        assertEquals(0, run("ada", "init", "--db", db.toString()), err.toString());
        assertEquals(0, run("ada", "principal", "add", "--db", db.toString(), "--user", "ann", "--role", "ANALYST"), err.toString());
        assertEquals(0, run("ada", "audit", "verify", "--db", db.toString()), err.toString());
        return db;
    }

    @Test
    void anOlderCopyPutBackIsReportedAsATrailThatWentBackward() throws Exception {
        Path db = registryWithAnAnalyst();
        Path older = dir.resolve("older.db");
        Files.copy(db, older);
        assertEquals(0, run("ada", "principal", "add", "--db", db.toString(), "--user", "bo", "--role", "ANALYST"), err.toString());
        assertEquals(0, run("ada", "audit", "verify", "--db", db.toString()), err.toString());

        Files.copy(older, db, StandardCopyOption.REPLACE_EXISTING);
        assertEquals(1, run("ada", "audit", "verify", "--db", db.toString()));
        assertTrue(err.toString().contains("E_AUDIT_ROLLED_BACK: WARNING: THE AUDIT TRAIL OF"), err.toString());
        assertTrue(err.toString().contains("WENT BACKWARD"), err.toString());
        assertEquals(0, run("someone.else", "audit", "verify", "--db", db.toString().replace("r.db", "older.db")),
                "a client that never saw the newer head has nothing to compare: " + err);
    }

    @Test
    void aRewrittenHistoryIsReportedAsAFork() throws Exception {
        Path db = registryWithAnAnalyst();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement()) {
            sql.executeUpdate("DROP TRIGGER audit_log_no_update");
            sql.executeUpdate("UPDATE audit_log SET hash = '" + "f".repeat(64) + "' WHERE seq = (SELECT max(seq) FROM audit_log)");
        }
        assertEquals(1, run("ada", "audit", "verify", "--db", db.toString()));
        assertTrue(err.toString().contains("HAS FORKED") || err.toString().startsWith("E_AUDIT_BROKEN"), err.toString());
        assertEquals(0, run("ada", "status", "--db", db.toString()), "status still answers, with the warning: " + err);
        assertTrue(err.toString().contains("HAS FORKED"), err.toString());
    }
}
