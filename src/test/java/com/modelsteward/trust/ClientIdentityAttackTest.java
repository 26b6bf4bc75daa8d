package com.modelsteward.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.modelsteward.cli.Cli;
import com.modelsteward.cli.CliContext;
import com.modelsteward.config.AppDirs;
import com.modelsteward.config.OsAccount;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.TestRegistries;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identity comes from the operating system, never from the client (issue 18). Each attack runs the command line as a
 * separate JVM that claims to be somebody else every way a client can: {@code -Duser.name}, {@code -Duser.home},
 * {@code JAVA_TOOL_OPTIONS}, {@code $USER}, {@code $LOGNAME}, {@code $HOME}, and a data folder holding the claimed
 * person's keys. The setup runs in this JVM as trusted code, which may name any user.
 */
class ClientIdentityAttackTest {

    private static final List<String> GOVERNED_TABLES = List.of("principals", "registry_meta", "model_registry", "transition_requests",
            "approvals", "audit_log", "audit_signatures", "events");

    @TempDir
    Path dir;

    private Path home;
    private Path fakeHome;
    private final String me = OsAccount.current().name();

    private record Outcome(int exit, String out, String err) {
    }

    @BeforeEach
    void folders() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        fakeHome = Files.createDirectories(dir.resolve("fake-home"));
        assumeTrue(!List.of("carol", "dave", "erin").contains(me), "the OS account must not be one of the people the test plays");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Attacks
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void everyGovernedCommandRefusesWhoeverTheClientClaimsToBeAndWritesNothing() throws Exception {
        Path db = realRegistryOfCarolAndDave();
        String pending = pendingRequest(db);
        Path gamma = modelFile("gamma");
        Path loosePolicy = policyFile("loose", false);
        Map<String, String> before = snapshot(db);
        List<List<String>> attacks = List.of(
                List.of("carol", "principal", "add", "--user", "mallory", "--role", "RISK_OFFICER"),
                List.of("carol", "approve", "--request", pending, "--comment", "as carol"),
                List.of("carol", "policy", "set", "--file", loosePolicy.toString()),
                List.of("dave", "request", "--model", "beta-1.0.0", "--to", "SHADOW", "--reason", "as dave"),
                List.of("dave", "register", "--file", gamma.toString()),
                List.of("erin", "principal", "enroll"));
        for (List<String> attack : attacks) {
            String claimed = attack.getFirst();
            List<String> command = new ArrayList<>(attack.subList(1, attack.size()));
            command.addAll(List.of("--db", db.toString()));
            Outcome outcome = child(claimed, command);
            String what = claimed + " claimed for " + command + ": " + outcome;
            assertEquals(1, outcome.exit(), what);
            assertTrue(outcome.err().contains(me + " is not a principal of this registry"), what);
            assertFalse(outcome.err().contains(claimed + " holds"), what);
            assertNoStackTrace(outcome);
            assertEquals(before, snapshot(db), "nothing written by " + command);
        }
    }

    @Test
    void actingAsAnotherUserOnARealRegistryWithAHandInsertedDemoMarkerIsRefused() throws Exception {
        Path db = realRegistryOfCarolAndDave();
        String pending = pendingRequest(db);
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement()) {
            sql.executeUpdate("INSERT INTO registry_meta (key, value) VALUES ('created_by_demo', '2026-11-01T12:00:00Z')");
        }
        Map<String, String> before = snapshot(db);
        Outcome outcome = child("carol", List.of("approve", "--db", db.toString(), "--as", "carol", "--request", pending, "--comment", "as carol"));
        assertEquals(1, outcome.exit(), outcome.toString());
        assertTrue(outcome.err().contains("its root key is not the demo key; a marker row does not make a registry a demo"), outcome.toString());
        assertTrue(outcome.err().contains("(you act as " + me + ")"), outcome.toString());
        assertNoStackTrace(outcome);
        assertEquals(before, snapshot(db));
        try (Registry registry = Registry.open(db)) {
            SignatureAudit.Report report = SignatureAudit.verify(registry);
            assertFalse(report.demoKeys());
            assertTrue(report.problems().toString().contains("registry_meta carries the demo marker"), report.problems().toString());
        }
    }

    @Test
    void actingAsADemoUserWorksOnARealDemo() throws Exception {
        Path db;
        try (Registry registry = TestRegistries.demo(Files.createDirectories(dir.resolve("demo")))) {
            db = registry.file();
        }
        String pending = queryOne(db, """
                SELECT r.request_id FROM transition_requests r JOIN model_registry m ON m.model_id = r.model_id
                 WHERE r.status = 'PENDING' AND m.model_name = 'momentum_xgb'""");
        Outcome outcome = child("carol", List.of("approve", "--db", db.toString(), "--as", "rachel.okafor", "--request", pending,
                "--comment", "Reviewed the gate report."));
        assertEquals(0, outcome.exit(), outcome.toString());
        assertTrue(outcome.out().contains(pending + " approved by rachel.okafor"), outcome.toString());
    }

    @Test
    void anEndorsementWithoutOrWithAWrongFingerprintIsRefusedAndTheRightOneWorks() throws Exception {
        Path db = registryRootedInThisAccount();
        String davesFingerprint = enrolDave(db);
        Map<String, String> before = snapshot(db);

        Outcome without = child("carol", List.of("principal", "enroll", "--db", db.toString(), "--user", "dave"));
        assertEquals(1, without.exit(), without.toString());
        assertTrue(without.err().contains("E_KEY_FINGERPRINT: endorsing dave's key needs --fingerprint"), without.toString());
        assertEquals(before, snapshot(db));

        String wrong = "SHA256:" + "0".repeat(64);
        Outcome mismatch = child("carol", List.of("principal", "enroll", "--db", db.toString(), "--user", "dave", "--fingerprint", wrong));
        assertEquals(1, mismatch.exit(), mismatch.toString());
        assertTrue(mismatch.err().contains("E_KEY_FINGERPRINT: ") && mismatch.err().contains(wrong) && mismatch.err().contains(davesFingerprint),
                mismatch.toString());
        assertNoStackTrace(mismatch);
        assertEquals(before, snapshot(db));

        Outcome right = child("carol", List.of("principal", "enroll", "--db", db.toString(), "--user", "dave", "--fingerprint", davesFingerprint));
        assertEquals(0, right.exit(), right.toString());
        assertTrue(right.out().contains("Endorsed dave's key " + davesFingerprint + " as " + me), right.toString());
    }

    @Test
    void aKeyFileOwnedByAnotherAccountIsRefused() throws Exception {
        assumeTrue(OsAccount.current().uid() == 0, "only root can give a file to another account");
        Path db = registryRootedInThisAccount();
        String davesFingerprint = enrolDave(db);
        Path myKey = home.resolve("keys").resolve(me + ".key");
        UserPrincipal nobody = myKey.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(myKey, nobody);
        Map<String, String> before = snapshot(db);

        Outcome outcome = child("carol", List.of("principal", "enroll", "--db", db.toString(), "--user", "dave", "--fingerprint", davesFingerprint));
        assertEquals(1, outcome.exit(), outcome.toString());
        assertTrue(outcome.err().contains("E_KEY_UNSAFE: the private key file " + myKey + " belongs to nobody"), outcome.toString());
        assertNoStackTrace(outcome);
        assertEquals(before, snapshot(db));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Registries, set up by trusted code in this JVM
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A real registry in which carol is ADMIN (the root key) and RISK_OFFICER, dave an ANALYST with an endorsed key, erin an
     * ANALYST without a key; dave registered alpha and beta and asked to move alpha to SHADOW, which waits for a risk officer.
     * The OS account running the tests is not a principal.
     */
    private Path realRegistryOfCarolAndDave() throws Exception {
        Path db = dir.resolve("real.db");
        inProcess("carol", "init", "--db", db.toString());
        inProcess("carol", "principal", "add", "--db", db.toString(), "--user", "carol", "--role", "RISK_OFFICER");
        inProcess("carol", "principal", "add", "--db", db.toString(), "--user", "dave", "--role", "ANALYST");
        inProcess("carol", "principal", "add", "--db", db.toString(), "--user", "erin", "--role", "ANALYST");
        String fingerprint = printedFingerprint(inProcess("dave", "principal", "enroll", "--db", db.toString()));
        inProcess("carol", "principal", "enroll", "--db", db.toString(), "--user", "dave", "--fingerprint", fingerprint);
        inProcess("carol", "policy", "set", "--db", db.toString(), "--file", policyFile("guarded", true).toString());
        inProcess("dave", "register", "--db", db.toString(), "--file", modelFile("alpha").toString());
        inProcess("dave", "register", "--db", db.toString(), "--file", modelFile("beta").toString());
        inProcess("dave", "request", "--db", db.toString(), "--model", "alpha-1.0.0", "--to", "SHADOW", "--reason", "bench done");
        return db;
    }

    /** A real registry whose first ADMIN and root key belong to the OS account running the tests; dave is an ANALYST. */
    private Path registryRootedInThisAccount() throws Exception {
        Path db = dir.resolve("mine.db");
        inProcess(me, "init", "--db", db.toString());
        inProcess(me, "principal", "add", "--db", db.toString(), "--user", "dave", "--role", "ANALYST");
        return db;
    }

    private String enrolDave(Path db) throws Exception {
        return printedFingerprint(inProcess("dave", "principal", "enroll", "--db", db.toString()));
    }

    private static String printedFingerprint(String out) {
        Matcher printed = Pattern.compile("--fingerprint (SHA256:[0-9a-f]{64})").matcher(out);
        assertTrue(printed.find(), out);
        return printed.group(1);
    }

    private Path modelFile(String name) throws Exception {
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, """
                {"model_name": "%s", "version": "1.0.0", "model_type": "signal_model",
                 "path_ref": "models/%s/1.0.0/model.bin", "training_config": {"seed": 1},
                 "data_snapshot_ref": "s3://data/%s.parquet",
                 "data_snapshot_hash": "3b7e4f0c2a1d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7", "code_commit": "9f2c1e7"}
                """.formatted(name, name, name));
        return file;
    }

    /** CANDIDATE → SHADOW needs a risk officer's approval when {@code guarded}; otherwise nothing. */
    private Path policyFile(String name, boolean guarded) throws Exception {
        Path file = dir.resolve(name + "-policy.json");
        String approval = guarded ? ", \"approvals\": {\"count\": 1, \"role\": \"RISK_OFFICER\"}" : "";
        Files.writeString(file, """
                {"name": "%s", "states": ["CANDIDATE", "SHADOW", "ACTIVE", "RETIRED"], "initialState": "CANDIDATE",
                 "liveState": "ACTIVE", "retiredState": "RETIRED",
                 "transitions": [{"from": "CANDIDATE", "to": "SHADOW"%s},
                                 {"from": "SHADOW", "to": "ACTIVE"%s},
                                 {"from": "CANDIDATE", "to": "RETIRED"}, {"from": "SHADOW", "to": "RETIRED"}],
                 "defaults": {"evalPacks": ["bench_core_v1"], "shadowDurationDays": 0, "gates": {}}}
                """.formatted(name, approval, approval));
        return file;
    }

    /** Runs a command in this JVM as {@code user} (trusted test code), with the test's data folder; it must succeed. */
    private String inProcess(String user, String... args) {
        String previous = System.getProperty(AppDirs.HOME_PROPERTY);
        System.setProperty(AppDirs.HOME_PROPERTY, home.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            int exit = new Cli(new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    Clock.systemUTC(), user)).execute(args);
            assertEquals(0, exit, List.of(args) + " as " + user + ": " + err);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            if (previous == null) {
                System.clearProperty(AppDirs.HOME_PROPERTY);
            } else {
                System.setProperty(AppDirs.HOME_PROPERTY, previous);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The attacker's process
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The command line in its own JVM, claiming to be {@code claimed} every way a client can. Its data folder is the one
     * holding every test user's keys, as if the attacker could read carol's key folder.
     */
    private Outcome child(String claimed, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.name=" + claimed, "-Duser.home=" + fakeHome, "-D" + AppDirs.HOME_PROPERTY + "=" + home,
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "com.modelsteward.Main"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Duser.name=" + claimed);
        builder.environment().put("USER", claimed);
        builder.environment().put("LOGNAME", claimed);
        builder.environment().put("HOME", fakeHome.toString());
        builder.environment().remove(AppDirs.HOME_ENV);
        Process process = builder.start();
        process.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = Thread.ofVirtual().start(() -> {
            try {
                process.getErrorStream().transferTo(err);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command ends");
        drain.join();
        return new Outcome(process.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }

    private static void assertNoStackTrace(Outcome outcome) {
        assertFalse(outcome.err().contains("\tat ") || outcome.err().contains("Exception"), outcome.toString());
    }

    /** Every row of every table that decides governance, as text. */
    private static Map<String, String> snapshot(Path db) throws Exception {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement()) {
            for (String table : GOVERNED_TABLES) {
                StringBuilder text = new StringBuilder();
                try (ResultSet result = sql.executeQuery("SELECT * FROM " + table + " ORDER BY rowid")) {
                    int columns = result.getMetaData().getColumnCount();
                    while (result.next()) {
                        for (int c = 1; c <= columns; c++) {
                            text.append(result.getString(c)).append('|');
                        }
                        text.append('\n');
                    }
                }
                rows.put(table, text.toString());
            }
        }
        return rows;
    }

    private static String pendingRequest(Path db) throws Exception {
        return queryOne(db, "SELECT request_id FROM transition_requests WHERE status = 'PENDING'");
    }

    private static String queryOne(Path db, String query) throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement();
             ResultSet result = sql.executeQuery(query)) {
            assertTrue(result.next(), query);
            return result.getString(1);
        }
    }
}
