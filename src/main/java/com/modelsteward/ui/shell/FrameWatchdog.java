package com.modelsteward.ui.shell;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;

/**
 * A debug aid (-Dsteward.frameWatchdog=true): watches the gaps between FX pulses and logs every one longer than
 * {@value #LIMIT_MS} ms with the page on screen and the background work running, keeping the longest gap per page
 * for the benchmark. It asks for a pulse every frame while on, so it is off unless asked for.
 */
public final class FrameWatchdog {

    public static final String PROPERTY = "steward.frameWatchdog";
    static final long LIMIT_MS = 50;

    private final Supplier<String> page;
    private final Supplier<String> work;
    private final Map<String, Long> longestByPage = new TreeMap<>();
    private final AnimationTimer timer;
    private long last;

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
    }

    void stop() {
        timer.stop();
        longestByPage.forEach((name, ms) -> System.err.printf("[frame-watchdog] longest pulse gap on %s: %d ms%n", name, ms));
    }

    void tick(long nanos) {
        if (last != 0) {
            long gapMs = (nanos - last) / 1_000_000;
            String name = String.valueOf(page.get());
            longestByPage.merge(name, gapMs, Math::max);
            if (gapMs > LIMIT_MS) {
                String running = work.get();
                System.err.printf("[frame-watchdog] %d ms between pulses on page %s%s%n", gapMs, name,
                        running == null || running.isBlank() ? "" : " (background: " + running + ")");
            }
        }
        last = nanos;
    }

    /** The longest gap seen per page, in milliseconds. */
    public Map<String, Long> longestByPage() {
        return Map.copyOf(longestByPage);
    }
}
