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

    /**
     * The packaging's AOT training run ({@code --aot-training FOLDER}): the commands a user waits on, on a demo registry
     * made in FOLDER, then the console's smoke run, in one process: the console's cache. The command-line launcher's own
     * cache is made afterwards by {@code --aot-training-cli FOLDER} (the pom's package profile, ADR 6).
     */
    static final String AOT_TRAINING = "--aot-training";
    static final String AOT_TRAINING_CLI = "--aot-training-cli";

    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals(AOT_TRAINING)) {
            int status = Cli.train(java.nio.file.Path.of(args[1]));
            if (status != 0) {
                System.exit(status);
            }
            com.modelsteward.ui.shell.ConsoleLauncher.launch(new String[] {"--smoke"});
        } else if (args.length == 2 && args[0].equals(AOT_TRAINING_CLI)) {
            System.exit(Cli.trainCommandLine(java.nio.file.Path.of(args[1])));
        } else if (opensConsole(args)) {
            com.modelsteward.ui.shell.ConsoleLauncher.launch(args);
        } else {
            System.exit(Cli.run(args));
        }
    }

    static boolean opensConsole(String[] args) {
        return args.length == 0 || args[0].startsWith("--") && !COMMAND_LINE_OPTIONS.contains(args[0]);
    }
}
