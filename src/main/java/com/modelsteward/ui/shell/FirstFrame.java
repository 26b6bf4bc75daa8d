package com.modelsteward.ui.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** The process's age when the launcher read it, and {@link System#nanoTime()} then; null until it has. */
    private static volatile long[] anchor;

    /**
     * Reads the process's age once, on the thread that starts the console and before the toolkit does (it reads
     * /proc, which the FX thread must not), when the figures are logged; later figures add the time since.
     */
    public static void readProcessAge() {
        if (loggingEnabled()) {
            anchor = new long[] {processAgeMillis(), System.nanoTime()};
        }
    }

    /**
     * Milliseconds since the operating system started this process (the launcher included, not just the JVM); -1 when
     * the OS does not tell or {@link #readProcessAge} was not called.
     */
    public static long millisSinceProcessStart() {
        long[] at = anchor;
        return at == null || at[0] < 0 ? -1 : at[0] + (System.nanoTime() - at[1]) / 1_000_000;
    }

    /**
     * The process's age in milliseconds. On Linux the system's uptime (/proc/uptime) less the process's start in clock
     * ticks since boot (/proc/self/stat, USER_HZ: 100 on every Linux ABI), both exact to 10 ms. Not the JDK's
     * {@code ProcessHandle.Info.startInstant()} there: it adds the boot time, which Linux gives in whole seconds
     * (/proc/stat's btime), so it is up to a second early, by the same amount for every process of one boot — a constant
     * added to both sides of every start-up ratio, which pulled them towards 1 (docs/performance.md). Elsewhere the JDK's
     * start instant; -1 when the OS does not tell.
     */
    static long processAgeMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command's name (in parentheses, which may hold spaces): state is field 3, starttime 22.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(fields[22 - 3]);
            String uptime = Files.readString(Path.of("/proc/uptime"));
            double upSeconds = Double.parseDouble(uptime.substring(0, uptime.indexOf(' ')));
            return Math.round(upSeconds * 1000) - startTicks * 10;
        } catch (IOException | RuntimeException notLinux) {
            return ProcessHandle.current().info().startInstant()
                    .map(start -> Duration.between(start, Instant.now()).toMillis())
                    .orElse(-1L);
        }
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
