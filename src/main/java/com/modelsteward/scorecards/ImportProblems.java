package com.modelsteward.scorecards;

import com.modelsteward.registry.RegistryException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The problems found in one import file, each with its line. Bounded: after {@value #MAX} problems the reader stops, which
 * is enough to fix a file in one go without flooding the terminal, and keeps memory independent of the file's size.
 */
final class ImportProblems {

    static final int MAX = 50;

    private record Problem(long line, String text) {
    }

    private final List<Problem> problems = new ArrayList<>();

    void add(long line, String text) {
        if (problems.size() < MAX) {
            problems.add(new Problem(line, text));
        }
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    boolean full() {
        return problems.size() >= MAX;
    }

    /** Refuses the file when there is any problem: one line each, in line order (duplicates are found a batch late). */
    void throwIfAny(String code, String fileName) {
        if (problems.isEmpty()) {
            return;
        }
        List<String> lines = problems.stream().sorted(Comparator.comparingLong(Problem::line)).map(Problem::text)
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        if (full()) {
            lines.add("… stopped after " + MAX + " problems");
        }
        if (lines.size() == 1) {
            throw new RegistryException(code, lines.getFirst() + "; nothing was imported");
        }
        throw new RegistryException(code, problems.size() + " problem(s) in " + fileName + "; nothing was imported:\n  " + String.join("\n  ", lines));
    }
}
