package com.modelsteward.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LineDiffTest {

    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void equalTextsHaveNoHunks() {
        assertTrue(LineDiff.unified("a\nb\n", "a\nb").isEmpty());
        assertEquals("(no difference)\n", LineDiff.render("old", "a\n", "new", "a\n"));
    }

    @Test
    void distantChangesAreSeparateHunksWithThreeLinesOfContext() {
        String before = lines(1, 20);
        String after = before.replace("line 2\n", "line two\n").replace("line 18\n", "").replace("line 20\n", "line 20\nline 21\n");
        List<String> diff = LineDiff.unified(before, after).stream().map(LineDiff.Line::toString).toList();
        assertEquals(List.of("@@ -1,5 +1,5 @@", " line 1", "-line 2", "+line two", " line 3", " line 4", " line 5",
                "@@ -15,6 +15,6 @@", " line 15", " line 16", " line 17", "-line 18", " line 19", " line 20", "+line 21"), diff);
    }

    @Test
    void fromNothingEveryLineIsAdded() {
        assertEquals("--- none\n+++ new\n@@ -1,0 +1,2 @@\n+a\n+b\n", LineDiff.render("none", "", "new", "a\nb\n"));
    }
}
