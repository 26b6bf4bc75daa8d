package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's team registry on PostgreSQL, run as written: the DBA's script from {@code init --print-sql}, then every
 * command as its own process, each person logged in as themselves with their password in ~/.pgpass.
 */
@Tag("postgresql")
class ServerExampleTest {

    @TempDir
    Path dir;

    @Test
    void theReadmesTeamExampleRunsOnARealServer() throws Exception {
        PostgresServer server = PostgresServer.get();
        String database = server.freshDatabase();
        try (Connection dba = server.superConnection(database); Statement sql = dba.createStatement()) {
            sql.execute(Registry.serverSetupSql());
        }
        Map<String, String> groups = Map.of("ines", "steward_admin", "alice", "steward_analyst", "bob", "steward_analyst",
                "rachel", "steward_risk_officer");
        groups.forEach(server::createLogin);
        Path home = Files.createDirectories(dir.resolve("home"));
        StringBuilder pgpass = new StringBuilder();
        for (String login : groups.keySet()) {
            pgpass.append(server.host()).append(':').append(server.port()).append(':').append(database).append(':').append(login)
                    .append(':').append(PostgresServer.passwordOf(login)).append('\n');
        }
        Path pgpassFile = Files.writeString(home.resolve(".pgpass"), pgpass);
        Files.setPosixFilePermissions(pgpassFile, PosixFilePermissions.fromString("rw-------"));

        String readme = Files.readString(Path.of("README.md"));
        String block = readme.substring(readme.indexOf("<!-- server-example:begin -->"), readme.indexOf("<!-- server-example:end -->"));
        String script = block.substring(block.indexOf("```bash") + 7, block.lastIndexOf("```"));
        Path launcher = dir.resolve("steward");
        Files.writeString(launcher, "#!/bin/sh\nexec " + String.join(" ", javaCommand().stream().map(ServerExampleTest::quote).toList())
                + " \"$@\"\n");
        assertTrue(launcher.toFile().setExecutable(true));
        script = script.replace("java -jar target/model-steward.jar", launcher.toString());

        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true);
        bash.environment().put("HOME", home.toString());
        bash.environment().put("MODEL_STEWARD_HOME", home.resolve("steward").toString());
        bash.environment().put("PGSERVER", server.host() + ":" + server.port());
        bash.environment().put("PGDATABASE", database);
        bash.environment().remove("PGPASSWORD");
        bash.environment().remove("PGUSER");
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the example ends");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("ines is its first ADMIN"), output);
        assertTrue(output.contains("REQ-000002 approved by rachel and EXECUTED"), output);
        assertTrue(output.contains("Logged in as bob"), output);
        assertTrue(output.contains("Audit trail intact"), output);

        // The trail names whom the server authenticated, and nobody else acted.
        try (Connection dba = server.superConnection(database); Statement sql = dba.createStatement();
             ResultSet actors = sql.executeQuery("SELECT DISTINCT actor FROM steward.audit_log ORDER BY actor")) {
            List<String> seen = new ArrayList<>();
            while (actors.next()) {
                seen.add(actors.getString(1));
            }
            assertEquals(List.of("alice", "bob", "ines", "rachel"), seen);
        }
    }

    private static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "com.modelsteward.Main"));
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
