package com.modelsteward.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Work asked for while the console closes: a check scheduled after the last paint reaches a runner already closed (a
 * CI run saw RejectedExecutionException thrown on the FX thread there). It is not started, it is not shown as
 * running, and nothing is thrown.
 */
class FxTaskRunnerTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void workAskedForAfterCloseIsNotStartedAndThrowsNothing() throws Exception {
        FxTaskRunner runner = new FxTaskRunner();
        CountDownLatch done = new CountDownLatch(1);
        onFx(() -> runner.run("before", () -> "read", value -> done.countDown(), failure -> { }));
        assertTrue(done.await(10, TimeUnit.SECONDS), "an open runner runs its work and reports it");
        assertEquals(0, onFx(() -> runner.runningProperty().get()));

        runner.close();
        List<String> ran = new ArrayList<>();
        onFx(() -> runner.run("after", () -> {
            ran.add("work");
            return "read";
        }, value -> ran.add("success"), failure -> ran.add("failure")));
        Thread.sleep(200);
        assertEquals(List.of(), onFx(() -> List.copyOf(ran)), "a closed runner started nothing");
        assertEquals(0, onFx(() -> runner.runningProperty().get()), "nothing shown as running");
        assertEquals("", onFx(() -> runner.messageProperty().get()));
    }

    /** Runs {@code action} on the FX thread, where the console calls the runner; its failure is thrown here. */
    private static <T> T onFx(Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
    }
}
