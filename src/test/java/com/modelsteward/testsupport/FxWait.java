package com.modelsteward.testsupport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import org.testfx.api.FxRobot;
import org.testfx.api.FxRobotInterface;
import org.testfx.util.NodeQueryUtils;
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

    /**
     * Clicks the shown node that {@code query} finds (an id, a style class or a label's text), looked up on the FX thread.
     * TestFX's {@code clickOn(query)} walks the scene from the test thread while the console may be changing it — a
     * page built while the console is quiet, a background result arriving — and failed inside {@code Parent.lookupAll}
     * with an IndexOutOfBoundsException when a list of children shrank under it.
     */
    public static FxRobotInterface clickOn(FxRobot robot, String query) {
        Node[] found = new Node[1];
        until(query + " is shown", () -> {
            found[0] = robot.lookup(query).match(NodeQueryUtils.isVisible()).tryQuery().orElse(null);
            return found[0] != null;
        });
        return robot.clickOn(found[0]);
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
