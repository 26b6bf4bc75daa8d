package com.modelsteward.ui.shell;

import com.modelsteward.registry.AuditTrail;

/**
 * How far an opening's walk of the audit chain has come. A first use of a registry by an account walks the whole chain
 * from the genesis to pin its head (about a second at 100 000 versions); the opener reports here from its own thread,
 * possibly before the window exists (the launcher's prefetch), and the shell shows the count once it {@link #follow}s.
 */
final class OpeningWalk implements AuditTrail.Progress {

    private static final AuditTrail.Progress NOWHERE = (checked, total) -> {
    };

    private AuditTrail.Progress shown = NOWHERE;
    private long checked = -1;
    private long total;

    @Override
    public synchronized void update(long checked, long total) {
        this.checked = checked;
        this.total = total;
        shown.update(checked, total);
    }

    /** Sends the counts to {@code to} from now on, starting with the last one reported, if any. */
    synchronized void follow(AuditTrail.Progress to) {
        shown = to;
        if (checked >= 0) {
            to.update(checked, total);
        }
    }

    /** What the window says while it waits: the opening's own line, then the walk's count. */
    static String message(String opening, long checked, long total) {
        return opening + "\nFirst use of this registry by this account: verifying its audit trail, " + checked + " of " + total
                + " entries" + (total > 0 ? " (" + Math.min(100, checked * 100 / total) + " %)" : "") + ".";
    }
}
