package com.modelsteward.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The wait of one {@link Registry#write} for the write lock, until the budget is spent.
 *
 * <p>On SQLite, {@code BEGIN IMMEDIATE} is tried in slices of a jittered length. SQLite's busy handler polls quickly at
 * first and then ever more rarely, so on its own it favours whoever arrived last. A fresh slice starts it again at its
 * quickest; a write that has waited past {@link Registry#NOTE_AFTER} uses short slices and so keeps polling quickly, while
 * a newcomer's polls thin out — an approximation of first come, first served among SQLite's lock-free waiters. The jitter
 * keeps waiters that started together from polling in step.
 *
 * <p>An engine that queues its waiters ({@link Engine#queuesWriters}: PostgreSQL) already serves them in turn; there one
 * wait takes the whole budget, and the note after {@link Registry#NOTE_AFTER} comes from a timer while it waits.
 */
final class LockWait {

    private static final int SLICE_MIN_MS = 100;
    private static final int SLICE_JITTER_MS = 200;
    private static final int AGED_SLICE_MIN_MS = 10;
    private static final int AGED_SLICE_JITTER_MS = 20;

    /** Tells a queued waiter's listener that the wait has become noticeable; one daemon thread for the process. */
    private static final class NoteTimer {
        static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "registry-lock-wait-note");
            thread.setDaemon(true);
            return thread;
        });
    }

    private final Location location;
    private final long budgetNanos;
    private final LockWaitListener listener;
    private final long started = System.nanoTime();
    private long waitedNanos;
    private final AtomicBoolean noted = new AtomicBoolean();

    private final Engine engine;

    LockWait(Engine engine, Location location, long budgetNanos, LockWaitListener listener) {
        this.engine = engine;
        this.location = location;
        this.budgetNanos = budgetNanos;
        this.listener = listener;
    }

    /** Takes the write lock on {@code connection}, waiting at most one slice; a busy failure means: try again. */
    void begin(Connection connection) {
        long elapsed = System.nanoTime() - started;
        long remainingMs = Math.max(1, (budgetNanos - elapsed) / 1_000_000);
        boolean aged = elapsed >= Registry.NOTE_AFTER.toNanos();
        long slice = engine.queuesWriters() ? remainingMs : Math.min(remainingMs, aged
                ? AGED_SLICE_MIN_MS + ThreadLocalRandom.current().nextInt(AGED_SLICE_JITTER_MS + 1)
                : SLICE_MIN_MS + ThreadLocalRandom.current().nextInt(SLICE_JITTER_MS + 1));
        ScheduledFuture<?> note = engine.queuesWriters() && !noted.get()
                ? NoteTimer.INSTANCE.schedule(this::note, Math.max(0, Registry.NOTE_AFTER.toNanos() - elapsed), TimeUnit.NANOSECONDS)
                : null;
        long asked = System.nanoTime();
        try {
            engine.begin(connection, Duration.ofMillis(slice));
        } catch (SQLException failed) {
            throw new BeginFailed(failed);
        } finally {
            waitedNanos += System.nanoTime() - asked;
            if (note != null) {
                note.cancel(false);
            }
        }
    }

    /** After a busy failure: true while the budget lasts; tells the listener once the wait has become noticeable. */
    boolean mayRetry() {
        long elapsed = System.nanoTime() - started;
        if (elapsed >= Registry.NOTE_AFTER.toNanos()) {
            note();
        }
        return elapsed < budgetNanos;
    }

    private void note() {
        if (noted.compareAndSet(false, true)) {
            long elapsed = System.nanoTime() - started;
            listener.waiting(location, Duration.ofNanos(elapsed), Duration.ofNanos(budgetNanos));
        }
    }

    long waitedNanos() {
        return waitedNanos;
    }

    /** BEGIN did not take the lock; nothing was done. Carries the engine's error so that it is recognised as busy. */
    static final class BeginFailed extends RuntimeException {
        BeginFailed(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
