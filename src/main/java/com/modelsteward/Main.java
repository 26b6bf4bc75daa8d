package com.modelsteward;

import com.modelsteward.cli.Cli;

/**
 * One entry point for both faces of the app: no command (or only console options such as {@code --db PATH}) opens the
 * console; a command word runs the command line.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (opensConsole(args)) {
            com.modelsteward.ui.shell.ConsoleLauncher.launch(args);
        } else {
            System.exit(Cli.run(args));
        }
    }

    static boolean opensConsole(String[] args) {
        return args.length == 0 || args[0].startsWith("--") && !args[0].equals("--help");
    }
}
