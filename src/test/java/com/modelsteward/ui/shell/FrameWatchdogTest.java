package com.modelsteward.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
