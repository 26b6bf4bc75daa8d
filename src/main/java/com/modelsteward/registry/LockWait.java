package com.modelsteward.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait of one {@link Registry#write} for the write lock: the engine's {@link Engine#begin} (on SQLite
 * {@code BEGIN IMMEDIATE}) in slices of a jittered length until
 * the budget is spent. SQLite's busy handler polls quickly at first and then ever more rarely, so on its own it favours
 * whoever arrived last. A fresh slice starts it again at its quickest; a write that has waited past
 * {@link Registry#NOTE_AFTER} uses short slices and so keeps polling quickly, while a newcomer's polls thin out — an
 * approximation of first come, first served among SQLite's lock-free waiters. The jitter keeps waiters that started
 * together from polling in step.
 */
final class LockWait {

    private static final int SLICE_MIN_MS = 100;
    private static final int SLICE_JITTER_MS = 200;
    private static final int AGED_SLICE_MIN_MS = 10;
    private static final int AGED_SLICE_JITTER_MS = 20;

    private final Location location;
    private final long budgetNanos;
    private final LockWaitListener listener;
    private final long started = System.nanoTime();
    private long waitedNanos;
    private boolean noted;

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
        int slice = (int) Math.min(remainingMs, aged ? AGED_SLICE_MIN_MS + ThreadLocalRandom.current().nextInt(AGED_SLICE_JITTER_MS + 1)
                : SLICE_MIN_MS + ThreadLocalRandom.current().nextInt(SLICE_JITTER_MS + 1));
        long asked = System.nanoTime();
        try {
            engine.begin(connection, Duration.ofMillis(slice));
        } catch (SQLException failed) {
            throw new BeginFailed(failed);
        } finally {
            waitedNanos += System.nanoTime() - asked;
        }
    }

    /** After a busy failure: true while the budget lasts; tells the listener once the wait has become noticeable. */
    boolean mayRetry() {
        long elapsed = System.nanoTime() - started;
        if (!noted && elapsed >= Registry.NOTE_AFTER.toNanos()) {
            noted = true;
            listener.waiting(location, Duration.ofNanos(elapsed), Duration.ofNanos(budgetNanos));
        }
        return elapsed < budgetNanos;
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
