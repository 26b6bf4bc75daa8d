package com.modelsteward.registry;

import java.io.Console;
import java.time.Duration;

/** Told once per write that has waited {@link Registry#NOTE_AFTER} for another program's lock on the registry. */
@FunctionalInterface
public interface LockWaitListener {

    void waiting(Location location, Duration waited, Duration budget);

    /**
     * One line on standard error, and only when a person is watching a terminal: a script reading the output or the
     * console's window must not get text it did not ask for.
     */
    LockWaitListener TERMINAL = (location, waited, budget) -> {
        Console console = System.console();
        if (console != null && console.isTerminal()) {
            System.err.println("Waiting for " + location.shortName() + ": another program is writing to it (giving up after "
                    + budget.toSeconds() + " s)…");
            System.err.flush();
        }
    };
}
