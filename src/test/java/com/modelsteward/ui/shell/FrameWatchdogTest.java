package com.modelsteward.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.testsupport.FxWait;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

class FrameWatchdogTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void keepsTheLongestGapPerPage() {
        AtomicReference<String> page = new AtomicReference<>("overview");
        FrameWatchdog watchdog = new FrameWatchdog(page::get, () -> "Loading");
        long ms = 1_000_000;
        watchdog.tick(0);
        watchdog.tick(16 * ms);
        watchdog.tick(96 * ms);
        page.set("models");
        watchdog.tick(112 * ms);
        watchdog.tick(352 * ms);
        assertEquals(80L, watchdog.longestByPage().get("overview"));
        assertEquals(240L, watchdog.longestByPage().get("models"));
    }

    @Test
    void splitsAGapIntoTheFxThreadsOwnWorkAndItsWaits() {
        FrameWatchdog watchdog = new FrameWatchdog(() -> "lineage", () -> "");
        long ms = 1_000_000;
        watchdog.tick(0, 500 * ms);
        watchdog.tick(200 * ms, 530 * ms); // a 200 ms gap, 30 ms of it on the CPU
        watchdog.tick(260 * ms, 585 * ms); // a 60 ms gap, 55 ms of it on the CPU
        assertEquals(200L, watchdog.longestByPage().get("lineage"));
        assertEquals(55L, watchdog.busiestByPage().get("lineage"));
        watchdog.clearLongest();
        assertTrue(watchdog.longestByPage().isEmpty() && watchdog.busiestByPage().isEmpty());
    }

    @Test
    void aPulseWaitingForTheLastFrameIsNotCalledIdle() {
        StackTraceElement[] waitingForPaint = {
            new StackTraceElement("jdk.internal.misc.Unsafe", "park", null, -2),
            new StackTraceElement("java.util.concurrent.CountDownLatch", "await", null, 1),
            new StackTraceElement("com.sun.javafx.tk.quantum.PaintCollector", "waitForRenderingToComplete", null, 1),
            new StackTraceElement("javafx.scene.Scene$ScenePulseListener", "pulse", null, 1)};
        StackTraceElement[] waitingForWork = {
            new StackTraceElement("jdk.internal.misc.Unsafe", "park", null, -2),
            new StackTraceElement("java.util.concurrent.LinkedBlockingQueue", "take", null, 1),
            new StackTraceElement("com.sun.glass.ui.headless.NestedRunnableProcessor", "newRunLoop", null, 1)};
        assertEquals(FrameWatchdog.WAITING_FOR_RENDERER, FrameWatchdog.describe(waitingForPaint));
        assertEquals("idle (jdk.internal.misc.Unsafe.park)", FrameWatchdog.describe(waitingForWork));
    }

    @Test
    void aLongPulseIsLoggedWithWhatTheFxThreadWasDoing() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream original = System.err;
        FrameWatchdog watchdog = new FrameWatchdog(() -> "audit", () -> "Loading model names");
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            FxToolkit.setupFixture(watchdog::start);
            Platform.runLater(FrameWatchdogTest::holdTheFxThread);
            FxWait.until("the long pulse is logged", () -> log.toString(StandardCharsets.UTF_8).contains("holdTheFxThread"));
        } finally {
            FxToolkit.setupFixture(watchdog::stop);
            System.setErr(original);
        }
        String line = log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("holdTheFxThread")).findFirst().orElseThrow();
        assertTrue(line.startsWith("[frame-watchdog] ") && line.contains("on page audit (FX thread on the CPU ")
                && line.contains("(background: Loading model names); FX thread: "), line);
        // The FX thread spun for 400 ms: nearly all of that gap was its own work.
        long cpuMs = Long.parseLong(line.replaceFirst(".*on the CPU (\\d+) ms of it.*", "$1"));
        assertTrue(cpuMs >= 200, line);
    }

    /**
     * Busy on the FX thread for 400 ms of its own CPU time, as a view doing too much work there would be. Counted in CPU
     * time, not wall time: on a loaded machine 400 ms of wall time gave the thread as little as 68 ms of CPU.
     */
    private static void holdTheFxThread() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 400_000_000L;
        long spins = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            spins++;
        }
        assertTrue(spins > 0);
    }
}
