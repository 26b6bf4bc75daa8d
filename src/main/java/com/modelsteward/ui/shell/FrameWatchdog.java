package com.modelsteward.ui.shell;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.animation.AnimationTimer;

/**
 * A debug aid (-Dsteward.frameWatchdog=true): watches the gaps between FX pulses and logs every one longer than
 * {@value #LIMIT_MS} ms with the page on screen, the background work running and what the FX thread was doing — a
 * sampler thread takes the FX thread's stack every {@value #SAMPLE_MS} ms while a pulse is overdue, and the log names
 * the place it was found most often. When the FX thread was waiting, the log says for what: for the renderer thread
 * to finish painting the last frame (then it names where the renderer was), or for anything at all to do ("idle": then
 * the gap was the machine, the collector or the pulse timer, not the console).
 *
 * <p>Each gap is also split: how much of it the FX thread spent on the CPU (its own work: event handlers, CSS, layout),
 * the rest being waits; the log adds the renderer thread's CPU time (painting, in the software pipeline) and the
 * collector's pauses over the same gap. It keeps, per page, the longest gap and the most FX-thread CPU time between two pulses for the
 * benchmark. It asks for a pulse every frame while on, so it is off unless asked for.
 */
public final class FrameWatchdog {

    public static final String PROPERTY = "steward.frameWatchdog";
    static final long LIMIT_MS = 50;
    static final long SAMPLE_MS = 20;
    private static final int FRAMES = 4;

    private final Supplier<String> page;
    private final Supplier<String> work;
    private final Map<String, Long> longestByPage = new TreeMap<>();
    private final Map<String, Long> busiestByPage = new TreeMap<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final AnimationTimer timer;
    private final Map<String, Integer> samples = new HashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "frame-watchdog-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Thread fxThread;
    private volatile Thread renderThread;
    private volatile boolean rendererLookedFor;
    private volatile long lastTickNanos;
    private long last;
    private boolean ticked;
    private long lastCpuNanos = -1;
    private long lastGcMs = -1;
    private long lastRendererCpuNanos = -1;

    FrameWatchdog(Supplier<String> page, Supplier<String> work) {
        this.page = page;
        this.work = work;
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                tick(now);
            }
        };
    }

    static boolean requested() {
        return Boolean.getBoolean(PROPERTY);
    }

    void start() {
        timer.start();
        sampler.scheduleAtFixedRate(this::sample, SAMPLE_MS, SAMPLE_MS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        timer.stop();
        sampler.shutdownNow();
        longestByPage.forEach((name, ms) -> System.err.printf("[frame-watchdog] longest pulse gap on %s: %d ms%n", name, ms));
    }

    void tick(long nanos) {
        tick(nanos, threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1);
    }

    /** One pulse at {@code nanos}, the FX thread having used {@code cpuNanos} of CPU so far (-1: not known). */
    void tick(long nanos, long cpuNanos) {
        fxThread = Thread.currentThread();
        lastTickNanos = System.nanoTime();
        String busy = mostFrequentSample();
        if (ticked) {
            long gapMs = (nanos - last) / 1_000_000;
            long cpuMs = cpuNanos < 0 || lastCpuNanos < 0 ? -1 : (cpuNanos - lastCpuNanos) / 1_000_000;
            String name = String.valueOf(page.get());
            longestByPage.merge(name, gapMs, Math::max);
            if (cpuMs >= 0) {
                busiestByPage.merge(name, cpuMs, Math::max);
            }
            if (gapMs > LIMIT_MS) {
                String running = work.get();
                System.err.printf("[frame-watchdog] %d ms between pulses on page %s%s%s%s%s%n", gapMs, name,
                        cpuMs < 0 ? "" : " (FX thread on the CPU " + cpuMs + " ms of it)", others(),
                        running == null || running.isBlank() ? "" : " (background: " + running + ")",
                        busy == null ? "" : "; FX thread: " + busy);
            }
        }
        ticked = true;
        last = nanos;
        lastCpuNanos = cpuNanos;
        lastGcMs = gcPauseMs();
        lastRendererCpuNanos = rendererCpuNanos();
    }

    /** The renderer's CPU time and the collector's pauses since the last pulse, as the log's second bracket. */
    private String others() {
        long renderer = rendererCpuNanos();
        long gc = gcPauseMs();
        StringBuilder text = new StringBuilder();
        if (renderer >= 0 && lastRendererCpuNanos >= 0) {
            text.append("renderer on the CPU ").append((renderer - lastRendererCpuNanos) / 1_000_000).append(" ms");
        }
        if (gc >= 0 && lastGcMs >= 0) {
            text.append(text.isEmpty() ? "" : ", ").append("collector pauses ").append(gc - lastGcMs).append(" ms");
        }
        return text.isEmpty() ? "" : " (" + text + ")";
    }

    private long rendererCpuNanos() {
        Thread renderer = renderer();
        return renderer == null || !threads.isThreadCpuTimeSupported() ? -1 : threads.getThreadCpuTime(renderer.threadId());
    }

    /** Total time of the collectors that stop the application (a concurrent collector's own bean is left out). */
    private long gcPauseMs() {
        long total = 0;
        for (GarbageCollectorMXBean collector : collectors) {
            if (!collector.getName().contains("Concurrent") && collector.getCollectionTime() > 0) {
                total += collector.getCollectionTime();
            }
        }
        return total;
    }

    /** On the sampler thread: while a pulse is overdue, where is the FX thread? */
    private void sample() {
        Thread fx = fxThread;
        if (fx == null || System.nanoTime() - lastTickNanos < LIMIT_MS * 1_000_000) {
            return;
        }
        String where = describe(fx.getStackTrace());
        if (where.startsWith(WAITING_FOR_RENDERER)) {
            Thread renderer = renderer();
            where = WAITING_FOR_RENDERER + (renderer == null ? "" : " (renderer: " + describe(renderer.getStackTrace()) + ")");
        }
        synchronized (samples) {
            samples.merge(where, 1, Integer::sum);
        }
    }

    private String mostFrequentSample() {
        synchronized (samples) {
            String most = samples.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
            samples.clear();
            return most;
        }
    }

    /** JavaFX's render thread (prism paints the scene there), found once by its name. */
    private Thread renderer() {
        if (renderThread == null && !rendererLookedFor) {
            rendererLookedFor = true;
            renderThread = Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().startsWith("QuantumRenderer"))
                    .findFirst().orElse(null);
        }
        return renderThread;
    }

    static final String WAITING_FOR_RENDERER = "waiting for the renderer to finish the last frame";

    /**
     * The top frames; "waiting for the renderer…" when a pulse waits for the last frame's painting; "idle" when the FX
     * thread waits in the toolkit's event loop for something to do.
     */
    static String describe(StackTraceElement[] stack) {
        if (stack.length == 0) {
            return "unknown";
        }
        boolean waiting = stack[0].isNativeMethod() || stack[0].getClassName().startsWith("jdk.internal.misc.Unsafe");
        boolean inOurCode = Arrays.stream(stack).anyMatch(frame -> frame.getClassName().startsWith("com.modelsteward."));
        if (waiting && Arrays.stream(stack).anyMatch(frame -> frame.getMethodName().equals("waitForRenderingToComplete"))) {
            return WAITING_FOR_RENDERER;
        }
        if (waiting && !inOurCode) {
            return "idle (" + stack[0].getClassName() + "." + stack[0].getMethodName() + ")";
        }
        return Arrays.stream(stack).limit(FRAMES).map(frame -> frame.getClassName().replaceFirst("^.*\\.", "") + "."
                + frame.getMethodName() + ":" + frame.getLineNumber()).collect(Collectors.joining(" < "))
                + Arrays.stream(stack).filter(frame -> frame.getClassName().startsWith("com.modelsteward.")).findFirst()
                        .map(frame -> " … " + frame.getClassName().replaceFirst("^.*\\.", "") + "." + frame.getMethodName() + ":"
                                + frame.getLineNumber()).orElse("");
    }

    /** The longest gap seen per page, in milliseconds. */
    public Map<String, Long> longestByPage() {
        return Map.copyOf(longestByPage);
    }

    /**
     * The most CPU time the FX thread used between two pulses, per page, in milliseconds: its own work, without the
     * waits (for the renderer, for a core, for the collector) that make up the rest of a gap.
     */
    public Map<String, Long> busiestByPage() {
        return Map.copyOf(busiestByPage);
    }

    /** Forgets the gaps seen so far (on the FX thread): the benchmark's second walk counts on its own. */
    public void clearLongest() {
        longestByPage.clear();
        busiestByPage.clear();
    }
}
