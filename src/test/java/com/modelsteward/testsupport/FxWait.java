package com.modelsteward.testsupport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

/** Waits for background work to land on the FX thread: a condition checked on the FX thread, with a generous limit. */
public final class FxWait {

    private FxWait() {
    }

    public static void until(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return onFx(condition);
            });
        } catch (TimeoutException timedOut) {
            throw new AssertionError("timed out waiting until " + what, timedOut);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean onFx(BooleanSupplier condition) {
        if (Platform.isFxApplicationThread()) {
            return condition.getAsBoolean();
        }
        try {
            return WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get(5, TimeUnit.SECONDS);
        } catch (Exception failed) {
            throw new AssertionError("condition failed on the FX thread", failed);
        }
    }
}
