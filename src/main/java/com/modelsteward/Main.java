package com.modelsteward;

import com.modelsteward.cli.Cli;
import java.util.Set;

/**
 * One entry point for both faces of the app: no command (or only console options such as {@code --db PATH}) opens the
 * console; a command word, or {@code --help}/{@code --version} first, runs the command line.
 */
public final class Main {

    /** What the command line answers although it starts with "--", which otherwise means a console option. */
    private static final Set<String> COMMAND_LINE_OPTIONS = Set.of("--help", "--version");

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
        return args.length == 0 || args[0].startsWith("--") && !COMMAND_LINE_OPTIONS.contains(args[0]);
    }
}
