package com.modelsteward.cli;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * {@code audit verify}'s count on a terminal, rewritten in place on standard error ("verifying the audit trail: N of M
 * entries"). It appears once the walk has run for a second, so a quick verify prints its result alone, and it is wiped
 * before the result is printed. Nothing is shown when standard error is not a terminal: a script's log gets no count.
 */
final class WalkProgress {

    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean live;
    private final LongSupplier nanoTime;
    private final long started;
    private long drawnAt;
    private int drawnWidth;

    /** @param live whether the count is drawn at all (standard error is a person's terminal) */
    WalkProgress(PrintStream err, boolean live, LongSupplier nanoTime) {
        this.err = err;
        this.live = live;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
    }

    /** A terminal's progress, or none when standard error is not a terminal. */
    static WalkProgress forTerminal(CliContext context) {
        return new WalkProgress(context.err(), ErrorTerminal.isTerminal(), System::nanoTime);
    }

    /**
     * {@code entries} of the {@code total} to walk have been read (the log's last sequence number, or the entries after
     * the head this user verified last): redrawn at most ten times a second (and at the end), after the first second.
     */
    void walked(long entries, long total) {
        if (!live) {
            return;
        }
        long now = nanoTime.getAsLong();
        // The whole log's count is drawn whenever it comes: the comparison of the rows that follows shows nothing else.
        boolean whole = entries >= total;
        if (now - started < SHOW_AFTER_NANOS || !whole && drawnWidth > 0 && now - drawnAt < REDRAW_NANOS) {
            return;
        }
        String text = "verifying the audit trail: " + entries + " of " + total + " entries"
                + (total > 0 ? " (" + Math.min(100, entries * 100 / total) + " %)" : "");
        err.print("\r" + text + " ".repeat(Math.max(0, drawnWidth - text.length())));
        err.flush();
        drawnWidth = Math.max(drawnWidth, text.length());
        drawnAt = now;
    }

    /** Wipes the count, if one was drawn, so that what is printed next starts on a clean line. */
    void end() {
        if (drawnWidth > 0) {
            err.print("\r" + " ".repeat(drawnWidth) + "\r");
            err.flush();
            drawnWidth = 0;
        }
    }
}
