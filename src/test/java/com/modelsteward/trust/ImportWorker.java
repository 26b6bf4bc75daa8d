package com.modelsteward.trust;

import com.modelsteward.cli.Cli;
import com.modelsteward.cli.CliContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The command line in its own JVM for {@link LargeImportTest}: runs {@code Cli} with the given words and, when it ends
 * on its own, writes what it used to FIGURES_FILE — exit code, peak heap used (the sum of the heap pools' peaks, an
 * upper bound), the most heap still live after a collection, the heap limit and peak resident memory (VmHWM) — as {@code key=value} lines.
 *
 * <p>Usage: {@code ImportWorker FIGURES_FILE COMMAND-WORDS...}
 */
public final class ImportWorker {

    private ImportWorker() {
    }

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

    public static void main(String[] args) throws IOException {
        watchLiveHeap();
        long started = System.nanoTime();
        int exit = new Cli(new CliContext(System.out, System.err, Clock.systemUTC(), "import.worker"))
                .execute(List.of(args).subList(1, args.length).toArray(String[]::new));
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmHWM:"))
                .map(line -> line.replaceAll("\\D", "")).findFirst().orElse("0");
        Files.writeString(Path.of(args[0]), "exit=" + exit + "\nseconds=" + (System.nanoTime() - started) / 1e9 + "\npeak_heap_bytes="
                + peakHeap + "\nlive_heap_after_gc_bytes=" + LIVE_PEAK.get() + "\nmax_heap_bytes=" + Runtime.getRuntime().maxMemory() + "\npeak_rss_kb=" + rss + "\n");
        System.exit(exit);
    }
}
