package com.modelsteward.registry;

import java.io.Console;
import java.nio.file.Path;
import java.time.Duration;

/** Told once per write that has waited {@link Registry#NOTE_AFTER} for another program's lock on the registry. */
@FunctionalInterface
public interface LockWaitListener {

    void waiting(Path file, Duration waited, Duration budget);

    /**
     * One line on standard error, and only when a person is watching a terminal: a script reading the output or the
     * console's window must not get text it did not ask for.
     */
    LockWaitListener TERMINAL = (file, waited, budget) -> {
        Console console = System.console();
        if (console != null && console.isTerminal()) {
            System.err.println("Waiting for " + file.getFileName() + ": another program is writing to it (giving up after "
                    + budget.toSeconds() + " s)…");
            System.err.flush();
        }
    };
}
