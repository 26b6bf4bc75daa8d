package com.modelsteward.registry;

import java.util.Optional;

/**
 * What a name or id the registry stores may hold (docs/schema.md, "Names and ids"), checked at every entry point the
 * command line and the console offer, and how a stored value is shown on a terminal.
 *
 * <p>A name is 1 to {@value #MAX_NAME_CHARS} characters with no control character (NUL, line breaks, tab, ESC, DEL, the
 * C1 range), no invisible formatting character (bidi overrides and isolates such as U+202E, zero-width characters, the
 * byte-order mark), no line or paragraph separator and no lone surrogate: each of these either cannot be stored exactly
 * or prints as something other than what is stored. An id (model_id, parent_id, and model_name and version, from which a
 * model_id is made) additionally holds no {@code /} or {@code \} and no {@code ..}, because ids end up in file names
 * and paths of the pipeline.
 */
public final class Names {

    public static final int MAX_NAME_CHARS = 200;
    /** A reference (path_ref, data_snapshot_ref) or free text such as code_commit: longer, same characters. */
    public static final int MAX_REFERENCE_CHARS = 4096;

    private Names() {
    }

    /** Why {@code value} cannot be a name, or empty when it can. */
    public static Optional<String> nameProblem(String value) {
        return textProblem(value, MAX_NAME_CHARS);
    }

    /** Why {@code value} cannot be an id: a name without path separators or {@code ..}. */
    public static Optional<String> idProblem(String value) {
        Optional<String> problem = nameProblem(value);
        if (problem.isPresent()) {
            return problem;
        }
        if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
            return Optional.of("must not contain a path separator (/ or \\)");
        }
        if (value.contains("..")) {
            return Optional.of("must not contain \"..\"");
        }
        return Optional.empty();
    }

    /** Why {@code value} cannot be stored as a reference or free text of at most {@code maxChars} characters. */
    public static Optional<String> textProblem(String value, int maxChars) {
        int length = value.codePointCount(0, value.length());
        if (length > maxChars) {
            return Optional.of("is " + length + " characters long; at most " + maxChars + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("holds a lone surrogate " + codePoint(c) + " at character " + (i + 1)
                        + ", which is not a character and cannot be stored as UTF-8");
            } else if (unsafe(c)) {
                return Optional.of("holds the control or formatting character " + codePoint(c) + " at character " + (i + 1));
            }
        }
        return Optional.empty();
    }

    /** The index of the first lone surrogate in {@code value}, or -1. */
    public static int loneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code text} safe to print on a terminal: every control, formatting or separator character (other than the line
     * break and tab the output itself uses, and a carriage return where {@code keepCarriageReturn}) is shown as
     * {@code \\uXXXX}, so a name stored before these rules cannot colour, move or reverse what the terminal shows. Inside
     * a JSON string the escape means the same character, so JSON output stays equal in meaning.
     */
    public static String forTerminal(String text, boolean keepCarriageReturn) {
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = c != '\n' && c != '\t' && !(keepCarriageReturn && c == '\r')
                    && (unsafe(c) || Character.isSurrogate(c) && !pairedSurrogate(text, i));
            if (escape && safe == null) {
                safe = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (safe != null) {
                safe.append(escape ? codePoint(c).replace("U+", "\\u") : String.valueOf(c));
            }
        }
        return safe == null ? text : safe.toString();
    }

    private static boolean pairedSurrogate(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private static boolean unsafe(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
