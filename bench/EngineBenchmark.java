import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.Identity;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.governance.Role;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Registry;
import com.modelsteward.demo.ScaleGenerator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The engine and storage figures of docs/performance.md without the console: generation, transition commit latency,
 * rollback latency and {@code audit verify} throughput, on registries of 1 000 and 100 000 versions. Like
 * {@code ScaleBenchmark} it is run by hand, never as a test (the machines are shared and noisy).
 *
 * <pre>mvn -B -q package -DskipTests
 * java --enable-native-access=ALL-UNNAMED -cp "target/classes:target/lib/*" bench/EngineBenchmark.java [sizes] [generation runs]</pre>
 *
 * With {@code -Dbench.dir=DIR} the registries are kept in DIR, and 0 generation runs reuses the ones already there
 * (to iterate on the commit figures without regenerating 100 000 versions each time).
 *
 * Each figure is printed with the load average at the time, so a reader can tell a quiet run from a loaded one.
 */
public final class EngineBenchmark {

    private static final Instant ANCHOR = Instant.parse("2026-11-01T12:00:00Z");

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "1000,100000").split(",")).mapToInt(Integer::parseInt).toArray();
        int generations = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = System.getProperty("bench.dir") == null ? Files.createTempDirectory("steward-engine-bench")
                : Files.createDirectories(Path.of(System.getProperty("bench.dir")));
        System.setProperty("steward.home", work.resolve("home").toString());
        for (int size : sizes) {
            Path file = work.resolve("scale-" + size + ".db");
            List<Long> runs = new ArrayList<>();
            for (int run = 0; run < generations; run++) {
                deleteRegistry(file);
                long t0 = System.nanoTime();
                new ScaleGenerator(20261122L, ANCHOR, "bench").create(file, size, done -> { }).close();
                runs.add(System.nanoTime() - t0);
                report(size, "generation run " + (run + 1), seconds(runs.getLast()));
            }
            if (!runs.isEmpty()) {
                report(size, "generate the registry, median of " + runs.size(), seconds(median(runs)));
            }
            governance(file, size, work);
            auditVerify(file, size);
        }
    }

    /**
     * Transition commits (CANDIDATE -> SHADOW, executed at once) and O(1) rollbacks, on copies of the generated file.
     *
     * <p>Commits: the scale registry has one CANDIDATE per model name, so the copy first gets more, the way the pipeline
     * adds them (plain SQL: each candidate cloned with its scorecards under a new version), until there are 400; all
     * run on one open registry, and the first 300 only warm up (interpreter, then the JIT's first compilations: at
     * 1 000 versions nothing else has warmed the JVM) — the figure is the last 100. Rollbacks: one per name with a last-known-good, on fresh copies, after one unrecorded copy.
     */
    private static void governance(Path file, int size, Path work) throws Exception {
        Identity analyst = new Identity("scale.requester", Set.of(Role.ANALYST), false);
        Identity officer = new Identity("scale.officer", Set.of(Role.RISK_OFFICER), false);
        List<Long> commits = new ArrayList<>();
        List<Long> commitCpu = new ArrayList<>();
        List<Long> rollbacks = new ArrayList<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Path copyFile = work.resolve("governance-" + size + ".db");
        Files.copy(file, copyFile, StandardCopyOption.REPLACE_EXISTING);
        addCandidates(copyFile, 400);
        try (Registry registry = Registry.open(copyFile)) {
            GovernanceEngine engine = new GovernanceEngine(registry, PolicyLoader.builtIn(Map.of()), Clock.systemUTC());
            List<String> candidates = registry.readHandle(h -> h.createQuery(
                    "SELECT model_id FROM model_registry WHERE state = 'CANDIDATE' ORDER BY model_id").mapTo(String.class).list());
            for (int i = 0; i < candidates.size(); i++) {
                long t = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                engine.request(analyst, candidates.get(i), "SHADOW", "benchmark");
                if (i >= candidates.size() - 100) {
                    commits.add(System.nanoTime() - t);
                    commitCpu.add(threads.getCurrentThreadCpuTime() - cpu);
                }
            }
        }
        deleteRegistry(copyFile);
        int copies = Math.max(1, 100 / Math.max(1, size / ScaleGenerator.VERSIONS_PER_NAME));
        for (int copy = -1; copy < copies; copy++) {
            Files.copy(file, copyFile, StandardCopyOption.REPLACE_EXISTING);
            try (Registry registry = Registry.open(copyFile)) {
                GovernanceEngine engine = new GovernanceEngine(registry, PolicyLoader.builtIn(Map.of()), Clock.systemUTC());
                List<String> names = registry.readHandle(h -> h.createQuery(
                        "SELECT model_name FROM active_pointer WHERE last_known_good_id IS NOT NULL ORDER BY model_name").mapTo(String.class).list());
                // The first write to a freshly copied file pays for it (pages read, log started); at 1 000 versions every
                // rollback would be that first write. A throwaway write first: the figure is the rollback's own cost.
                registry.writeHandle(h -> h.execute("INSERT OR REPLACE INTO registry_meta (key, value) VALUES ('bench', 'warm')"));
                for (String name : names) {
                    long t = System.nanoTime();
                    engine.rollback(officer, name, "benchmark");
                    if (copy >= 0) {
                        rollbacks.add(System.nanoTime() - t);
                    }
                }
            }
            deleteRegistry(copyFile);
        }
        report(size, "transition commit latency p50 / p99", millis(percentile(commits, 50)) + " / " + millis(percentile(commits, 99))
                + " (" + commits.size() + " commits, max " + millis(percentile(commits, 100)) + ")");
        // CPU time of the committing thread (SQLite runs on it): what the commit costs, without the waits for a core
        // that a loaded machine adds to the wall-clock figure.
        report(size, "transition commit CPU time p50 / p99", millis(percentile(commitCpu, 50)) + " / " + millis(percentile(commitCpu, 99)));
        report(size, "rollback latency, median", millis(median(rollbacks)) + " (" + rollbacks.size() + " rollbacks)");
    }

    /** Clones the file's CANDIDATE versions (with their scorecards) under new versions until it holds {@code wanted}. */
    private static void addCandidates(Path file, int wanted) throws Exception {
        try (Connection pipeline = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            pipeline.setAutoCommit(false);
            int have;
            try (Statement sql = pipeline.createStatement(); ResultSet count = sql.executeQuery(
                    "SELECT count(*) FROM model_registry WHERE state = 'CANDIDATE'")) {
                have = count.getInt(1);
            }
            int originals = have;
            for (int clone = 1; have < wanted; clone++) {
                try (PreparedStatement models = pipeline.prepareStatement("""
                             INSERT INTO model_registry (model_id, model_name, model_type, version, state, parent_id, path_ref,
                                 training_config_json, training_config_hash, data_snapshot_ref, data_snapshot_hash, feature_graph_hash,
                                 code_commit, created_at, created_by)
                             SELECT model_id || '-c' || ?1, model_name, model_type, version || '-c' || ?1, 'CANDIDATE', parent_id, path_ref,
                                 training_config_json, training_config_hash, data_snapshot_ref, data_snapshot_hash, feature_graph_hash,
                                 code_commit, created_at, created_by
                               FROM model_registry WHERE state = 'CANDIDATE' AND model_id NOT LIKE '%-c%'""");
                     PreparedStatement scorecards = pipeline.prepareStatement("""
                             INSERT INTO scorecards (model_id, pack_id, metric, value, generated_at, source)
                             SELECT s.model_id || '-c' || ?1, s.pack_id, s.metric, s.value, s.generated_at, s.source
                               FROM scorecards s JOIN model_registry m ON m.model_id = s.model_id
                              WHERE m.state = 'CANDIDATE' AND m.model_id NOT LIKE '%-c%'""")) {
                    models.setInt(1, clone);
                    models.executeUpdate();
                    scorecards.setInt(1, clone);
                    scorecards.executeUpdate();
                }
                have += originals;
            }
            pipeline.commit();
        }
    }

    private static void auditVerify(Path file, int size) throws Exception {
        try (Registry registry = Registry.open(file)) {
            List<Long> runs = new ArrayList<>();
            long entries = 0;
            long cold = 0;
            for (int i = 0; i < 6; i++) {
                long t = System.nanoTime();
                AuditTrail.Verification result = AuditTrail.verify(registry);
                long took = System.nanoTime() - t;
                if (i == 0) {
                    cold = took;
                } else {
                    runs.add(took);
                }
                entries = result.checked();
                if (!result.ok()) {
                    throw new IllegalStateException("the generated chain does not verify: " + result.problem());
                }
            }
            report(size, "`audit verify` throughput", String.format(Locale.ROOT,
                    "%,.0f entries/s cold, %,.0f warm (median of 5) over %,d entries", entries / (cold / 1e9), entries / (median(runs) / 1e9),
                    entries));
        }
    }

    private static void deleteRegistry(Path file) throws Exception {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
    }

    private static void report(int size, String figure, String value) throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        System.out.printf(Locale.ROOT, "%,d versions: %s = %s   [load %s]%n", size, figure, value, load);
    }

    private static long median(List<Long> values) {
        return percentile(values, 50);
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
