import com.modelsteward.scorecards.ImportCancelled;
import com.modelsteward.scorecards.ScorecardImport;
import com.modelsteward.registry.Registry;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * A scorecard CSV of N megabytes (default 1 024) imported into a fresh registry of three versions, timed by phase, then the same file
 * imported again and cancelled at half-way through the reading. Not a test: run it by hand (docs/reliability.md):
 *
 * <pre>mvn -B -o -q package -DskipTests
 * java -Xmx64m -XX:+UseSerialGC -cp "target/classes:target/lib/*" bench/ImportBenchmark.java [megabytes] [folder]</pre>
 *
 * Prints file size, rows, time reading+staging, time holding the registry's write lock (the copy), rows/s, peak heap used
 * (sum of the heap pools' peaks, an upper bound; and the most still live after a collection), the heap limit, peak RSS, and the time from cancel to the refusal.
 */
public final class ImportBenchmark {

    /** The most heap still in use right after a full collection: the live data, which bounded memory is about. */
    private static final java.util.concurrent.atomic.AtomicLong LIVE_PEAK = new java.util.concurrent.atomic.AtomicLong();

    private static void watchLiveHeap() {
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((javax.management.NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
                var info = com.sun.management.GarbageCollectionNotificationInfo.from((javax.management.openmbean.CompositeData) notification.getUserData());
                if (!info.getGcAction().contains("major")) {
                    return;
                }
                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(pool -> ManagementFactory.getMemoryPoolMXBeans().stream()
                                .anyMatch(bean -> bean.getName().equals(pool.getKey()) && bean.getType() == MemoryType.HEAP))
                        .mapToLong(pool -> pool.getValue().getUsed()).sum();
                LIVE_PEAK.accumulateAndGet(used, Math::max);
            }, notification -> notification.getType().equals(com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION), null);
        }
    }

    public static void main(String[] args) throws Exception {
        watchLiveHeap();
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        Path folder = Files.createTempDirectory(args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir")), "import-bench");
        Path db = folder.resolve("bench.db");
        List<String> models = List.of("momentum_xgb-3.1.0", "crypto_basis_gbm-2.0.0", "momentum_xgb-3.2.0");
        try (Registry registry = Registry.create(db)) {
            registry.writeHandle(h -> {
                for (String model : models) {
                    h.execute("INSERT INTO model_registry (model_id, model_name, model_type, version) VALUES (?, ?, 'signal_model', ?)",
                            model, model.substring(0, model.indexOf('-')), model.substring(model.indexOf('-') + 1));
                }
                return null;
            });
        }
        Path csv = folder.resolve("scorecards.csv");
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write("model_id,pack_id,metric,value,generated_at\n");
            for (long written = 0; written < megabytes * 1_000_000; rows++) {
                String line = models.get((int) (rows % 3)) + ",bench_large_v1,metric_" + rows + "," + (rows % 1000) / 997.0 + ",2026-10-"
                        + (10 + rows % 20) + "T08:00:00Z\n";
                out.write(line);
                written += line.length();
            }
        }
        System.out.printf(Locale.ROOT, "file %,d bytes, %,d rows; load %s%n", Files.size(csv), rows, Files.readString(Path.of("/proc/loadavg")).strip());
        long[] copyStarted = {0};
        try (Registry registry = Registry.open(db)) {
            long start = System.nanoTime();
            ScorecardImport.Result result = ScorecardImport.importCsv(registry, csv, Clock.systemUTC(), "bench", new ScorecardImport.Listener() {
                @Override
                public void reading(long r, long bytes, long total) {
                }

                @Override
                public void copying(long copied, long total) {
                    if (copyStarted[0] == 0) {
                        copyStarted[0] = System.nanoTime();
                    }
                }
            });
            long end = System.nanoTime();
            System.out.printf(Locale.ROOT, "imported %,d rows in %.1f s (%,.0f rows/s, %.1f MB/s); copy into the registry"
                            + " (INSERT … SELECT and audit entry, write lock held): %.1f s%n", result.rows(), (end - start) / 1e9, result.rows() / ((end - start) / 1e9),
                    Files.size(csv) / 1e6 / ((end - start) / 1e9), (end - copyStarted[0]) / 1e9);
            long[] cancelAt = {0};
            long cancelStart = System.nanoTime();
            try {
                ScorecardImport.importCsv(registry, csv, Clock.systemUTC(), "bench", new ScorecardImport.Listener() {
                    @Override
                    public void reading(long r, long bytes, long total) {
                        if (cancelAt[0] == 0 && bytes >= total / 2) {
                            cancelAt[0] = System.nanoTime();
                        }
                    }

                    @Override
                    public boolean cancelled() {
                        return cancelAt[0] != 0;
                    }
                });
                System.out.println("the second import was not cancelled");
            } catch (ImportCancelled cancelled) {
                long now = System.nanoTime();
                System.out.printf(Locale.ROOT, "cancelled at half-way after %.1f s; refusal %.3f s after the cancel: %s%n",
                        (cancelAt[0] - cancelStart) / 1e9, (now - cancelAt[0]) / 1e9, cancelled.getMessage());
            }
        }
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:")).findFirst().orElse("?");
        System.out.printf(Locale.ROOT, "peak heap used %.1f MB (live after GC at most %.1f MB) of max %.1f MB; peak RSS %s; registry %,d bytes%n",
                peakHeap / 1e6, LIVE_PEAK.get() / 1e6, Runtime.getRuntime().maxMemory() / 1e6, rss.replaceAll("\\s+", " "), Files.size(db));
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
