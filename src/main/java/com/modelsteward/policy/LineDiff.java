package com.modelsteward.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified line diff of two texts (a policy in force and the one proposed), by longest common subsequence. Policies are
 * a few hundred lines, so the quadratic table is small; a pair too large for it is shown as removed-then-added whole.
 */
public final class LineDiff {

    /** Above this many cells the LCS table is not built (two 3 000-line files). */
    private static final long MAX_CELLS = 9_000_000L;
    private static final int CONTEXT = 3;

    /** One line of the diff: {@code ' '} unchanged, {@code '-'} only in the old text, {@code '+'} only in the new, {@code '@'} a hunk header. */
    public record Line(char type, String text) {

        @Override
        public String toString() {
            return type == '@' ? text : type + text;
        }
    }

    private LineDiff() {
    }

    /** Every line of both texts in order, marked unchanged, removed or added. */
    public static List<Line> full(String oldText, String newText) {
        String[] a = lines(oldText);
        String[] b = lines(newText);
        List<Line> out = new ArrayList<>();
        if ((long) a.length * b.length > MAX_CELLS) {
            for (String line : a) {
                out.add(new Line('-', line));
            }
            for (String line : b) {
                out.add(new Line('+', line));
            }
            return out;
        }
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.add(new Line(' ', a[i++]));
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                out.add(new Line('-', a[i++]));
            } else {
                out.add(new Line('+', b[j++]));
            }
        }
        return out;
    }

    /** The changes with three lines of context each, in hunks headed {@code @@ -start,count +start,count @@}; empty when equal. */
    public static List<Line> unified(String oldText, String newText) {
        List<Line> all = full(oldText, newText);
        List<Line> out = new ArrayList<>();
        int n = all.size();
        int index = 0;
        while (index < n) {
            int change = index;
            while (change < n && all.get(change).type() == ' ') {
                change++;
            }
            if (change == n) {
                break;
            }
            int start = Math.max(index, change - CONTEXT);
            int end = change;
            int quiet = 0;
            while (end < n && quiet <= 2 * CONTEXT) {
                quiet = all.get(end).type() == ' ' ? quiet + 1 : 0;
                end++;
            }
            end = Math.min(n, end - Math.max(0, quiet - CONTEXT));
            int oldStart = 1;
            int newStart = 1;
            for (int k = 0; k < start; k++) {
                oldStart += all.get(k).type() != '+' ? 1 : 0;
                newStart += all.get(k).type() != '-' ? 1 : 0;
            }
            int oldCount = 0;
            int newCount = 0;
            for (int k = start; k < end; k++) {
                oldCount += all.get(k).type() != '+' ? 1 : 0;
                newCount += all.get(k).type() != '-' ? 1 : 0;
            }
            out.add(new Line('@', "@@ -" + oldStart + "," + oldCount + " +" + newStart + "," + newCount + " @@"));
            out.addAll(all.subList(start, end));
            index = end;
        }
        return out;
    }

    /** The unified diff as text with {@code --- before} / {@code +++ after} headers, one line per line. */
    public static String render(String oldLabel, String oldText, String newLabel, String newText) {
        List<Line> hunks = unified(oldText, newText);
        if (hunks.isEmpty()) {
            return "(no difference)\n";
        }
        StringBuilder text = new StringBuilder("--- ").append(oldLabel).append('\n').append("+++ ").append(newLabel).append('\n');
        hunks.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    private static String[] lines(String text) {
        if (text == null || text.isEmpty()) {
            return new String[0];
        }
        String body = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return body.split("\r?\n", -1);
    }
}
