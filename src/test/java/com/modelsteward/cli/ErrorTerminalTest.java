package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A walk's count goes to standard error when that is a person's terminal, whatever standard output is: under a
 * pseudo-terminal (util-linux's {@code script}) with standard output sent to a file, and not when standard error is a
 * file.
 */
class ErrorTerminalTest {

    @TempDir
    Path dir;

    /** Prints on standard error whether standard error is a terminal, as the command line decides it. */
    public static final class Child {
        public static void main(String[] args) {
            System.err.println("stderr-is-terminal=" + ErrorTerminal.isTerminal());
        }
    }

    private String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java") + " -Xshare:auto -cp " + System.getProperty("java.class.path")
                + " '" + Child.class.getName() + "'";
    }

    @Test
    void aTerminalsStandardErrorIsOneEvenWhenStandardOutputGoesToAFile() throws Exception {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/self/fd/2")) || Files.exists(Path.of("/proc/self/fd/2")), "Linux's /proc");
        assumeTrue(onPath("script"), "util-linux's script");
        Path out = dir.resolve("out.txt");
        // script runs the command under a pseudo-terminal; its standard output is sent to a file, as with --json > file.
        String transcript = run(List.of("script", "-qec", java() + " > " + out, "/dev/null"));
        assertEquals(true, transcript.contains("stderr-is-terminal=true"), transcript);
    }

    @Test
    void aFileIsNot() throws Exception {
        Path err = dir.resolve("err.txt");
        Process child = new ProcessBuilder(List.of("sh", "-c", java())).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(true, child.waitFor(60, TimeUnit.SECONDS));
        assertEquals("stderr-is-terminal=false", Files.readString(err, StandardCharsets.UTF_8).strip());
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, process.waitFor(60, TimeUnit.SECONDS));
        return text;
    }

    private static boolean onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }
}
