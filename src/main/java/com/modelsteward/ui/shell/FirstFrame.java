package com.modelsteward.ui.shell;

import java.time.Duration;
import java.time.Instant;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Start-up measurement: runs an action once the scene's current content has been painted, and tells how long ago the
 * process started. bench/startup/BareWindow.java measures a bare window with the same two-pulse rule, so the figures
 * in README compare like with like.
 */
public final class FirstFrame {

    /** {@code -Dsteward.startup.log=true} prints the start-up figures on stderr. */
    public static final String LOG_PROPERTY = "steward.startup.log";

    private FirstFrame() {
    }

    /**
     * Runs {@code action} on the FX thread once the scene's current content has gone to the screen. A pulse lays the
     * scene out and hands the frame to the render thread, so the action waits for the pulse after that one (requested
     * here, so an idle scene still gets it): the frame has been drawn or is being drawn. The measure is deliberately
     * the same for the bare window, whatever it leaves out it leaves out on both sides.
     */
    public static void afterPaint(Scene scene, Runnable action) {
        Runnable[] listener = new Runnable[1];
        int[] pulses = {0};
        listener[0] = () -> {
            pulses[0]++;
            if (pulses[0] == 1) {
                Platform.requestNextPulse();
            } else {
                scene.removePostLayoutPulseListener(listener[0]);
                action.run();
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }

    /**
     * Milliseconds since the operating system started this process (the launcher included, not just the JVM). The
     * start instant has the OS clock-tick resolution (10 ms on Linux); -1 when the OS does not tell.
     */
    public static long millisSinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis())
                .orElse(-1L);
    }

    public static boolean loggingEnabled() {
        return Boolean.getBoolean(LOG_PROPERTY);
    }

    /**
     * CPU time the process has used so far, all threads: unlike the elapsed time it hardly changes when other
     * programs load the machine, so it shows whether start-up work grew. -1 when the OS does not tell.
     */
    public static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }

    /**
     * One line per milestone, {@code steward.startup <what>-ms=<elapsed> cpu-ms=<cpu>}, so scripts can pick the
     * figures out.
     */
    public static void log(String milestone) {
        if (loggingEnabled()) {
            System.err.println("steward.startup " + milestone + "-ms=" + millisSinceProcessStart() + " cpu-ms=" + cpuMillis());
        }
    }
}
