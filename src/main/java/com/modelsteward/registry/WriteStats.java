package com.modelsteward.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * How this process's writes fared against other programs' locks, over all its registries: the figures the load tests
 * report (docs/reliability.md) and a diagnosis for "why was that slow".
 */
public final class WriteStats {

    /** A BEGIN that took longer than this waited for someone else; an uncontended one takes microseconds. */
    private static final long WAITED_NANOS = 1_000_000;

    private static final AtomicLong WRITES = new AtomicLong();
    private static final AtomicLong RETRIES = new AtomicLong();
    private static final AtomicLong WAITS = new AtomicLong();
    private static final AtomicLong WAITED_TOTAL = new AtomicLong();
    private static final LongAccumulator MAX_WAIT = new LongAccumulator(Math::max, 0);
    private static final LongAccumulator MAX_HELD = new LongAccumulator(Math::max, 0);
    private static final AtomicLong HELD_TOTAL = new AtomicLong();
    private static final AtomicLong LOCK_FAILURES = new AtomicLong();

    private WriteStats() {
    }

    static void record(int attempts, long waitedNanos) {
        WRITES.incrementAndGet();
        RETRIES.addAndGet(attempts - 1);
        if (waitedNanos > WAITED_NANOS) {
            WAITS.incrementAndGet();
        }
        WAITED_TOTAL.addAndGet(waitedNanos);
        MAX_WAIT.accumulate(waitedNanos);
    }

    static void held(long nanos) {
        MAX_HELD.accumulate(nanos);
        HELD_TOTAL.addAndGet(nanos);
    }

    static void failed(boolean lock) {
        if (lock) {
            LOCK_FAILURES.incrementAndGet();
        }
    }

    /** Committed writes, retried BEGINs, writes that waited, total and longest wait, total and longest lock hold (ms), lock failures. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("writes", WRITES.get());
        figures.put("retries", RETRIES.get());
        figures.put("waits", WAITS.get());
        figures.put("waited_ms", WAITED_TOTAL.get() / 1_000_000);
        figures.put("max_wait_ms", MAX_WAIT.get() / 1_000_000);
        figures.put("held_ms", HELD_TOTAL.get() / 1_000_000);
        figures.put("max_held_ms", MAX_HELD.get() / 1_000_000);
        figures.put("lock_failures", LOCK_FAILURES.get());
        return figures;
    }
}
