package com.modelsteward.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.testsupport.FxWait;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import javafx.application.Platform;

import java.util.concurrent.atomic.AtomicReference;
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
        assertTrue(line.startsWith("[frame-watchdog] ") && line.contains("on page audit (background: Loading model names); FX thread: "),
                line);
    }

    /** Busy on the FX thread for 400 ms, as a view doing too much work there would be. */
    private static void holdTheFxThread() {
        long until = System.nanoTime() + 400_000_000L;
        long spins = 0;
        while (System.nanoTime() < until) {
            spins++;
        }
        assertTrue(spins > 0);
    }
}
