package com.modelsteward.cli;

/**
 * One command of the command line: a picocli {@code @Command} whose options picocli has filled in before {@link #run}.
 * Adding a command is one class and one line in {@link ModelStewardCommand} (or in its group).
 */
public interface CliCommand {

    /**
     * Whether this run may sign something (write to the registry). The command line then warms the signing key up in
     * the background while the command starts; a run that only reads files and computes says no and keeps the CPU.
     */
    default boolean maySign() {
        return true;
    }

    /** Runs the command; returns the process exit code. Refusals throw {@link CliException}. */
    int run(CliContext context) throws Exception;
}
