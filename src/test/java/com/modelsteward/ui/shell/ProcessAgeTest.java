package com.modelsteward.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The start-up figures count from the moment the OS started the process: a process started by this test can never be
 * older than the time since the test started it. The JDK's start instant on Linux is up to a second early (the boot
 * time in whole seconds), which had put that second on both sides of every start-up ratio.
 */
class ProcessAgeTest {

    /** Prints its own age as the console's figures take it, at once. */
    public static final class Child {
        public static void main(String[] args) {
            System.out.println(FirstFrame.processAgeMillis());
        }
    }

    @Test
    void aProcessIsNoOlderThanTheTimeSinceItWasStarted() throws Exception {
        for (int run = 0; run < 3; run++) {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                    "-cp", System.getProperty("java.class.path"), Child.class.getName());
            long before = System.nanoTime();
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String printed;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                printed = out.readLine();
            }
            long sinceStarted = (System.nanoTime() - before) / 1_000_000;
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue());
            long age = Long.parseLong(printed.strip());
            // The OS counts in 10 ms ticks: the uptime and the start each round down by up to one.
            assertTrue(age >= 0 && age <= sinceStarted + 20, "the child says it is " + age + " ms old, " + sinceStarted
                    + " ms after this test started it");
        }
    }
}
