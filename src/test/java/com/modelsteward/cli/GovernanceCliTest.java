package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.TestRegistries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The governance commands, in process and as separate OS processes (the way users and scripts run them). */
class GovernanceCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String user, String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), user);
        return new Cli(context).execute(args);
    }

    /** A java command line running the app's main class from this test's class path. */
    private static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "com.modelsteward.Main"));
    }

    private record Outcome(int exit, String output) {
    }

    private static Outcome finish(Process process) throws Exception {
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the process ends");
        return new Outcome(process.exitValue(), output);
    }

    @Test
    void theReadmeWorkedExampleRunsAsWritten() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int begin = readme.indexOf("<!-- worked-example:begin -->");
        int end = readme.indexOf("<!-- worked-example:end -->");
        assertTrue(begin >= 0 && end > begin, "README has the worked example between its markers");
        String block = readme.substring(begin, end);
        String script = block.substring(block.indexOf("```bash") + 7, block.lastIndexOf("```"));
        assertTrue(script.contains("java -jar target/model-steward.jar"));
        // The jar is packaged after the tests run; a launcher of the same main class from the class path stands in for it.
        Path launcher = dir.resolve("model-steward");
        Files.writeString(launcher, "#!/bin/sh\nexec " + String.join(" ", javaCommand().stream().map(GovernanceCliTest::quote).toList()) + " \"$@\"\n");
        assertTrue(launcher.toFile().setExecutable(true));
        script = script.replace("java -jar target/model-steward.jar", launcher.toString());
        Process bash = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        Outcome outcome = finish(bash);
        assertEquals(0, outcome.exit(), outcome.output());
        String output = outcome.output();
        assertTrue(output.contains("Registered momentum_xgb-4.0.0 as CANDIDATE"), output);
        assertTrue(output.contains("REQ-000016: momentum_xgb-4.0.0 moved CANDIDATE -> SHADOW"), output);
        assertTrue(output.contains("REQ-000017: momentum_xgb-4.0.0 SHADOW -> ACTIVE is PENDING"), output);
        assertTrue(output.contains("REQ-000017 approved by rachel.okafor and EXECUTED"), output);
        assertTrue(output.contains("Rolled momentum_xgb back: momentum_xgb-4.0.0 -> momentum_xgb-3.1.0"), output);
        assertTrue(output.contains("momentum_xgb-3.1.0") && output.contains("(rollback by omar.haddad"), output);
        assertTrue(output.contains("Audit trail intact"), output);
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    @Test
    void twoProcessesApprovingOneRequestExecuteItExactlyOnce() throws Exception {
        Path db;
        try (Registry registry = TestRegistries.demo(dir)) {
            db = registry.file();
        }
        // REQ-000015: momentum_xgb-3.2.0 SHADOW -> ACTIVE, passes its gates, needs one RISK_OFFICER.
        List<Process> processes = new ArrayList<>();
        for (String officer : List.of("rachel.okafor", "omar.haddad")) {
            List<String> command = javaCommand();
            command.addAll(List.of("approve", "--db", db.toString(), "--as", officer, "--request", "REQ-000015", "--comment", "race " + officer));
            processes.add(new ProcessBuilder(command).redirectErrorStream(true).start());
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Process process : processes) {
            outcomes.add(finish(process));
        }
        assertEquals(1, outcomes.stream().filter(o -> o.exit() == 0).count(), outcomes.toString());
        Outcome loser = outcomes.stream().filter(o -> o.exit() != 0).findFirst().orElseThrow();
        assertTrue(loser.output().contains("E_LEARN_ROLLOUT_DENIED: request REQ-000015 is EXECUTED"), loser.output());
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement();
             var rows = sql.executeQuery("SELECT (SELECT count(*) FROM approvals WHERE request_id = 'REQ-000015'), "
                     + "(SELECT state FROM model_registry WHERE model_id = 'momentum_xgb-3.2.0'), "
                     + "(SELECT count(*) FROM events WHERE payload_json LIKE '%REQ-000015%')")) {
            rows.next();
            assertEquals(1, rows.getInt(1), "one approval recorded");
            assertEquals("ACTIVE", rows.getString(2));
            assertEquals(1, rows.getInt(3), "one rollout event");
        }
    }

    /**
     * Output into a file or a pipe is written in blocks, not line by line (a write per line cost a tenth of a one-version
     * command): it must still be whole when the process ends, and an error printed after it must still come after it.
     */
    @Test
    void outputIntoAFileIsWholeAndAnErrorAfterItStaysAfterIt() throws Exception {
        Path db;
        try (Registry registry = TestRegistries.demo(dir)) {
            db = registry.file();
        }
        List<String> command = javaCommand();
        // A retired version without an executed request: its line is printed, then the command fails on stderr.
        command.addAll(List.of("lineage", "--db", db.toString(), "--model", "momentum_xgb-1.1.0"));
        Path both = dir.resolve("both.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(both.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the process ends");
        assertEquals(1, process.exitValue());
        List<String> lines = Files.readAllLines(both).stream().filter(line -> !line.startsWith("WARNING: ") && !line.isBlank()).toList();
        assertTrue(lines.getFirst().startsWith("momentum_xgb-1.1.0  momentum_xgb 1.1.0"), lines.toString());
        int verdict = lines.indexOf(lines.stream().filter(line -> line.contains("auditable lineage incomplete")).findFirst().orElseThrow());
        assertEquals("E_LINEAGE_INCOMPLETE: the lineage of momentum_xgb-1.1.0 is not auditable (see above)", lines.getLast());
        assertEquals(lines.size() - 7, verdict, "the five checks come between the verdict and the error: " + lines);

        // A version whose lineage is complete: nothing on stderr pushes the output out, the end of the process does.
        command.set(command.size() - 1, "mean_reversion_lgbm-2.2.0");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(both.toFile()).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the process ends");
        assertEquals(0, process.exitValue());
        lines = Files.readAllLines(both).stream().filter(line -> !line.startsWith("WARNING: ") && !line.isBlank()).toList();
        assertTrue(lines.getFirst().startsWith("mean_reversion_lgbm-2.2.0  mean_reversion_lgbm 2.2.0"), lines.toString());
        assertTrue(lines.getLast().strip().startsWith("✓ Audit entries present and the audit chain verifies"), lines.toString());
    }

    @Test
    void anAuditRowAlteredWithTheTriggersDroppedIsNamed() throws Exception {
        Path db;
        try (Registry registry = TestRegistries.demo(dir)) {
            db = registry.file();
        }
        assertEquals(0, run("cli.tester", "audit", "verify", "--db", db.toString()), err.toString());
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement()) {
            sql.executeUpdate("DROP TRIGGER audit_log_no_update");
            sql.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = 7");
        }
        assertEquals(1, run("cli.tester", "audit", "verify", "--db", db.toString()));
        assertTrue(err.toString().startsWith("E_AUDIT_BROKEN: "), err.toString());
        assertTrue(err.toString().contains("entry 7 was altered"), err.toString());
    }

    @Test
    void theDocumentedHeadsVerifierFindsAnEntryNoHeadOfItsActorCovers() throws Exception {
        assumeTrue(new ProcessBuilder("python3", "--version").start().waitFor() == 0, "python3 is installed by .ci/run");
        assumeTrue(new ProcessBuilder("openssl", "version").start().waitFor() == 0, "openssl verifies Ed25519 for the script");
        String schema = Files.readString(Path.of("docs/schema.md"));
        String block = schema.substring(schema.indexOf("<!-- audit-heads:begin -->"), schema.indexOf("<!-- audit-heads:end -->"));
        Path verifier = dir.resolve("verify_heads.py");
        Files.writeString(verifier, block.substring(block.indexOf("```python") + 9, block.lastIndexOf("```")));
        Path db;
        try (Registry registry = TestRegistries.demo(dir)) {
            db = registry.file();
            // A correctly chained entry after the last signed head: the chain verifies, no head of its actor covers it.
            registry.writeHandle(h -> {
                var head = h.createQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").mapToMap().one();
                long seq = ((Number) head.get("seq")).longValue() + 1;
                String hash = AuditTrail.hash((String) head.get("hash"), seq, "2026-11-01T12:00:00.000Z", "mallory", "REGISTER", "model:x", "{}");
                h.execute("INSERT INTO audit_log (seq, ts, actor, action, entity, payload_json, prev_hash, hash) "
                        + "VALUES (?, '2026-11-01T12:00:00.000Z', 'mallory', 'REGISTER', 'model:x', '{}', ?, ?)", seq, head.get("hash"), hash);
                return null;
            });
        }
        Outcome forged = finish(new ProcessBuilder("python3", verifier.toString(), db.toString()).redirectErrorStream(true).start());
        assertEquals(1, forged.exit(), forged.output());
        assertTrue(forged.output().contains("by mallory is not covered by a signed head of its own actor"), forged.output());
        Path honest = dir.resolve("honest");
        Files.createDirectories(honest);
        try (Registry registry = TestRegistries.demo(honest)) {
            db = registry.file();
        }
        Outcome intact = finish(new ProcessBuilder("python3", verifier.toString(), db.toString()).redirectErrorStream(true).start());
        assertEquals(0, intact.exit(), intact.output());
        assertTrue(intact.output().startsWith("OK: "), intact.output());
    }

    @Test
    void theDocumentedPythonVerifierAgreesWithTheApp() throws Exception {
        assumeTrue(new ProcessBuilder("python3", "--version").start().waitFor() == 0, "python3 is installed by .ci/run");
        String schema = Files.readString(Path.of("docs/schema.md"));
        String block = schema.substring(schema.indexOf("<!-- audit-verifier:begin -->"), schema.indexOf("<!-- audit-verifier:end -->"));
        String script = block.substring(block.indexOf("```python") + 9, block.lastIndexOf("```"));
        assertTrue(script.lines().count() <= 25, "an auditor's script of about twenty lines");
        Path verifier = dir.resolve("verify_audit.py");
        Files.writeString(verifier, script);
        Path db;
        try (Registry registry = TestRegistries.demo(dir)) {
            db = registry.file();
        }
        Outcome intact = finish(new ProcessBuilder("python3", verifier.toString(), db.toString()).redirectErrorStream(true).start());
        assertEquals(0, intact.exit(), intact.output());
        assertTrue(intact.output().startsWith("OK: ") && !intact.output().startsWith("OK: 0 "), intact.output());
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement()) {
            sql.executeUpdate("DROP TRIGGER audit_log_no_update");
            sql.executeUpdate("UPDATE audit_log SET ts = '2026-01-01T00:00:00.000Z' WHERE seq = 12");
        }
        Outcome broken = finish(new ProcessBuilder("python3", verifier.toString(), db.toString()).redirectErrorStream(true).start());
        assertEquals(1, broken.exit());
        assertTrue(broken.output().contains("entry 12 was altered"), broken.output());
    }

    @Test
    void jsonOutputNamesFieldsLikeTheSchemaColumnsWhateverTheCommand() throws Exception {
        TestRegistries.demo(dir).close();
        String db = dir.resolve("demo.db").toString();

        assertEquals(0, run("omar.haddad", "rollback", "--db", db, "--model-name", "momentum_xgb", "--reason", "drawdown", "--json"),
                err.toString());
        String rollback = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, run("omar.haddad", "status", "--db", db, "--model", "momentum_xgb-3.1.0", "--json"), err.toString());
        String status = out.toString(StandardCharsets.UTF_8);

        assertTrue(rollback.contains("\"request_id\"") && rollback.contains("\"to_model_id\""), rollback);
        assertTrue(status.contains("\"model_id\"") && status.contains("\"data_snapshot_hash\""), status);
        assertFalse((rollback + status).matches("(?s).*\"[a-z]+[A-Z][A-Za-z]*\"\\s*:.*"), "no camelCase field:\n" + rollback + status);
    }

    @Test
    void inputFilesAreValidatedWithFileLineAndField() throws Exception {
        Path db = dir.resolve("init.db");
        assertEquals(0, run("ines", "init", "--db", db.toString()), err.toString());
        assertEquals(0, run("ines", "principal", "add", "--db", db.toString(), "--user", "ines", "--role", "ANALYST"), err.toString());
        Path model = dir.resolve("model.json");
        Files.writeString(model, "{\n  \"model_name\": \"toy\",\n  \"version\": \"1\",\n  \"model_type\": \"signal_model\",\n  \"colour\": \"red\"\n}\n");
        assertEquals(1, run("ines", "register", "--db", db.toString(), "--file", model.toString()));
        assertTrue(err.toString().startsWith("E_INVALID_INPUT: " + model + " line 5: unknown field \"colour\""), err.toString());
        Files.writeString(model, "{\n  \"model_name\": \"toy\",\n  \"version\": 1\n}\n");
        assertEquals(1, run("ines", "register", "--db", db.toString(), "--file", model.toString()));
        assertTrue(err.toString().contains("line 3: field \"version\" must be a non-empty string"), err.toString());
        Files.writeString(model, "{\n  \"model_name\": \"toy\",\n  \"version\": \"1\"\n  \"model_type\": \"x\"\n}\n");
        assertEquals(1, run("ines", "register", "--db", db.toString(), "--file", model.toString()));
        assertTrue(err.toString().contains(model + " line 4, column"), err.toString());

        Path scores = dir.resolve("scores.json");
        Files.writeString(scores, "[\n {\"model_id\": \"toy-1\", \"pack_id\": \"bench_core_v1\", \"metric\": \"sharpe\", \"value\": \"high\"}\n]\n");
        assertEquals(1, run("ines", "scorecards", "import", "--db", db.toString(), "--file", scores.toString()));
        assertTrue(err.toString().contains("line 2: field \"value\" must be a number, null or \"NaN\""), err.toString());
        Files.writeString(scores, "[\n {\"model_id\": \"nope-1\", \"pack_id\": \"bench_core_v1\", \"metric\": \"sharpe\", \"value\": 1.2}\n]\n");
        assertEquals(1, run("ines", "scorecards", "import", "--db", db.toString(), "--file", scores.toString()));
        assertTrue(err.toString().contains("line 2: model_id nope-1 is not a registered version; nothing was imported"), err.toString());
    }

    @Test
    void onlyAnAdminStoresThePolicyAndItMayNotDropAStateInUse() throws Exception {
        Path db;
        try (Registry registry = TestRegistries.demo(dir)) {
            db = registry.file();
        }
        Path strict = dir.resolve("strict.yaml");
        Files.writeString(strict, """
                name: strict
                types:
                  signal_model:
                    gates:
                      sharpe: {minImprovement: 0.5}
                """);
        assertEquals(1, run("cli.tester", "policy", "set", "--db", db.toString(), "--as", "alice.nguyen", "--file", strict.toString()));
        assertTrue(err.toString().contains("needs the ADMIN role"), err.toString());
        assertEquals(0, run("cli.tester", "policy", "set", "--db", db.toString(), "--as", "ines.admin", "--file", strict.toString()), err.toString());
        assertTrue(out.toString().startsWith("RC-000001 PENDING: policy strict"), out.toString());
        assertEquals(0, run("cli.tester", "policy", "show", "--db", db.toString()), err.toString());
        assertTrue(out.toString().startsWith("Policy l3-12;"), "the demo has two ADMINs: one alone changes nothing: " + out);
        assertEquals(0, run("cli.tester", "rules", "approve", "--db", db.toString(), "--as", TestRegistries.OPERATOR, "--change", "RC-000001",
                "--comment", "Stricter Sharpe gate agreed"), err.toString());
        assertEquals(0, run("cli.tester", "policy", "show", "--db", db.toString()), err.toString());
        assertTrue(out.toString().startsWith("Policy strict;") && out.toString().contains("min improvement 0.5"), out.toString());
        // The stored policy now holds every user: momentum's waiting shadow no longer clears the stricter Sharpe gate.
        assertEquals(1, run("cli.tester", "approve", "--db", db.toString(), "--as", "rachel.okafor", "--request", "REQ-000015", "--comment", "ok"));
        assertTrue(err.toString().startsWith("E_LEARN_GATE_FAILED: ") && err.toString().contains("sharpe"), err.toString());

        Path dropping = dir.resolve("lifecycle.yaml");
        Files.writeString(dropping, Files.readString(Path.of("src/main/resources/policies/lifecycle-004.yaml")));
        assertEquals(1, run("cli.tester", "policy", "set", "--db", db.toString(), "--as", "ines.admin", "--file", dropping.toString()));
        assertTrue(err.toString().startsWith("E_POLICY_INVALID: ") && err.toString().contains("does not declare the states"), err.toString());
    }

    @Test
    void noOneActsAsSomebodyElseOnARegistryNotMadeByDemo() throws IOException {
        Path db = dir.resolve("real.db");
        assertEquals(0, run("ines", "init", "--db", db.toString()), err.toString());
        assertEquals(1, run("mallory", "principal", "add", "--db", db.toString(), "--as", "ines", "--user", "mallory", "--role", "ADMIN"));
        assertTrue(err.toString().startsWith("E_LEARN_ROLLOUT_DENIED: acting as another user (--as ines) is only possible on a demo registry, and "),
                err.toString());
        assertEquals(1, run("mallory", "principal", "add", "--db", db.toString(), "--user", "mallory", "--role", "ADMIN"));
        assertTrue(err.toString().contains("mallory is not a principal of this registry"), err.toString());
        assertEquals(0, run("ines", "principal", "add", "--db", db.toString(), "--user", "rachel", "--role", "RISK_OFFICER"), err.toString());
        assertTrue(out.toString().contains("rachel now holds RISK_OFFICER"));
        assertFalse(Files.readString(db, StandardCharsets.ISO_8859_1).isEmpty());
    }
}
