package com.modelsteward.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.cli.Cli;
import com.modelsteward.cli.CliContext;
import com.modelsteward.config.AppDirs;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.Registry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storm as issue 19 describes it: 40 command-line processes ({@link StormWorker}) start together
 * against one registry — registering, requesting, approving, importing scorecards (pairs of them the same file) — while
 * the pipeline (Python's sqlite3, {@code load/pipeline_writer.py}) writes batches and a poller looks for two live
 * versions of one name. Every operation's effect is then looked up in the registry by its marker:
 *
 * <ul>
 *   <li>a lock error shown to a user, an internal error or a stack trace fails the test;</li>
 *   <li>a false failure is an operation that reported failure although its effect is in the registry;</li>
 *   <li>a lost write is a success whose effect is missing, a duplicate one whose effect is there twice.</li>
 * </ul>
 *
 * <p>Tagged {@code load}: it runs in {@code mvn verify}; {@code -DexcludedGroups=load} leaves it out. The figures go to
 * target/trust/storm-figures.json for docs/reliability.md.
 */
@Tag("load")
class StormTest {

    /** Issue 19's bar; {@code -Dtrust.storm.processes=N} for a quick look while developing. */
    static final int PROCESSES = Integer.getInteger("trust.storm.processes", 40);
    private static final long CAP_SECONDS = 600;

    @TempDir
    Path dir;

    @Test
    void fortyCommandLineProcessesAndThePipelineLoseNothingAndShowNoLockError() throws Exception {
        LoadFixture fixture = LoadFixture.create(dir);
        setPolicy(fixture);
        Path stop = dir.resolve("storm-done");
        Path pipelineAck = dir.resolve("pipeline.ack");
        Path script = Path.of(StormTest.class.getResource("/load/pipeline_writer.py").toURI());
        Process pipeline = new ProcessBuilder("python3", script.toString(), fixture.db.toString(), pipelineAck.toString(), stop.toString(),
                "2000", Long.toString(CAP_SECONDS))
                .redirectOutput(dir.resolve("pipeline.out").toFile()).redirectError(dir.resolve("pipeline.err").toFile()).start();
        AtomicBoolean polling = new AtomicBoolean(true);
        AtomicLong polls = new AtomicLong();
        List<String> doubleLive = new ArrayList<>();
        Thread poller = Thread.ofPlatform().name("double-live-poller").start(() -> poll(fixture.db, polling, polls, doubleLive));

        List<Process> processes = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < PROCESSES; i++) {
            String user = i % 2 == 0 ? LoadWorker.ANALYSTS.get(i / 2 % 2) : LoadWorker.OFFICERS.get(i / 2 % 2);
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Dsteward.home=" + fixture.home,
                    "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED",
                    StormWorker.class.getName(), fixture.db.toString(), dir.toString(), Integer.toString(i), user)
                    .redirectOutput(dir.resolve("storm-" + i + ".out").toFile()).redirectError(dir.resolve("storm-" + i + ".err").toFile())
                    .start());
        }
        for (Process process : processes) {
            assertTrue(process.waitFor(CAP_SECONDS, TimeUnit.SECONDS), "a command-line process did not finish");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Files.createFile(stop);
        assertTrue(pipeline.waitFor(CAP_SECONDS, TimeUnit.SECONDS), "the pipeline did not finish");
        polling.set(false);
        poller.join();

        List<JsonNode> operations = new ArrayList<>();
        Map<String, Long> stats = new LinkedHashMap<>();
        StringBuilder faults = new StringBuilder();
        for (int i = 0; i < PROCESSES; i++) {
            assertEquals(0, processes.get(i).exitValue(), "process " + i + ": " + Files.readString(dir.resolve("storm-" + i + ".err")));
            faults.append(Files.readString(dir.resolve("storm-" + i + ".err"), StandardCharsets.UTF_8));
            for (String line : Files.readAllLines(dir.resolve("storm-" + i + ".out"))) {
                JsonNode json = CanonicalJson.mapper().readTree(line);
                if (json.has("stats")) {
                    json.get("stats").properties().forEach(e -> stats.merge(e.getKey(), e.getValue().asLong(),
                            e.getKey().startsWith("max_") ? Math::max : Long::sum));
                } else {
                    operations.add(json);
                }
            }
        }
        JsonNode python = CanonicalJson.mapper().readTree(Files.readString(dir.resolve("pipeline.out")).strip());

        long succeeded = 0;
        long refused = 0;
        long maxMs = 0;
        List<String> lockErrors = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> falseFailures = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        Map<String, Long> refusalsByCode = new LinkedHashMap<>();
        Map<String, String> examples = new LinkedHashMap<>();
        Map<String, Long> slowest = new LinkedHashMap<>();
        try (Registry registry = Registry.open(fixture.db)) {
            for (JsonNode op : operations) {
                int exit = op.get("exit").asInt();
                String shown = op.get("err").asText();
                // The import's progress lines go to stderr too; the outcome is the line with the error code.
                String err = shown.lines().filter(l -> l.startsWith("E_")).findFirst().orElse("");
                String what = op.get("worker").asText() + " " + op.get("kind").asText() + " " + op.get("marker").asText() + ": " + err;
                maxMs = Math.max(maxMs, op.get("ms").asLong());
                long effect = effect(registry, op.get("kind").asText(), op.get("marker").asText(), op.get("user").asText());
                if (err.contains("E_REGISTRY_LOCKED") || err.contains("locked")) {
                    lockErrors.add(what);
                }
                if (err.startsWith("E_INTERNAL") || shown.contains("\tat ") || shown.contains("Exception")
                        || exit != 0 && !err.startsWith("E_IMPORT_INVALID") && shown.lines().filter(l -> !l.contains(" % (")).count() > 1) {
                    unexpected.add(what + " | " + shown);
                }
                slowest.merge(op.get("kind").asText(), op.get("ms").asLong(), Math::max);
                if (exit == 0) {
                    succeeded++;
                    if (effect != 1) {
                        lost.add(what + " (found " + effect + " times)");
                    }
                } else {
                    refused++;
                    refusalsByCode.merge(err.replaceFirst(":.*", ""), 1L, Long::sum);
                    examples.putIfAbsent(err.replaceFirst(":.*", ""), err);
                    if (effect != 0 && !op.get("kind").asText().equals("import-shared")) {
                        falseFailures.add(what);
                    }
                }
            }
            Map<String, Long> pairs = registry.readHandle(h -> {
                Map<String, Long> counts = new LinkedHashMap<>();
                h.createQuery("SELECT metric, count(*) FROM scorecards WHERE metric LIKE 'storm_pair_%' GROUP BY metric")
                        .map((r, ctx) -> Map.entry(r.getString(1), r.getLong(2))).forEach(e -> counts.put(e.getKey(), e.getValue()));
                return counts;
            });
            long sharedSuccesses = operations.stream().filter(op -> op.get("kind").asText().equals("import-shared") && op.get("exit").asInt() == 0).count();

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("processes", PROCESSES);
            figures.put("seconds", Math.round(seconds * 10) / 10.0);
            figures.put("operations", operations.size());
            figures.put("succeeded", succeeded);
            figures.put("refused", refused);
            figures.put("refusals_by_code", refusalsByCode);
            figures.put("refusal_examples", examples);
            figures.put("lock_errors_shown", lockErrors.size());
            figures.put("false_failures", falseFailures.size());
            figures.put("lost_or_duplicated", lost.size());
            figures.put("longest_operation_ms", maxMs);
            figures.put("longest_operation_ms_by_kind", slowest);
            figures.put("writes", stats);
            figures.put("double_live_polls", polls.get());
            figures.put("double_live_seen", doubleLive.size());
            figures.put("pipeline", python);
            writeFigures(figures);

            assertEquals("", faults.toString(), "no process wrote anything else on stderr");
            assertEquals(List.of(), lockErrors, "lock errors shown");
            assertEquals(List.of(), unexpected, "one line, no internal error, no stack trace");
            assertEquals(List.of(), falseFailures, "operations that committed but reported failure");
            assertEquals(List.of(), lost, "successes whose effect is missing or doubled");
            assertEquals(List.of(), doubleLive, "two live versions of one name");
            assertEquals(0, python.get("failures").asLong(), "the pipeline lost no write");
            assertEquals(List.of(), LoadFixture.missingAcknowledged(registry, pipelineAck), "acknowledged by the pipeline");
            assertEquals(pairs.size(), sharedSuccesses, "each shared file imported by exactly one of its two processes: " + pairs);
            assertTrue(pairs.values().stream().allMatch(n -> n == 1), "a shared file's row once: " + pairs);
            assertTrue(succeeded >= PROCESSES, "most operations succeed: " + succeeded);
            LoadFixture.assertWhole(registry);
        }
    }

    /** How many times the operation's effect is in the registry. */
    private static long effect(Registry registry, String kind, String marker, String user) {
        return registry.readHandle(h -> switch (kind) {
            case "register" -> h.createQuery("SELECT count(*) FROM model_registry WHERE model_id = :m").bind("m", marker).mapTo(Long.class).one();
            case "request" -> h.createQuery("SELECT count(*) FROM transition_requests WHERE justification = :m AND requested_by = :u")
                    .bind("m", marker).bind("u", user).mapTo(Long.class).one();
            case "approve" -> h.createQuery("SELECT count(*) FROM approvals WHERE comment = :m AND approver = :u")
                    .bind("m", marker).bind("u", user).mapTo(Long.class).one();
            // The own file holds two rows of its marker metric.
            case "import" -> h.createQuery("SELECT count(*) / 2 FROM scorecards WHERE metric = :m").bind("m", marker).mapTo(Long.class).one();
            case "import-shared" -> h.createQuery("SELECT count(*) FROM scorecards WHERE metric = :m").bind("m", marker).mapTo(Long.class).one();
            default -> throw new IllegalArgumentException(kind);
        });
    }

    /** What a dashboard does: polls the live versions per name, read-only, as fast as it can. */
    private static void poll(Path db, AtomicBoolean polling, AtomicLong polls, List<String> doubleLive) {
        try (Connection read = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
             Statement statement = read.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
            while (polling.get()) {
                try (ResultSet rows = statement.executeQuery("""
                        SELECT model_name, count(*) FROM model_registry WHERE state = 'ACTIVE' AND archived = 0
                         GROUP BY model_name HAVING count(*) > 1""")) {
                    while (rows.next()) {
                        synchronized (doubleLive) {
                            doubleLive.add(rows.getString(1) + " x" + rows.getLong(2));
                        }
                    }
                }
                polls.incrementAndGet();
                // A dashboard polls often, not in a busy loop: this one must not take a core from the processes under test.
                LockSupport.parkNanos(2_000_000);
            }
        } catch (Exception failed) {
            synchronized (doubleLive) {
                doubleLive.add("the poller failed: " + failed);
            }
        }
    }

    private static void setPolicy(LoadFixture fixture) throws Exception {
        String previousHome = System.getProperty(AppDirs.HOME_PROPERTY);
        System.setProperty(AppDirs.HOME_PROPERTY, fixture.home.toString());
        try {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = new Cli(new CliContext(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC(), "ada"))
                    .execute("policy", "set", "--db", fixture.db.toString(), "--file",
                            Path.of(StormTest.class.getResource("/load/storm-policy.json").toURI()).toString());
            assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            if (previousHome == null) {
                System.clearProperty(AppDirs.HOME_PROPERTY);
            } else {
                System.setProperty(AppDirs.HOME_PROPERTY, previousHome);
            }
        }
    }

    private static void writeFigures(Map<String, Object> figures) throws Exception {
        Path out = Path.of("target", "trust");
        Files.createDirectories(out);
        String json = CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(figures);
        Files.writeString(out.resolve("storm-figures.json"), json);
        System.out.println(json);
    }
}
