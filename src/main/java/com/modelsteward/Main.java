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
     * The packaging's AOT training runs (the pom's package profile, ADR 6), each in a process of its own: {@code
     * --aot-training-registry FOLDER} makes the demo registry in FOLDER (no cache records it); {@code --aot-training
     * FOLDER} is the console's smoke run on it, recorded as the console's cache, {@code --aot-training-cli FOLDER}
     * the commands' run, recorded as the command line's, and {@code --aot-training-drift FOLDER} one drift, recorded as
     * the drift's own (the Linux launcher's). A cache loads and links all its classes at every start: each holds only
     * what its own start-up runs.
     */
    static final String AOT_TRAINING_REGISTRY = "--aot-training-registry";
    static final String AOT_TRAINING = "--aot-training";
    static final String AOT_TRAINING_CLI = "--aot-training-cli";
    static final String AOT_TRAINING_DRIFT = "--aot-training-drift";

    public static void main(String[] args) {
        if (args.length == 2 && args[0].equals(AOT_TRAINING_REGISTRY)) {
            System.exit(Cli.makeTrainingRegistry(java.nio.file.Path.of(args[1])));
        } else if (args.length == 2 && args[0].equals(AOT_TRAINING)) {
            com.modelsteward.ui.shell.ConsoleLauncher.launch(new String[] {"--smoke", "--db", Cli.trainingRegistry(java.nio.file.Path.of(args[1])).toString()});
        } else if (args.length == 2 && args[0].equals(AOT_TRAINING_CLI)) {
            System.exit(Cli.trainCommandLine(java.nio.file.Path.of(args[1])));
        } else if (args.length == 2 && args[0].equals(AOT_TRAINING_DRIFT)) {
            System.exit(Cli.trainDrift(java.nio.file.Path.of(args[1])));
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
