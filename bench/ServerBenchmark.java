import com.modelsteward.demo.ScaleGenerator;
import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Principals;
import com.modelsteward.lineage.GraphLayout;
import com.modelsteward.lineage.LineageEvidence;
import com.modelsteward.lineage.LineageService;
import com.modelsteward.lineage.LineageTree;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.Location;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.PostgresServer;
import com.modelsteward.ui.models.ModelsViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * PostgreSQL beside SQLite in one run (issue 21, item 8): the rows docs/performance.md has for SQLite, measured on both
 * engines on the same scale registry, in pairs whose order alternates (A B, B A, …) after one uncounted pair; then the
 * throughput and p99 of transitions with 1, 4 and 16 concurrent clients on each engine; and beside each figure its floor
 * — a bare {@code SELECT 1} round trip and an empty write transaction on the same registry. A benchmark, never a test:
 * run it by hand and say how loaded the machine was (it prints the load average before and after).
 *
 * <pre>mvn -B -q package -DskipTests
 * mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -Xmx2g --enable-native-access=ALL-UNNAMED -cp "target/classes:target/test-classes:$(cat target/test-classpath.txt)" \
 *      bench/ServerBenchmark.java [sizes, default 1000,10000] [pairs, default 5]</pre>
 *
 * The server is the embedded PostgreSQL from the test class path (io.zonky.test, started by the benchmark), or Debian's
 * with {@code -Dsteward.pg.url=postgresql://postgres:PASSWORD@127.0.0.1:5432/postgres} (a superuser's address).
 *
 * <p>The console opens registry files only in this build, so the console's rows are measured one layer down, where they
 * differ between engines: the queries its views run ({@link ModelCatalog}, {@link LineageService}) and the same pure
 * computations (the Models filter, the lineage layout); painting is the same on either engine.
 */
public final class ServerBenchmark {

    private static final Instant ANCHOR = Instant.parse("2026-11-01T12:00:00Z");
    private static final String REQUESTER = "scale.requester";
    private static final int WARM_COMMITS = 10;
    private static final int TIMED_COMMITS = 20;
    private static final int CONCURRENT_COMMITS = 160;
    /** {@code -Dbench.concurrentPairs=0} leaves the concurrent clients out (e.g. for a run at 100 000 versions alone). */
    private static final int CONCURRENT_PAIRS = Integer.getInteger("bench.concurrentPairs", 3);

    /** One engine's registry as the requester opens it. */
    private record Side(String engine, Location location) {
    }

    /** Per row, per engine, the value of each counted pair (ms, or what the row says). */
    private static final Map<String, Map<String, List<Double>>> ROWS = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        String[] sizes = (args.length > 0 ? args[0] : "1000,10000").split(",");
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path work = Files.createTempDirectory("steward-server-bench");
        System.setProperty("steward.home", work.resolve("home").toString());
        System.out.println("load before: " + uptime());
        PostgresServer server = PostgresServer.get();
        String serverVersion;
        try (Connection c = server.superConnection("postgres"); Statement s = c.createStatement();
             ResultSet v = s.executeQuery("SELECT current_setting('server_version')")) {
            v.next();
            serverVersion = v.getString(1);
        }
        System.out.println("PostgreSQL " + serverVersion + " at " + server.host() + ":" + server.port()
                + (System.getProperty("steward.pg.url", "").isBlank() ? " (embedded, from the test class path)" : " (given by -Dsteward.pg.url)"));

        Side firstSqlite = null;
        Side firstServer = null;
        Path firstFile = null;
        String firstDatabase = null;
        for (String spec : sizes) {
            int size = Integer.parseInt(spec);
            ROWS.clear();
            Path file = work.resolve("scale-" + size + ".db");
            long t = System.nanoTime();
            new ScaleGenerator(20261122L, ANCHOR, "bench").create(file, size, done -> { }).close();
            double sqliteGeneration = (System.nanoTime() - t) / 1e9;
            String database = server.freshDatabase();
            t = System.nanoTime();
            new ScaleGenerator(20261122L, ANCHOR, "bench").create(Location.parse(server.superuserUrl(database)), size, done -> { }).close();
            double serverGeneration = (System.nanoTime() - t) / 1e9;
            // The requester is a login of its own in the analysts' group (which the first registry made), as on a team's server.
            server.createLogin(REQUESTER, "steward_analyst");
            System.out.printf(Locale.ROOT, "%,d versions generated: SQLite %.1f s, PostgreSQL %.1f s   [load %s]%n", size, sqliteGeneration,
                    serverGeneration, load());

            // Only as many as the commit rows take: each clone is a version more in the rows that read every version.
            int candidates = (pairs + 1) * (WARM_COMMITS + TIMED_COMMITS);
            addCandidates(file, server, database, candidates);
            Side sqlite = new Side("SQLite", new Location.File(file));
            Side postgres = new Side("PostgreSQL", ((Location.Server) Location.parse(server.url(REQUESTER, database)))
                    .as(REQUESTER, PostgresServer.passwordOf(REQUESTER)));
            if (firstSqlite == null) {
                firstSqlite = sqlite;
                firstServer = postgres;
                firstFile = file;
                firstDatabase = database;
            }
            for (int pair = -1; pair < pairs; pair++) {
                List<Side> order = pair % 2 == 0 ? List.of(postgres, sqlite) : List.of(sqlite, postgres);
                for (Side side : order) {
                    measure(side, pair >= 0);
                }
                System.out.printf(Locale.ROOT, "  pair %d done   [load %s]%n", pair, load());
            }
            System.out.printf(Locale.ROOT, "%n### %,d versions (%d pairs after one uncounted; generation: SQLite %.1f s, PostgreSQL %.1f s)%n%n", size,
                    pairs, sqliteGeneration, serverGeneration);
            printRows();
        }

        if (CONCURRENT_PAIRS == 0) {
            finish(work);
        }
        System.out.printf(Locale.ROOT, "%n### Transitions with concurrent clients (%s versions, %d commits per run, %d pairs after one uncounted)%n%n",
                sizes[0], CONCURRENT_COMMITS, CONCURRENT_PAIRS);
        ROWS.clear();
        addCandidates(firstFile, server, firstDatabase, 3 * (CONCURRENT_PAIRS + 1) * CONCURRENT_COMMITS);
        // Pairs outside, client counts inside: the JIT and the registry's growth reach every count alike.
        for (int pair = -1; pair < CONCURRENT_PAIRS; pair++) {
            for (int clients : new int[] {1, 4, 16}) {
                List<Side> order = pair % 2 == 0 ? List.of(firstServer, firstSqlite) : List.of(firstSqlite, firstServer);
                for (Side side : order) {
                    concurrent(side, clients, pair >= 0);
                }
            }
            System.out.printf(Locale.ROOT, "  pair %d done   [load %s]%n", pair, load());
        }
        printRows();
        finish(work);
    }

    /** Prints the load, removes the registry files (half a gigabyte at 100 000 versions) and ends the embedded server. */
    private static void finish(Path work) throws Exception {
        System.out.println();
        System.out.println("load after: " + uptime());
        try (var files = Files.walk(work)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
        System.exit(0);
    }

    /** Every row of one engine, once. */
    private static void measure(Side side, boolean counted) throws Exception {
        long t0 = System.nanoTime();
        Registry registry = Registry.open(side.location());
        try {
            long opened = System.nanoTime() - t0;
            ModelCatalog catalog = new ModelCatalog(registry);
            catalog.newestVersions(200);
            long newest = System.nanoTime() - t0;
            long count = catalog.versionCount();
            long firstScreen = System.nanoTime() - t0;
            System.out.printf(Locale.ROOT, "    %s: Registry.open %.1f ms, + newest 200 %.1f ms, + count %.1f ms%n", side.engine(), opened / 1e6,
                    newest / 1e6, firstScreen / 1e6);
            List<ModelSummary> all = catalog.versions();
            long everyVersion = System.nanoTime() - t0;
            if (all.size() != count) {
                throw new IllegalStateException(side.engine() + ": " + all.size() + " summaries of " + count + " versions");
            }
            record(counted, "open + Models' first screen: Registry.open, the newest 200 versions and the count", side, firstScreen);
            record(counted, "… and every version's summary, which the filters need", side, everyVersion);

            List<String> keys = all.stream().map(ModelsViewModel::searchKey).toList();
            List<Long> searches = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                String text = i % 3 == 0 ? "strategy_0" + (i % 10) : (i % 3 == 1 ? "." + i + ".0" : "");
                long t = System.nanoTime();
                ModelsViewModel.filter(all, keys, ModelsViewModel.ALL, ModelsViewModel.ALL, text, null);
                searches.add(System.nanoTime() - t);
            }
            record(counted, "filter/search over every version in memory (median of 21)", side, median(searches));

            LineageService lineage = new LineageService(registry, Map.of());
            LineageTree tree = lineage.tree();
            List<String> names = catalog.modelNames();
            List<Long> selections = new ArrayList<>();
            for (int i = 0; i <= 6; i++) {
                String name = names.get(i % names.size());
                List<ModelSummary> versions = catalog.versionsOf(name);
                String id = versions.get(versions.size() / 2 + i).modelId();
                long t = System.nanoTime();
                LineageEvidence evidence = lineage.evidence(id);
                lineage.check(evidence);
                GraphLayout.of(tree.group(name).orElseThrow());
                if (i > 0) {
                    selections.add(System.nanoTime() - t);
                }
            }
            record(counted, "lineage: select a version of a 1 000-version name — its evidence, its check, the name's graph layout (median of 6)", side,
                    median(selections));

            Identity requester = Principals.resolve(registry, REQUESTER, Optional.empty());
            GovernanceEngine engine = new GovernanceEngine(registry, PolicyLoader.builtIn(Map.of()), Clock.systemUTC());
            List<String> candidates = candidates(registry, WARM_COMMITS + TIMED_COMMITS);
            List<Long> commits = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                long t = System.nanoTime();
                engine.request(requester, candidates.get(i), "SHADOW", "benchmark");
                if (i >= WARM_COMMITS) {
                    commits.add(System.nanoTime() - t);
                }
            }
            record(counted, "transition commit (CANDIDATE → SHADOW at once), p50 of " + TIMED_COMMITS, side, percentile(commits, 50));
            record(counted, "transition commit, p99 (the slowest of " + TIMED_COMMITS + ")", side, percentile(commits, 99));

            List<Long> roundTrips = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long t = System.nanoTime();
                registry.readHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
                roundTrips.add(System.nanoTime() - t);
            }
            record(counted, "floor: `SELECT 1` through the registry (median of 200)", side, median(roundTrips));
            List<Long> empty = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                long t = System.nanoTime();
                registry.writeHandle(h -> null);
                empty.add(System.nanoTime() - t);
            }
            record(counted, "floor: an empty write transaction — take the write lock, commit (median of 100)", side, median(empty));
        } finally {
            registry.close();
        }
    }

    /**
     * {@value #CONCURRENT_COMMITS} transitions shared by {@code clients} threads, each with a registry of its own (on
     * PostgreSQL its own connection as the requester's login; on SQLite its own connections to the file): commits per
     * second over the run and the p99 of one commit.
     */
    private static void concurrent(Side side, int clients, boolean counted) throws Exception {
        List<Registry> registries = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            registries.add(Registry.open(side.location()));
        }
        try {
            ConcurrentLinkedQueue<String> work = new ConcurrentLinkedQueue<>(candidates(registries.getFirst(), CONCURRENT_COMMITS));
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            long t0 = System.nanoTime();
            for (Registry registry : registries) {
                Identity requester = Principals.resolve(registry, REQUESTER, Optional.empty());
                GovernanceEngine engine = new GovernanceEngine(registry, PolicyLoader.builtIn(Map.of()), Clock.systemUTC());
                threads.add(Thread.ofPlatform().start(() -> {
                    for (String id = work.poll(); id != null; id = work.poll()) {
                        long t = System.nanoTime();
                        engine.request(requester, id, "SHADOW", "benchmark");
                        latencies.add(System.nanoTime() - t);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (latencies.size() != CONCURRENT_COMMITS) {
                throw new IllegalStateException(side.engine() + ": " + latencies.size() + " of " + CONCURRENT_COMMITS + " commits");
            }
            String clientsText = clients + (clients == 1 ? " client" : " clients");
            keep(counted, clientsText + ": transitions committed per second", side, CONCURRENT_COMMITS / seconds, "/s");
            record(counted, clientsText + ": p99 of one transition", side, percentile(latencies, 99));
        } finally {
            registries.forEach(Registry::close);
        }
    }

    /** The next CANDIDATE versions, the oldest clones first. */
    private static List<String> candidates(Registry registry, int n) {
        return registry.readHandle(h -> h.createQuery("""
                        SELECT model_id FROM model_registry WHERE state = 'CANDIDATE' AND model_id LIKE '%-c%'
                         ORDER BY model_id LIMIT :n""").bind("n", n).mapTo(String.class).list());
    }

    /**
     * The scale registry has one CANDIDATE per name: more are cloned with their scorecards under new versions, the way the
     * pipeline adds them (plain SQL, as bench/EngineBenchmark.java does): at least {@code wanted} more.
     */
    private static void addCandidates(Path file, PostgresServer server, String database, int wanted) throws Exception {
        addCandidates(DriverManager.getConnection("jdbc:sqlite:" + file), wanted);
        Connection owner = server.superConnection(database);
        try (Statement path = owner.createStatement()) {
            path.execute("SET search_path = steward");
        }
        addCandidates(owner, wanted);
        // What autovacuum does within a minute of a bulk load. Without statistics the server plans the first queries on a
        // just-generated registry blind: a lineage selection's evidence took 150 ms instead of 5-17 ms at 1 000 versions.
        try (Connection analyze = server.superConnection(database); Statement sql = analyze.createStatement()) {
            sql.execute("ANALYZE");
        }
    }

    private static void addCandidates(Connection pipeline, int wanted) throws Exception {
        try (pipeline) {
            pipeline.setAutoCommit(false);
            int originals;
            int cloned;
            try (Statement sql = pipeline.createStatement(); ResultSet count = sql.executeQuery("""
                    SELECT (SELECT count(*) FROM model_registry WHERE state = 'CANDIDATE' AND model_id NOT LIKE '%-c%'),
                           (SELECT count(*) FROM model_registry WHERE model_id LIKE '%-c%')""")) {
                count.next();
                originals = count.getInt(1);
                cloned = count.getInt(2);
            }
            int first = cloned / originals + 1;
            for (int clone = first; (clone - first) * originals < wanted; clone++) {
                String suffix = String.format(Locale.ROOT, "-c%05d", clone);
                try (PreparedStatement models = pipeline.prepareStatement("""
                             INSERT INTO model_registry (model_id, model_name, model_type, version, state, parent_id, path_ref,
                                 training_config_json, training_config_hash, data_snapshot_ref, data_snapshot_hash, feature_graph_hash,
                                 code_commit, created_at, created_by)
                             SELECT model_id || ?, model_name, model_type, version || ?, 'CANDIDATE', parent_id, path_ref,
                                 training_config_json, training_config_hash, data_snapshot_ref, data_snapshot_hash, feature_graph_hash,
                                 code_commit, created_at, created_by
                               FROM model_registry WHERE state = 'CANDIDATE' AND model_id NOT LIKE '%-c%'""");
                     PreparedStatement scorecards = pipeline.prepareStatement("""
                             INSERT INTO scorecards (model_id, pack_id, metric, value, generated_at, source)
                             SELECT s.model_id || ?, s.pack_id, s.metric, s.value, s.generated_at, s.source
                               FROM scorecards s JOIN model_registry m ON m.model_id = s.model_id
                              WHERE m.state = 'CANDIDATE' AND m.model_id NOT LIKE '%-c%'""")) {
                    models.setString(1, suffix);
                    models.setString(2, suffix);
                    models.executeUpdate();
                    scorecards.setString(1, suffix);
                    scorecards.executeUpdate();
                }
            }
            pipeline.commit();
        }
    }

    /** A duration, shown in milliseconds. */
    private static void record(boolean counted, String row, Side side, long nanos) {
        keep(counted, row, side, nanos / 1e6, " ms");
    }

    private static void keep(boolean counted, String row, Side side, double value, String unit) {
        System.out.printf(Locale.ROOT, "    %s %s: %.2f%s%n", side.engine(), row, value, unit);
        if (counted) {
            ROWS.computeIfAbsent(row, k -> new LinkedHashMap<>()).computeIfAbsent(side.engine(), k -> new ArrayList<>()).add(value);
        }
    }

    /** One line per row: each engine's median (min–max) over the pairs, and PostgreSQL / SQLite per pair. */
    private static void printRows() {
        System.out.println("| figure | SQLite, median (min–max) | PostgreSQL, median (min–max) | PostgreSQL / SQLite, per pair |");
        System.out.println("|---|---|---|---|");
        ROWS.forEach((row, byEngine) -> {
            List<Double> sqlite = byEngine.get("SQLite");
            List<Double> postgres = byEngine.get("PostgreSQL");
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < Math.min(sqlite.size(), postgres.size()); i++) {
                ratios.add(postgres.get(i) / sqlite.get(i));
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", row, spread(sqlite, row), spread(postgres, row), ratioSpread(ratios));
        });
    }

    private static String spread(List<Double> values, String row) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        Function<Double, String> f = v -> row.contains("per second") ? String.format(Locale.ROOT, "%.1f", v)
                : v < 10 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.0f", v);
        String unit = row.contains("per second") ? "/s" : " ms";
        return f.apply(medianOf(sorted)) + unit + " (" + f.apply(sorted.getFirst()) + "–" + f.apply(sorted.getLast()) + ")";
    }

    private static String ratioSpread(List<Double> ratios) {
        List<Double> sorted = new ArrayList<>(ratios);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", medianOf(sorted), sorted.getFirst(), sorted.getLast());
    }

    private static double medianOf(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
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

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static String uptime() throws Exception {
        Process uptime = new ProcessBuilder("uptime").redirectErrorStream(true).start();
        return new String(uptime.getInputStream().readAllBytes()).strip();
    }
}
