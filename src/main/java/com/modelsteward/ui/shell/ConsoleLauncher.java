package com.modelsteward.ui.shell;

import com.modelsteward.config.AppSettings;
import com.modelsteward.config.Environment;
import com.modelsteward.config.OsAccount;
import java.time.Clock;
import javafx.application.Application;

/** Starts the console from {@code Main} (a main class that is not an Application, so the jar runs on the class path). */
public final class ConsoleLauncher {

    private ConsoleLauncher() {
    }

    public static void launch(String[] args) {
        FirstFrame.readProcessAge();
        ConsoleOptions options = null;
        try {
            options = ConsoleOptions.parse(java.util.List.of(args));
        } catch (IllegalArgumentException badOption) {
            System.err.println("E_USAGE: " + badOption.getMessage());
            System.exit(2);
        }
        String user = null;
        try {
            user = OsAccount.current().name();
        } catch (OsAccount.Unavailable unknown) {
            System.err.println("E_NO_OS_ACCOUNT: " + unknown.getMessage());
            System.exit(1);
        }
        // The registry opens, and the Overview's data is read, while the toolkit starts and the window is built: what a
        // user waits for is the Overview with its figures, and the two need not wait for each other.
        AppSettings settings = AppSettings.load();
        ConsoleApp.prepare(settings, ConsoleShell.Prefetch.begin(options, settings, user, Environment.process(), Clock.systemUTC()));
        try {
            Application.launch(ConsoleApp.class, args);
        } catch (RuntimeException | LinkageError notStarted) {
            System.err.println(whyNotStarted(notStarted, Environment.process().get("DISPLAY").orElse(null)));
            System.exit(1);
        }
        if (ConsoleApp.exitStatus() != 0) {
            System.exit(ConsoleApp.exitStatus());
        }
    }

    /**
     * Why the toolkit did not start, in one sentence: most often there is no display (a remote shell, a service, a
     * build job), which GTK reports by naming DISPLAY; anything else is named by its deepest cause.
     */
    static String whyNotStarted(Throwable failure, String display) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnsupportedOperationException && t.getMessage() != null && t.getMessage().contains("DISPLAY")) {
                return "E_NO_DISPLAY: the console needs a display and cannot open "
                        + (display == null || display.isBlank() ? "one (DISPLAY is not set)" : "DISPLAY " + display)
                        + "; the command line runs without one (`model-steward help` lists its commands)";
            }
            deepest = t;
        }
        return "E_INTERNAL: the console could not start: " + deepest.getClass().getSimpleName()
                + (deepest.getMessage() == null ? "" : ": " + deepest.getMessage());
    }
}
