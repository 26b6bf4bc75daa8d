package com.modelsteward.cli;

/** One command of the command line. */
public interface Command {

    /** The words that select it, e.g. {@code "demo"} or {@code "scorecards import"}. */
    String name();

    /** One line for the help text. */
    String summary();

    /** Runs the command; returns the process exit code. Refusals throw {@link CliException}. */
    int run(Args args, CliContext context) throws Exception;
}
