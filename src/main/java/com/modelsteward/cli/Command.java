package com.modelsteward.cli;

/** One command of the command line. */
public interface Command {

    /** The words that select it, e.g. {@code "demo"} or {@code "scorecards import"}. */
    String name();

    /** One line for the help text. */
    String summary();

    /**
     * Whether this run may sign something (write to the registry). The command line then warms the signing key up in
     * the background while the command starts; a run that only reads files and computes says no and keeps the CPU.
     */
    default boolean maySign(Args args) {
        return true;
    }

    /** Runs the command; returns the process exit code. Refusals throw {@link CliException}. */
    int run(Args args, CliContext context) throws Exception;
}
