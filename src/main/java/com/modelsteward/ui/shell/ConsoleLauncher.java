package com.modelsteward.ui.shell;

import com.modelsteward.config.OsAccount;
import javafx.application.Application;

/** Starts the console from {@code Main} (a main class that is not an Application, so the jar runs on the class path). */
public final class ConsoleLauncher {

    private ConsoleLauncher() {
    }

    public static void launch(String[] args) {
        try {
            ConsoleOptions.parse(java.util.List.of(args));
        } catch (IllegalArgumentException badOption) {
            System.err.println("E_USAGE: " + badOption.getMessage());
            System.exit(2);
        }
        try {
            OsAccount.current();
        } catch (OsAccount.Unavailable unknown) {
            System.err.println("E_NO_OS_ACCOUNT: " + unknown.getMessage());
            System.exit(1);
        }
        Application.launch(ConsoleApp.class, args);
        if (ConsoleApp.exitStatus() != 0) {
            System.exit(ConsoleApp.exitStatus());
        }
    }
}
