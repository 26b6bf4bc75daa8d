package com.modelsteward.ui.shell;

import com.modelsteward.registry.Registry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Notices commits by any other connection or process (SQLite's {@code PRAGMA data_version}) by polling off the FX thread,
 * and tells the window to refresh, so the open views follow the registry within about a second.
 */
final class RefreshMonitor implements AutoCloseable {

    static final long POLL_MILLIS = 700;

    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "steward-refresh-monitor");
        thread.setDaemon(true);
        return thread;
    });
    private long lastSeen;

    /**
     * @param seen the change counter read when the registry was opened (off the FX thread), before any page read it: a
     *             commit between opening and the first poll is reported too (the first poll used to take it as the start)
     */
    RefreshMonitor(Registry registry, long seen, Runnable onChange, Consumer<Throwable> onFailure) {
        this.lastSeen = seen;
        poller.scheduleWithFixedDelay(() -> {
            try {
                long now = registry.changeCounter();
                if (now != lastSeen) {
                    Platform.runLater(onChange);
                }
                lastSeen = now;
            } catch (RuntimeException failed) {
                onFailure.accept(failed);
            }
        }, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
