package com.modelsteward.ui.shell;

import com.modelsteward.registry.Location;
import com.modelsteward.registry.Registry;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/**
 * Notices commits by any other connection or process by reading the registry's change counter off the FX thread, and
 * tells the window to refresh, so the open views follow the registry within a second. On a file the counter is
 * SQLite's {@code PRAGMA data_version}; on a server it counts the LISTEN/NOTIFY notifications already received on the
 * listening connection, so reading it sends nothing to the server and can be done often.
 *
 * <p>When reading fails (the server stopped, the connection was ended) the monitor says so once and tries again with a
 * growing pause; the registry reconnects on the next read, and the counter moves on reconnection, so when the server
 * answers again the views re-read whatever they missed.
 */
final class RefreshMonitor implements AutoCloseable {

    /** What the monitor reports, always on the FX thread. */
    interface Listener {

        /** Another connection committed (or the connection came back): reload what is shown. */
        void changed();

        /** The counter cannot be read; retries follow until {@link #recovered()}. Called on every failed try. */
        void lost(Throwable failure);

        /** The counter reads again after {@link #lost}. */
        void recovered();
    }

    static final long FILE_POLL_MILLIS = 700;
    /** A server's counter is read from notifications already received: no round trip, so often enough to show a commit at once. */
    static final long SERVER_POLL_MILLIS = 200;
    /** The first pause after a failure, doubled after every further one up to {@link #MAX_RETRY_MILLIS}. */
    static final long FIRST_RETRY_MILLIS = 500;
    static final long MAX_RETRY_MILLIS = 8_000;

    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "steward-refresh-monitor");
        thread.setDaemon(true);
        return thread;
    });
    private final Registry registry;
    private final Listener listener;
    private final long pollMillis;
    private long lastSeen;
    /** 0 while the counter reads; else the pause before the next try. */
    private long retryMillis;

    /**
     * @param seen the change counter read when the registry was opened (off the FX thread), before any page read it: a
     *             commit between opening and the first poll is reported too (the first poll used to take it as the start)
     */
    RefreshMonitor(Registry registry, long seen, Listener listener) {
        this.registry = registry;
        this.listener = listener;
        this.lastSeen = seen;
        this.pollMillis = registry.location() instanceof Location.Server ? SERVER_POLL_MILLIS : FILE_POLL_MILLIS;
        schedule(pollMillis);
    }

    private void poll() {
        long next;
        try {
            long now = registry.changeCounter();
            if (retryMillis > 0) {
                retryMillis = 0;
                Platform.runLater(listener::recovered);
            }
            if (now != lastSeen) {
                Platform.runLater(listener::changed);
            }
            lastSeen = now;
            next = pollMillis;
        } catch (RuntimeException failed) {
            retryMillis = retryMillis == 0 ? FIRST_RETRY_MILLIS : Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
            Platform.runLater(() -> listener.lost(failed));
            next = retryMillis;
        }
        schedule(next);
    }

    private void schedule(long delayMillis) {
        try {
            poller.schedule(this::poll, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closed while a poll ran: nothing more to watch
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
