package com.modelsteward.cli;

import com.modelsteward.registry.Names;
import java.io.PrintStream;

/**
 * A print stream that shows control, formatting and separator characters as a backslash-u escape (registry.Names#forTerminal)
 * instead of passing them to the terminal. Names are checked when they come in, but a registry written before those
 * checks, or by the pipeline with plain SQL, may hold an ESC sequence or a right-to-left override that would recolour,
 * move or reverse what the user reads. Every text the commands print goes through {@code print(String)}, which
 * {@code println}, {@code printf} and {@code append} use too.
 */
final class TerminalOutput extends PrintStream {

    private final boolean keepCarriageReturn;

    /** {@code keepCarriageReturn} for the error stream, where progress lines are redrawn with a carriage return. */
    TerminalOutput(PrintStream target, boolean keepCarriageReturn) {
        super(target, true, target.charset());
        this.keepCarriageReturn = keepCarriageReturn;
    }

    @Override
    public void print(String text) {
        super.print(text == null ? null : Names.forTerminal(text, keepCarriageReturn));
    }

    @Override
    public void print(Object value) {
        print(String.valueOf(value));
    }

    @Override
    public void print(char c) {
        print(String.valueOf(c));
    }

    @Override
    public void print(char[] chars) {
        print(new String(chars));
    }

    @Override
    public void println(String text) {
        synchronized (this) {
            print(text);
            println();
        }
    }

    @Override
    public void println(Object value) {
        println(String.valueOf(value));
    }

    @Override
    public void println(char[] chars) {
        println(new String(chars));
    }

    @Override
    public void println(char c) {
        println(String.valueOf(c));
    }
}
