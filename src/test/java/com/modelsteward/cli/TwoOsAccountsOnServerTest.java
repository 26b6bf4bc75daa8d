package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.modelsteward.governance.Principals;
import com.modelsteward.governance.Role;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.PostgresServer;
import com.modelsteward.testsupport.PostgresTeam;
import com.modelsteward.testsupport.SharedClasspath;
import com.modelsteward.testsupport.Team;
import com.modelsteward.trust.Enrolment;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two people on two real OS accounts share a server registry: each runs the command line as their own Unix user, with
 * their own ~/.pgpass and key, the address naming no login (libpq's default: the OS account). The server — not the
 * process, its properties or its environment — says who acted: the analyst cannot approve, and claiming the officer's
 * name in {@code USER}, {@code LOGNAME} or {@code -Duser.name} gets her nowhere. Needs root (to make the
 * accounts and switch to them); CI runs as root.
 */
@Tag("postgresql")
class TwoOsAccountsOnServerTest {

    private static final String ANALYST = "stw_analyst";
    private static final String OFFICER = "stw_officer";

    @Test
    void theServerNamesTheOsAccountsLoginAndNothingTheClientSays() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && new File("/usr/sbin/runuser").canExecute()
                && new File("/usr/sbin/useradd").canExecute(), "needs root, runuser and useradd (CI runs as root)");
        for (String account : List.of(ANALYST, OFFICER)) {
            if (run(List.of("id", account)).exit() != 0) {
                assertEquals(0, run(List.of("useradd", "--create-home", "--shell", "/bin/sh", account)).exit());
            }
        }
        Path classpath = SharedClasspath.copy();
        try (PostgresTeam team = new PostgresTeam()) {
            PostgresServer server = team.server();
            server.createLogin(ANALYST, "steward_analyst");
            server.createLogin(OFFICER, "steward_risk_officer");
            team.enrolTeam();
            Clock clock = Clock.systemUTC();
            Principals.addRole(team.as(Team.ADMIN), clock, team.who(Team.ADMIN), ANALYST, Role.ANALYST);
            Principals.addRole(team.as(Team.ADMIN), clock, team.who(Team.ADMIN), OFFICER, Role.RISK_OFFICER);
            Path policy = Files.writeString(Files.createTempFile("policy", ".yaml"), "name: two-accounts\ndefaults: {shadowDurationDays: 0}\n");
            policy.toFile().setReadable(true, false);
            assertEquals(0, new Cli(new CliContext(System.out, System.err, clock, Team.ADMIN, com.modelsteward.config.Environment.of(
                    java.util.Map.of("PGPASSWORD", PostgresServer.passwordOf(Team.ADMIN))))).execute("policy", "set", "--db",
                    server.url(Team.ADMIN, team.database()), "--file", policy.toString()));
            String db = "postgresql://" + server.host() + ":" + server.port() + "/" + team.database();
            for (String account : List.of(ANALYST, OFFICER)) {
                Path home = Path.of("/home", account);
                Path pgpass = home.resolve(".pgpass");
                Files.writeString(pgpass, server.host() + ":" + server.port() + ":" + team.database() + ":" + account + ":"
                        + PostgresServer.passwordOf(account) + "\n");
                run(List.of("chown", account + ":", pgpass.toString()));
                Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
                run(List.of("rm", "-rf", home.resolve(".model-steward").toString()));
                Outcome enrolled = as(account, classpath, List.of(), "principal", "enroll", "--db", db, "--json");
                assertEquals(0, enrolled.exit(), enrolled.output());
                String fingerprint = enrolled.output().replaceAll("(?s).*\"fingerprint\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                Enrolment.endorse(team.as(Team.ADMIN), clock, team.who(Team.ADMIN), account, fingerprint);
            }

            Path model = Files.writeString(Files.createTempFile("model", ".json"), """
                    {"model_name": "accounts", "version": "1", "model_type": "signal_model", "path_ref": "models/accounts/1",
                     "training_config": {"seed": 1}, "data_snapshot_ref": "s3://data/accounts",
                     "data_snapshot_hash": "3b7e4f0c2a1d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7"}""");
            Path cards = Files.writeString(Files.createTempFile("cards", ".json"), """
                    {"model_id": "accounts-1", "source": "bench", "generated_at": "2026-11-21T08:00:00Z", "scorecards": [
                     {"pack_id": "bench_core_v1", "metric": "sharpe", "value": 2.4},
                     {"pack_id": "bench_core_v1", "metric": "max_drawdown", "value": 0.09},
                     {"pack_id": "bench_core_v1", "metric": "error_rate", "value": 0.0004}]}""");
            model.toFile().setReadable(true, false);
            cards.toFile().setReadable(true, false);
            assertOk(as(ANALYST, classpath, List.of(), "register", "--db", db, "--file", model.toString()));
            assertOk(as(ANALYST, classpath, List.of(), "scorecards", "import", "--db", db, "--file", cards.toString()));
            assertOk(as(ANALYST, classpath, List.of(), "request", "--db", db, "--model", "accounts-1", "--to", "SHADOW", "--reason", "bench done"));
            Outcome requested = as(ANALYST, classpath, List.of(), "request", "--db", db, "--model", "accounts-1", "--to", "ACTIVE",
                    "--reason", "shadow done", "--json");
            assertOk(requested);
            String request = requested.output().replaceAll("(?s).*\"request_id\"\\s*:\\s*\"([^\"]+)\".*", "$1");

            // The analyst claims to be the officer every way a client can; the server still knows her.
            Outcome claimed = as(ANALYST, classpath, List.of("USER=" + OFFICER, "LOGNAME=" + OFFICER, "JDK_JAVA_OPTIONS=-Duser.name=" + OFFICER),
                    "approve", "--db", db, "--request", request, "--comment", "it is me, really");
            assertEquals(1, claimed.exit(), claimed.output());
            assertTrue(claimed.output().contains(ANALYST + " holds [ANALYST]"), claimed.output());

            assertOk(as(OFFICER, classpath, List.of(), "approve", "--db", db, "--request", request, "--comment", "gates pass"));
            Registry auditor = team.as("alice");
            assertEquals("ACTIVE", auditor.read(store -> store.versions().find("accounts-1").orElseThrow().state()));
            List<String> requestActors = auditor.read(store -> store.audit().about("accounts-1")).stream()
                    .map(entry -> entry.action() + " " + entry.actor()).toList();
            assertTrue(requestActors.contains("REGISTER " + ANALYST), requestActors.toString());
            assertTrue(requestActors.contains("REQUEST " + ANALYST), requestActors.toString());
            assertTrue(requestActors.contains("APPROVE " + OFFICER), requestActors.toString());
        }
    }

    private record Outcome(int exit, String output) {
    }

    private static void assertOk(Outcome outcome) {
        assertEquals(0, outcome.exit(), outcome.output());
    }

    /** The command line as {@code account}, from its own home, with nothing of root's environment. */
    private static Outcome as(String account, Path classpath, List<String> extraEnvironment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", account, "--", "env", "-i", "HOME=/home/" + account,
                "PATH=/usr/bin:/bin"));
        command.addAll(extraEnvironment);
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED", "-cp",
                SharedClasspath.of(classpath), "com.modelsteward.Main"));
        command.addAll(List.of(args));
        return run(command);
    }

    private static Outcome run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the process ends: " + command);
        return new Outcome(process.exitValue(), output);
    }
}
