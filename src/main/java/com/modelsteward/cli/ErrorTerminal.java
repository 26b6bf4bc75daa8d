package com.modelsteward.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is a person's terminal: where counts that redraw in place (a long walk of the audit chain, a
 * migration's copy) belong. Standard output may go to a file meanwhile ({@code audit verify --json > report.json}), as
 * curl shows its progress while its output is redirected.
 */
final class ErrorTerminal {

    private ErrorTerminal() {
    }

    /**
     * On Linux, what file descriptor 2 is open on (/proc/self/fd/2): a pseudo-terminal or a console. Elsewhere, the JDK's
     * console, which says whether standard input and output are a terminal: the nearest it tells.
     */
    static boolean isTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.matches("/dev/tty\\w*") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException notLinux) {
            java.io.Console console = System.console();
            return console != null && console.isTerminal();
        }
    }
}
