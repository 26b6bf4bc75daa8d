package com.modelsteward.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Garbage never refuses a file that fits. Run in a JVM of its own with a small heap that earlier work has filled with
 * garbage, as a long test run or the second file of a comparison leaves it: the heap's first reading says the values do
 * not fit, the budget collects once, and the file is read; values larger than the whole heap are still refused.
 */
class MemoryBudgetTest {

    private static final int ROWS = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void aHeapFullOfGarbageStillReadsAFileThatFitsAndRefusesOneThatDoesNot() throws Exception {
        StringBuilder csv = new StringBuilder("x\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append(i % 1000).append('\n');
        }
        Path file = Files.writeString(dir.resolve("one.csv"), csv);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                Probe.class.getName(), file.toString()).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the probe ends");
        assertEquals(0, child.exitValue(), output);
        List<String> lines = output.lines().toList();
        long before = Long.parseLong(lines.get(0));
        assertTrue(before < (long) ROWS * Double.BYTES, "the heap looked full before collecting: " + output);
        assertEquals(List.of("fits", "read " + ROWS, "the whole heap: refused"), lines.subList(1, 4), output);
    }

    /** The child: fills its heap with garbage, then asks the budget and reads the file. */
    public static final class Probe {

        public static void main(String[] args) {
            Path file = Path.of(args[0]);
            long need = (long) ROWS * Double.BYTES;
            List<byte[]> junk = new ArrayList<>();
            while (MemoryBudget.ofHeap().bytes() >= need / 2) {
                junk.add(new byte[64 * 1024]);
            }
            junk = null;
            MemoryBudget budget = MemoryBudget.ofHeap();
            System.out.println(budget.bytes());
            System.out.println(budget.fits(need, 0) ? "fits" : "refused");
            System.out.println("read " + SampleFiles.read(file).get("x").length);
            System.out.println("the whole heap: " + (MemoryBudget.ofHeap().fits(Runtime.getRuntime().maxMemory(), 0) ? "fits" : "refused"));
        }
    }
}
