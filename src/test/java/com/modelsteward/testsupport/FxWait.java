package com.modelsteward.testsupport;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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
        lastBusy = null;
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return onFx(condition);
            });
        } catch (TimeoutException timedOut) {
            throw new AssertionError("timed out waiting until " + what + (lastBusy == null ? "" : "; " + lastBusy), timedOut);
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

    /**
     * The condition's answer, asked on the FX thread; "not yet" while that thread is busy elsewhere (a loaded 2-core CI
     * machine once kept it for more than 5 s between two checks), so that only {@link #until}'s own limit decides.
     */
    private static boolean onFx(BooleanSupplier condition) {
        if (Platform.isFxApplicationThread()) {
            return condition.getAsBoolean();
        }
        Future<Boolean> answer = WaitForAsyncUtils.asyncFx(condition::getAsBoolean);
        try {
            return answer.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException busy) {
            answer.cancel(false);
            reportBusyFxThread();
            return false;
        } catch (ExecutionException failed) {
            throw new AssertionError("condition failed on the FX thread", failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the FX thread", interrupted);
        }
    }

    /** Where the FX thread was when it last did not answer during the current {@link #until}, or null. */
    private static volatile String lastBusy;

    /**
     * What kept the FX thread busy, in the test's output and in a time-out's message: a console that blocks its FX
     * thread is a defect to find.
     */
    private static void reportBusyFxThread() {
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().equals("JavaFX Application Thread")) {
                StringBuilder trace = new StringBuilder("FxWait: the FX thread did not answer within 5 s; it was at:");
                for (StackTraceElement frame : stack) {
                    trace.append(System.lineSeparator()).append("\tat ").append(frame);
                }
                lastBusy = trace.toString();
                System.err.println(trace);
            }
        });
    }
}
