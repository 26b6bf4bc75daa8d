package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WalkProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong(5_000_000_000L);

    @Test
    void aLongWalkShowsItsCountOnOneLineAndWipesItBeforeTheResult() {
        WalkProgress progress = new WalkProgress(err, true, now::get);
        progress.walked(4096, 100_000);
        assertEquals("", written(), "nothing in the walk's first second");

        now.addAndGet(1_200_000_000L);
        progress.walked(40_960, 100_000);
        assertEquals("verifying the audit trail: 40960 of 100000 entries (40 %)", screen());
        now.addAndGet(50_000_000L);
        progress.walked(45_056, 100_000);
        assertEquals("verifying the audit trail: 40960 of 100000 entries (40 %)", screen(), "redrawn at most ten times a second");
        now.addAndGet(60_000_000L);
        progress.walked(98_304, 100_000);
        assertEquals("verifying the audit trail: 98304 of 100000 entries (98 %)", screen());

        now.addAndGet(10_000_000L);
        progress.walked(100_000, 100_000);
        assertEquals("verifying the audit trail: 100000 of 100000 entries (100 %)", screen(), "the whole count, however soon");

        progress.end();
        assertEquals("", screen().strip(), "the result starts on a clean line");
        assertEquals(5, written().chars().filter(c -> c == '\r').count(), "three redraws, then two carriage returns to wipe");
        assertTrue(written().indexOf('\n') < 0, "no line of its own is left behind");
    }

    @Test
    void aShorterCountOverwritesTheWholeOfTheLongerOne() {
        WalkProgress progress = new WalkProgress(err, true, now::get);
        now.addAndGet(2_000_000_000L);
        progress.walked(8192, 5);
        now.addAndGet(200_000_000L);
        progress.walked(4, 5);
        assertEquals("verifying the audit trail: 4 of 5 entries (80 %)", screen().stripTrailing());
    }

    @Test
    void nothingIsWrittenWhereTheOutputIsNotATerminal() {
        WalkProgress progress = new WalkProgress(err, false, now::get);
        now.addAndGet(10_000_000_000L);
        progress.walked(40_960, 100_000);
        progress.end();
        assertEquals("", written());
    }

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** What a terminal shows on the line: each carriage return goes back to its start, and what follows overwrites it. */
    private String screen() {
        StringBuilder line = new StringBuilder();
        int column = 0;
        for (char c : written().toCharArray()) {
            if (c == '\r') {
                column = 0;
            } else {
                if (column < line.length()) {
                    line.setCharAt(column, c);
                } else {
                    line.append(c);
                }
                column++;
            }
        }
        return line.toString().stripTrailing();
    }
}
