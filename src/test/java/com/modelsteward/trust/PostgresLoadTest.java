package com.modelsteward.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.cli.Cli;
import com.modelsteward.cli.CliContext;
import com.modelsteward.config.AppDirs;
import com.modelsteward.config.Environment;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.PostgresServer;
import com.modelsteward.testsupport.PostgresTeam;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's load on a server registry: 16 clients at once for a bounded time ({@code -Dpg.load.seconds}, 30 by default),
 * as four worker JVMs ({@link PostgresLoadWorker}) of four clients each, every client a registry of its own opened as its
 * own login — analysts alice and bob, risk officers rachel, omar and tara, the pipeline pipe with plain JDBC — while a
 * watcher in this JVM, logged in as the auditor, samples the live versions of every name.
 *
 * <p>Afterwards every operation's effect is looked up by its marker: an acknowledged write that is missing is lost, a
 * failure whose effect is there is a false failure. The audit chain and every signature must verify, the history replay
 * of {@link LoadFixture#problems} must find nothing, no name may ever have had two live versions, and no user may have
 * seen a serialization failure, a deadlock or a lock timeout: those are retried by {@link Registry}'s writer loop, whose
 * retries are counted. Governance refusals (E_LEARN_…: a request another officer executed first, a stale request, nothing
 * to roll back) are outcomes, counted by code.
 *
 * <p>Tagged {@code load} and {@code postgresql}. The figures go to target/postgresql/load.json for docs/reliability.md,
 * every operation's line to target/postgresql/load-operations.jsonl.
 */
@Tag("load")
@Tag("postgresql")
class PostgresLoadTest {

    static final long SECONDS = Long.getLong("pg.load.seconds", 30);
    private static final int JVMS = 4;
    /** What a user must never see: the writer loop retries these (SQLSTATE 40001, 40P01, 55P03) or waits them out. */
    private static final Pattern CONCURRENCY_FAULT = Pattern.compile(
            "40001|40P01|55P03|E_REGISTRY_LOCKED|serializ|deadlock|lock timeout|could not obtain lock|canceling statement", Pattern.CASE_INSENSITIVE);

    @TempDir
    Path dir;

    @Test
    void sixteenClientsOnOneServerLoseNothingAndNeverShowTwoLiveVersions() throws Exception {
        Path home = dir.resolve("home");
        double[] loadBefore = loadAverage();
        try (PostgresTeam team = new PostgresTeam()) {
            withHome(home, () -> {
                team.enrolTeam();
                setPolicy(team, home);
            });

            Path go = dir.resolve("go");
            List<Process> workers = new ArrayList<>();
            try {
                run(team, home, go, workers, loadBefore);
            } finally {
                // A failed assertion must not leave workers writing to the server.
                workers.stream().filter(Process::isAlive).forEach(Process::destroyForcibly);
            }
        }
    }

    private void run(PostgresTeam team, Path home, Path go, List<Process> workers, double[] loadBefore) throws Exception {
        PostgresServer server = team.server();
        String database = team.database();
        List<Path> ready = new ArrayList<>();
        for (int jvm = 0; jvm < JVMS; jvm++) {
            ready.add(dir.resolve("ready-" + jvm));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-D" + AppDirs.HOME_PROPERTY + "=" + home,
                    "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED",
                    PostgresLoadWorker.class.getName(), server.host(), Integer.toString(server.port()), database, Integer.toString(jvm),
                    Long.toString(SECONDS), ready.get(jvm).toString(), go.toString()));
            command.addAll(clientsOf(jvm));
            workers.add(new ProcessBuilder(command)
                    .redirectOutput(dir.resolve("worker-" + jvm + ".out").toFile())
                    .redirectError(dir.resolve("worker-" + jvm + ".err").toFile()).start());
        }
        long readyBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!ready.stream().allMatch(Files::exists)) {
            for (int jvm = 0; jvm < JVMS; jvm++) {
                assertTrue(workers.get(jvm).isAlive() || Files.exists(ready.get(jvm)),
                        "worker " + jvm + " ended before it was ready: " + Files.readString(dir.resolve("worker-" + jvm + ".err")));
            }
            assertTrue(System.nanoTime() < readyBy, "the workers did not open their registries");
            LockSupport.parkNanos(20_000_000);
        }

        Watcher watcher = new Watcher(server, database);
        Thread watching = Thread.ofPlatform().name("live-version-watcher").start(watcher);
        long started = System.nanoTime();
        Files.writeString(go, "go\n");
        for (int jvm = 0; jvm < JVMS; jvm++) {
            assertTrue(workers.get(jvm).waitFor(SECONDS + 300, TimeUnit.SECONDS), "worker " + jvm + " did not finish");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        watcher.running.set(false);
        watching.join();
        double[] loadAfter = loadAverage();

        List<JsonNode> operations = new ArrayList<>();
        Map<String, Long> stats = new LinkedHashMap<>();
        StringBuilder stderr = new StringBuilder();
        for (int jvm = 0; jvm < JVMS; jvm++) {
            assertEquals(0, workers.get(jvm).exitValue(), "worker " + jvm + ": " + Files.readString(dir.resolve("worker-" + jvm + ".err")));
            stderr.append(Files.readString(dir.resolve("worker-" + jvm + ".err"), StandardCharsets.UTF_8));
            for (String line : Files.readAllLines(dir.resolve("worker-" + jvm + ".out"), StandardCharsets.UTF_8)) {
                JsonNode json = CanonicalJson.mapper().readTree(line);
                if (json.has("stats")) {
                    json.get("stats").properties().forEach(e -> stats.merge(e.getKey(), e.getValue().asLong(),
                            e.getKey().startsWith("max_") ? Math::max : Long::sum));
                } else {
                    operations.add(json);
                }
            }
        }

        Registry auditor = team.as("audrey");
        Map<String, Long> succeeded = new TreeMap<>();
        Map<String, Long> refusals = new TreeMap<>();
        Map<String, Long> refusalReasons = new TreeMap<>();
        Map<String, Long> slowest = new TreeMap<>();
        List<String> lost = new ArrayList<>();
        List<String> falseFailures = new ArrayList<>();
        List<String> concurrencyShown = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        long pipelineRows = 0;
        long executedTransitions = 0;
        long timed = 0;
        long timedOk = 0;
        long timedPipelineRows = 0;
        long timedGoverned = 0;
        long timedExecuted = 0;
        for (JsonNode op : operations) {
            String what = op.get("what").asText();
            boolean inTime = op.get("at_ms").asLong() <= SECONDS * 1000;
            if (inTime) {
                timed++;
            }
            String outcome = op.get("outcome").asText();
            String detail = op.get("detail").asText();
            String label = op.get("client").asText() + " " + op.get("user").asText() + " " + what + " " + op.get("marker").asText();
            slowest.merge(what, op.get("ms").asLong(), Math::max);
            long found = effect(auditor, op);
            if (outcome.equals("OK")) {
                succeeded.merge(what, 1L, Long::sum);
                long expected = what.startsWith("pipeline-") ? op.get("ids").size() : 1;
                if (found != expected) {
                    lost.add(label + " (found " + found + " of " + expected + ")");
                }
                boolean executes = what.equals("request-shadow") || what.equals("rollback")
                        || what.equals("approve") && op.get("result").asText().endsWith(" EXECUTED");
                if (what.startsWith("pipeline-")) {
                    pipelineRows += expected;
                }
                if (executes) {
                    executedTransitions++;
                }
                if (inTime) {
                    timedOk++;
                    timedPipelineRows += what.startsWith("pipeline-") ? expected : 0;
                    timedGoverned += what.startsWith("pipeline-") ? 0 : 1;
                    timedExecuted += executes ? 1 : 0;
                }
            } else {
                refusals.merge(outcome, 1L, Long::sum);
                refusalReasons.merge(outcome + ": " + reason(detail), 1L, Long::sum);
                if (found != 0) {
                    falseFailures.add(label + ": " + outcome + " " + detail);
                }
                if (CONCURRENCY_FAULT.matcher(outcome + " " + detail).find()) {
                    concurrencyShown.add(label + ": " + outcome + " " + detail);
                } else if (!outcome.startsWith("E_LEARN_")) {
                    unexpected.add(label + ": " + outcome + " " + detail);
                }
            }
        }

        AuditTrail.Verification chain = AuditTrail.verify(auditor);
        SignatureAudit.Report signatures = SignatureAudit.verify(auditor);
        List<String> problems = LoadFixture.problems(auditor);
        Map<String, Object> serverSide = serverFigures(server, database);

        long ok = succeeded.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("engine", "PostgreSQL " + serverSide.remove("version"));
        figures.put("clients", Map.of("jvms", JVMS, "analysts", 6, "risk_officers", 6, "pipeline", 4));
        figures.put("seconds", SECONDS);
        figures.put("seconds_with_the_officers_last_decisions", Math.round(seconds * 10) / 10.0);
        figures.put("operations", operations.size());
        figures.put("succeeded", ok);
        figures.put("succeeded_by_kind", succeeded);
        figures.put("refused", operations.size() - ok);
        figures.put("refusals_by_code", refusals);
        figures.put("refusals_by_reason", refusalReasons);
        figures.put("lost", lost.size());
        figures.put("false_failures", falseFailures.size());
        figures.put("concurrency_failures_shown", concurrencyShown.size());
        figures.put("other_failures", unexpected.size());
        figures.put("executed_transitions", executedTransitions);
        figures.put("pipeline_rows", pipelineRows);
        // Over the timed phase only: what ended within SECONDS of the start.
        figures.put("throughput_per_s", Map.of(
                "operations_ended", round((double) timed / SECONDS),
                "operations_succeeded", round((double) timedOk / SECONDS),
                "governed_writes_succeeded", round((double) timedGoverned / SECONDS),
                "executed_transitions", round((double) timedExecuted / SECONDS),
                "pipeline_rows", round((double) timedPipelineRows / SECONDS)));
        figures.put("slowest_ms_by_kind", slowest);
        figures.put("writer_loop", stats);
        figures.put("live_version_samples", watcher.samples.get());
        figures.put("two_live_seen", watcher.doubleLive.size());
        figures.put("pointer_disagreements_seen", watcher.pointerDisagrees.size());
        figures.put("audit_chain", chain.ok() ? "intact" : chain.problem());
        figures.put("signatures", signatures.ok() ? "all valid" : String.join("; ", signatures.problems()));
        figures.put("history_problems", problems.size());
        figures.put("server", serverSide);
        figures.put("load_average_before", loadBefore);
        figures.put("load_average_max_during", watcher.maxLoad);
        figures.put("load_average_after", loadAfter);
        writeFigures(figures);
        Files.write(Path.of("target", "postgresql", "load-operations.jsonl"), operations.stream().map(JsonNode::toString).toList());

        assertEquals("", stderr.toString(), "no worker wrote anything on stderr");
        assertEquals(List.of(), lost, "acknowledged writes missing from the registry");
        assertEquals(List.of(), falseFailures, "operations reported as failed whose effect is in the registry");
        assertEquals(List.of(), concurrencyShown, "serialization failures, deadlocks or lock timeouts shown to a user");
        assertEquals(List.of(), unexpected, "failures other than governance refusals");
        assertEquals(List.of(), watcher.doubleLive, "two live versions of one name");
        assertEquals(List.of(), watcher.pointerDisagrees, "the ACTIVE pointer disagreeing with the ACTIVE version");
        assertTrue(chain.ok(), chain.problem());
        assertTrue(signatures.ok(), String.join("\n", signatures.problems()));
        assertEquals(List.of(), problems, "the audit history replayed");
        assertTrue(watcher.samples.get() > 0, "the watcher sampled");
        for (String kind : List.of("register", "scorecards", "request-shadow", "request-active", "approve", "pipeline-scorecards",
                "pipeline-drift_samples")) {
            assertTrue(succeeded.getOrDefault(kind, 0L) > 0, "some " + kind + " succeeded: " + succeeded);
        }
    }

    /** A refusal's sentence without the request, version and name it names, so that refusals of one kind count together. */
    static String reason(String detail) {
        return detail.replaceAll("REQ-\\d+", "REQ-…").replaceAll("\\b[a-z]+-j\\d+c\\d+-\\d+\\b", "<version>")
                .replaceAll("\\b(" + String.join("|", PostgresLoadWorker.NAMES) + ")\\b", "<name>")
                .replaceFirst(";.*", "");
    }

    /** Four clients per JVM: JVMs 0 and 2 run two analysts, 1 and 3 two officers; each one pipeline client. */
    private static List<String> clientsOf(int jvm) {
        List<String> officers = List.of("rachel", "omar", "tara");
        String analyst = jvm % 2 == 0 ? "alice" : "bob";
        List<String> clients = new ArrayList<>();
        clients.add("analyst:" + analyst);
        clients.add("officer:" + officers.get(jvm % 3));
        clients.add(jvm % 2 == 0 ? "analyst:" + (analyst.equals("alice") ? "bob" : "alice") : "officer:" + officers.get((jvm + 1) % 3));
        clients.add("pipeline:pipe");
        return clients;
    }

    /** How many times the operation's effect is in the registry (for the pipeline: how many of its rows). */
    private static long effect(Registry registry, JsonNode op) {
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("m", op.get("marker").asText());
        at.put("u", op.get("user").asText());
        String result = op.has("result") ? op.get("result").asText() : "";
        // A failed operation has no result: then any trace of its marker is a false failure.
        at.put("r", result.split(" ")[0]);
        return registry.readHandle(h -> switch (op.get("what").asText()) {
            case "register" -> count(h, "SELECT count(*) FROM model_registry WHERE model_id = :m AND created_by = :u", at);
            case "scorecards" -> count(h, "SELECT count(*) FROM scorecards WHERE metric = :m", Map.of("m", at.get("m")));
            case "request-shadow" -> count(h, """
                    SELECT count(*) FROM transition_requests WHERE justification = :m AND requested_by = :u
                       AND (:r = '' OR request_id = :r AND status = 'EXECUTED')""", at);
            case "request-active" -> count(h, """
                    SELECT count(*) FROM transition_requests WHERE justification = :m AND requested_by = :u
                       AND (:r = '' OR request_id = :r)""", at);
            case "rollback" -> count(h, """
                    SELECT count(*) FROM transition_requests WHERE justification = :m AND requested_by = :u
                       AND (:r = '' OR request_id = :r AND kind = 'ROLLBACK' AND status = 'EXECUTED')""", at);
            // An approval the engine reported as executing its request counts only if the request is EXECUTED.
            case "approve" -> count(h, """
                    SELECT count(*) FROM approvals a JOIN transition_requests r ON r.request_id = a.request_id
                     WHERE a.comment = :m AND a.approver = :u
                       AND (:r = '' OR a.request_id = :r AND (:executed = 0 OR r.status = 'EXECUTED'))""",
                    with(at, "executed", result.endsWith(" EXECUTED") ? 1 : 0));
            case "pipeline-scorecards" -> rows(h, "scorecards", "scorecard_id", op.get("ids"));
            case "pipeline-drift_samples" -> rows(h, "drift_samples", "sample_id", op.get("ids"));
            default -> throw new IllegalArgumentException(op.toString());
        });
    }

    private static Map<String, Object> with(Map<String, Object> bindings, String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(bindings);
        more.put(key, value);
        return more;
    }

    private static long count(Handle h, String sql, Map<String, Object> bindings) {
        return h.createQuery(sql).bindMap(bindings).mapTo(Long.class).one();
    }

    private static long rows(Handle h, String table, String key, JsonNode ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<Long> list = new ArrayList<>();
        ids.forEach(id -> list.add(id.asLong()));
        return h.createQuery("SELECT count(*) FROM " + table + " WHERE " + key + " IN (<ids>)").bindList("ids", list).mapTo(Long.class).one();
    }

    /**
     * What a dashboard does, as the auditor with plain JDBC: every few milliseconds, in one statement (one snapshot), the
     * names with more than one live version and the names whose ACTIVE pointer names another version than the live one.
     */
    private static final class Watcher implements Runnable {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong samples = new AtomicLong();
        final List<String> doubleLive = new ArrayList<>();
        final List<String> pointerDisagrees = new ArrayList<>();
        volatile double maxLoad;
        private final PostgresServer server;
        private final String database;

        Watcher(PostgresServer server, String database) {
            this.server = server;
            this.database = database;
        }

        @Override
        public void run() {
            long lastLoad = 0;
            try (Connection read = server.connectAs("audrey", database); Statement statement = read.createStatement()) {
                while (running.get()) {
                    try (ResultSet rows = statement.executeQuery("""
                            SELECT 'two live: ' || model_name || ' x' || count(*) FROM steward.model_registry
                             WHERE state = 'ACTIVE' AND archived = 0 GROUP BY model_name HAVING count(*) > 1
                            UNION ALL
                            SELECT 'pointer: ' || p.model_name || ' names ' || coalesce(p.active_model_id, '-') || ', live is '
                                   || coalesce(m.model_id, '-')
                              FROM steward.active_pointer p
                              LEFT JOIN steward.model_registry m ON m.model_name = p.model_name AND m.state = 'ACTIVE'
                             WHERE p.active_model_id IS DISTINCT FROM m.model_id""")) {
                        while (rows.next()) {
                            String found = rows.getString(1);
                            (found.startsWith("two live") ? doubleLive : pointerDisagrees).add(found);
                        }
                    }
                    samples.incrementAndGet();
                    if (System.nanoTime() - lastLoad > 1_000_000_000L) {
                        lastLoad = System.nanoTime();
                        maxLoad = Math.max(maxLoad, loadAverage()[0]);
                    }
                    LockSupport.parkNanos(5_000_000);
                }
            } catch (Exception failed) {
                doubleLive.add("the watcher failed: " + failed);
            }
        }
    }

    /** The server's own view of the run: transactions, rollbacks, deadlocks it detected, and its NOTIFY queue. */
    private static Map<String, Object> serverFigures(PostgresServer server, String database) throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        try (Connection c = server.superConnection(database);
             PreparedStatement stats = c.prepareStatement("""
                     SELECT current_setting('server_version'), d.xact_commit, d.xact_rollback, d.deadlocks,
                            pg_notification_queue_usage(),
                            (SELECT count(*) FROM steward.audit_log), (SELECT count(*) FROM steward.audit_signatures),
                            (SELECT count(*) FROM steward.model_registry), (SELECT count(*) FROM steward.transition_requests),
                            (SELECT count(*) FROM steward.approvals)
                       FROM pg_stat_database d WHERE d.datname = ?""")) {
            stats.setString(1, database);
            try (ResultSet row = stats.executeQuery()) {
                row.next();
                figures.put("version", row.getString(1));
                figures.put("xact_commit", row.getLong(2));
                figures.put("xact_rollback", row.getLong(3));
                figures.put("deadlocks_detected", row.getLong(4));
                figures.put("notify_queue_usage", row.getDouble(5));
                figures.put("audit_entries", row.getLong(6));
                figures.put("signed_heads", row.getLong(7));
                figures.put("versions", row.getLong(8));
                figures.put("requests", row.getLong(9));
                figures.put("approvals", row.getLong(10));
            }
        }
        return figures;
    }

    /** The ADMIN sets the load policy (no shadow period, one gate) with the real command line, as a login with a password. */
    private static void setPolicy(PostgresTeam team, Path home) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path policy = Path.of(PostgresLoadTest.class.getResource("/load/storm-policy.json").toURI());
        int exit = new Cli(new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), "ines", Environment.of(Map.of("PGPASSWORD", PostgresServer.passwordOf("ines"), "HOME", home.toString()))))
                .execute("policy", "set", "--db", team.server().url("ines", team.database()), "--file", policy.toString());
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** Runs {@code step} with the data directory (where the private keys are) set to {@code home}, as the workers have it. */
    private static void withHome(Path home, Step step) throws Exception {
        String previous = System.getProperty(AppDirs.HOME_PROPERTY);
        System.setProperty(AppDirs.HOME_PROPERTY, home.toString());
        try {
            step.run();
        } finally {
            if (previous == null) {
                System.clearProperty(AppDirs.HOME_PROPERTY);
            } else {
                System.setProperty(AppDirs.HOME_PROPERTY, previous);
            }
        }
    }

    static double[] loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2])};
        } catch (Exception unavailable) {
            return new double[] {-1, -1, -1};
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static void writeFigures(Map<String, Object> figures) throws Exception {
        Path out = Path.of("target", "postgresql");
        Files.createDirectories(out);
        String json = CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures);
        Files.writeString(out.resolve("load.json"), json);
        System.out.println(json);
    }
}
