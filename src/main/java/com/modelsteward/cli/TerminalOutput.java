package com.modelsteward.cli;

import com.modelsteward.registry.Names;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * A print stream that shows control, formatting and separator characters as a backslash-u escape (registry.Names#forTerminal)
 * instead of passing them to the terminal. Names are checked when they come in, but a registry written before those
 * checks, or by the pipeline with plain SQL, may hold an ESC sequence or a right-to-left override that would recolour,
 * move or reverse what the user reads. Every text the commands print goes through {@code print(String)}, which
 * {@code println}, {@code printf} and {@code append} use too.
 */
final class TerminalOutput extends PrintStream {

    private final boolean keepCarriageReturn;
    private final PrintStream flushedFirst;

    /** {@code keepCarriageReturn} for the error stream, where progress lines are redrawn with a carriage return. */
    TerminalOutput(PrintStream target, boolean keepCarriageReturn) {
        this(target, target.charset(), true, keepCarriageReturn, null);
    }

    /**
     * @param autoFlush whether every line is written at once (a person reading a terminal) or only when the buffer fills
     *        and when the command ends (a file or a pipe: a write per line cost a tenth of a one-version command)
     * @param flushedFirst the stream whose buffered text is written before anything of this one (the output, flushed
     *        before an error or a progress line so that the two keep their order on a terminal), or null
     */
    private TerminalOutput(OutputStream target, Charset charset, boolean autoFlush, boolean keepCarriageReturn, PrintStream flushedFirst) {
        super(target, autoFlush, charset);
        this.keepCarriageReturn = keepCarriageReturn;
        this.flushedFirst = flushedFirst;
    }

    /**
     * The process's output: line by line on a terminal, block-buffered into a file or a pipe (as C's stdio does), so
     * that {@link #flush()} must run before the process exits.
     */
    static TerminalOutput standardOutput(boolean terminal) {
        if (terminal) {
            return new TerminalOutput(System.out, false);
        }
        var file = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        return new TerminalOutput(file, System.out.charset(), false, false, null);
    }

    /** The process's error stream, which writes what {@code output} holds before each of its own writes. */
    static TerminalOutput standardError(PrintStream output) {
        return new TerminalOutput(System.err, System.err.charset(), true, true, output);
    }

    @Override
    public void write(int b) {
        flushFirst();
        super.write(b);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) {
        flushFirst();
        super.write(buffer, offset, length);
    }

    private void flushFirst() {
        if (flushedFirst != null) {
            flushedFirst.flush();
        }
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
