package com.modelsteward.drift;

/**
 * The heap one read may fill with values, fixed when the read starts. A budget taken from the heap counts what is in
 * use, garbage included; before it refuses a file it collects once and measures again, so that garbage left by earlier
 * work never refuses a file that fits.
 */
final class MemoryBudget {

    /** Heap kept free for the work after reading (sorting, the results) when deciding whether a file's values fit. */
    private static final long RESERVED_BYTES = 32L << 20;

    private final boolean fromHeap;
    private long bytes;
    private boolean collected;

    private MemoryBudget(long bytes, boolean fromHeap) {
        this.bytes = bytes;
        this.fromHeap = fromHeap;
    }

    /** The heap this run may still fill: the JVM's limit less what is in use and a reserve. */
    static MemoryBudget ofHeap() {
        return new MemoryBudget(heapLeft(), true);
    }

    /** A fixed budget of {@code bytes}, for tests and callers that set their own. */
    static MemoryBudget of(long bytes) {
        return new MemoryBudget(bytes, false);
    }

    /**
     * Whether {@code needed} bytes of values fit, of which this read already holds {@code held}. A heap budget that
     * looks short collects garbage once and measures again; what the read holds is then in use but still its own.
     */
    boolean fits(long needed, long held) {
        if (needed <= bytes) {
            return true;
        }
        if (fromHeap && !collected) {
            collected = true;
            System.gc();
            bytes = heapLeft() + held;
        }
        return needed <= bytes;
    }

    /** The budget as last measured, never negative; for the sentence that refuses a file. */
    long bytes() {
        return Math.max(0, bytes);
    }

    private static long heapLeft() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory()) - RESERVED_BYTES;
    }
}
