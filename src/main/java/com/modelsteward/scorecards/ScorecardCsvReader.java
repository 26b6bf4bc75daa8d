package com.modelsteward.scorecards;

import com.modelsteward.csv.DecimalText;
import com.modelsteward.registry.Names;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.registry.Timestamps;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads scorecards from CSV with the header {@code model_id,pack_id,metric,value,generated_at} (any column order,
 * every column required in every row: a row without its time is refused rather than given the import time), RFC 4180 quoting, UTF-8 (a BOM is allowed). It streams: one record at a time goes to a
 * sink, so memory does not grow with the file. Every problem is reported as {@code file:line:column: problem}: unknown
 * models, values that are not finite decimal numbers, bad timestamps, invalid UTF-8, over-long fields. It only parses;
 * {@link ScorecardImport} stages and writes.
 */
final class ScorecardCsvReader {

    static final List<String> REQUIRED = List.of("model_id", "pack_id", "metric", "value", "generated_at");
    static final String GENERATED_AT = "generated_at";
    /** Longest record (one row, quoted line breaks included): a bigger one is garbage, and would cost memory to hold. */
    static final int MAX_RECORD_CHARS = 1_000_000;
    /** Longest number: as for JSON input, more than 100 digits is not a measurement. */
    static final int MAX_NUMBER_CHARS = 100;

    /** One valid row. */
    record Row(long line, String modelId, String packId, String metric, double value, String generatedAt) {
    }

    @FunctionalInterface
    interface Sink {
        void row(Row row);
    }

    private ScorecardCsvReader() {
    }

    /**
     * Reads every record of {@code content}; each valid row goes to {@code sink}, each problem to {@code problems}. Stops
     * early once {@code problems} is full.
     *
     * @param name the file's name, for messages
     * @param knownModel whether a model id exists in the registry
     * @throws RegistryException E_IMPORT_INVALID at once for what makes the rest unreadable (no or a bad header, a quote
     *                           never closed, a record over {@value #MAX_RECORD_CHARS} characters)
     */
    static void read(String name, Reader content, Predicate<String> knownModel, Sink sink, ImportProblems problems) throws IOException {
        RecordReader records = new RecordReader(content, name);
        List<String> header = records.next();
        if (header == null) {
            throw unreadable(name + ":1: the file is empty; expected the header " + String.join(",", REQUIRED));
        }
        Map<String, Integer> columns = columns(header, name);
        List<String> record;
        while (!problems.full() && (record = records.next()) != null) {
            if (record.size() == 1 && record.getFirst().isBlank()) {
                continue;
            }
            Row row = row(record, records.startLine(), columns, name, knownModel, problems);
            if (row != null) {
                sink.row(row);
            }
        }
    }

    private static Map<String, Integer> columns(List<String> header, String name) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i).replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
            if (columns.putIfAbsent(column, i) != null) {
                throw unreadable(name + ":1:" + (i + 1) + ": column " + shown(column) + " appears twice in the header");
            }
        }
        List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw unreadable(name + ":1: the header lacks " + String.join(", ", missing)
                    + "; expected " + String.join(",", REQUIRED));
        }
        Set<String> known = Set.copyOf(REQUIRED);
        columns.keySet().stream().filter(c -> !known.contains(c)).findFirst().ifPresent(c -> {
            throw unreadable(name + ":1:" + (columns.get(c) + 1) + ": unknown column " + shown(c)
                    + "; expected " + String.join(",", REQUIRED));
        });
        return columns;
    }

    private static Row row(List<String> record, long line, Map<String, Integer> columns, String name, Predicate<String> knownModel,
                           ImportProblems problems) {
        Problems row = new Problems(problems, name, line, columns);
        if (record.size() > columns.size()) {
            row.add(null, "the row has " + record.size() + " fields but the header has " + columns.size() + " columns");
        }
        String modelId = row.name(record, "model_id", Names::idProblem);
        String packId = row.name(record, "pack_id", Names::nameProblem);
        String metric = row.name(record, "metric", Names::nameProblem);
        String valueText = row.field(record, "value", true);
        String generatedAt = row.field(record, GENERATED_AT, true);
        if (modelId != null && !knownModel.test(modelId)) {
            row.add("model_id", "unknown model " + shown(modelId) + " (no such model_id in the registry)");
        }
        double value = Double.NaN;
        if (valueText != null) {
            if (valueText.length() > MAX_NUMBER_CHARS) {
                row.add("value", "value has more than " + MAX_NUMBER_CHARS + " characters; it is not a measurement");
            } else if (valueText.equalsIgnoreCase("nan") || valueText.matches("[+-]?(?i)(inf|infinity)")) {
                row.add("value", "value " + shown(valueText) + " is not a finite number");
            } else if (!DecimalText.isPlainDecimal(valueText)) {
                row.add("value", "value " + shown(valueText) + " is not a number");
            } else {
                value = Double.parseDouble(valueText);
                if (!Double.isFinite(value)) {
                    row.add("value", "value " + shown(valueText) + " is not a finite number (beyond about 1.8e308 either side of zero)");
                }
            }
        }
        if (generatedAt != null) {
            try {
                generatedAt = Timestamps.format(Timestamps.parse(generatedAt));
            } catch (java.time.DateTimeException badTime) {
                row.add(GENERATED_AT, "generated_at " + shown(generatedAt) + " is not an ISO-8601 time such as 2026-11-01T12:00:00Z");
            }
        }
        return row.clean() ? new Row(line, modelId, packId, metric, value, generatedAt) : null;
    }

    /** A problem that stops the reading at once (the rest of the file cannot be read as rows). */
    private static RegistryException unreadable(String problem) {
        return new RegistryException("E_IMPORT_INVALID", problem + "; nothing was imported");
    }

    /** A cell as shown in a message: quoted, and cut short when long, so a 1 MB cell never floods the terminal. */
    static String shown(String text) {
        String cut = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return "\"" + cut + "\"";
    }

    /** The problems of one row: knows the file, line and columns, and whether this row had any. */
    private static final class Problems {

        private final ImportProblems all;
        private final String name;
        private final long line;
        private final Map<String, Integer> columns;
        private boolean clean = true;

        Problems(ImportProblems all, String name, long line, Map<String, Integer> columns) {
            this.all = all;
            this.name = name;
            this.line = line;
            this.columns = columns;
        }

        void add(String column, String what) {
            clean = false;
            all.add(line, name + ":" + line + ":" + (column == null ? "" : (columns.get(column) + 1) + ":") + " " + what);
        }

        boolean clean() {
            return clean;
        }

        /** A required text field that names something: not empty, valid UTF-8, and held to the registry's name rules. */
        String name(List<String> record, String column, java.util.function.Function<String, java.util.Optional<String>> rule) {
            String value = field(record, column, true);
            java.util.Optional<String> problem = value == null ? java.util.Optional.empty() : rule.apply(value);
            if (problem.isPresent()) {
                add(column, column + " " + problem.get());
                return null;
            }
            return value;
        }

        String field(List<String> record, String column, boolean required) {
            int index = columns.get(column);
            String value = index < record.size() ? record.get(index).strip() : "";
            if (value.isEmpty()) {
                if (required) {
                    add(column, column + " is empty" + (index >= record.size() ? " (the row has only " + record.size() + " fields)" : ""));
                }
                return null;
            }
            if (value.indexOf('\uFFFD') >= 0) {
                add(column, column + " is not valid UTF-8 text (save the file as UTF-8 CSV)");
                return null;
            }
            return value;
        }
    }

    /**
     * RFC 4180 records over any mix of CRLF, LF and CR line ends; quoted fields may span lines. Remembers the line each
     * record starts on, and refuses a record longer than {@value #MAX_RECORD_CHARS} characters instead of holding it.
     */
    static final class RecordReader {

        private final Reader in;
        private final String name;
        private final char[] buffer = new char[64 * 1024];
        private int position;
        private int length;
        private long line = 1;
        private long startLine;

        RecordReader(Reader in, String name) {
            this.in = in;
            this.name = name;
        }

        long startLine() {
            return startLine;
        }

        private int read() throws IOException {
            if (position == length) {
                length = in.read(buffer, 0, buffer.length);
                position = 0;
                if (length <= 0) {
                    length = 0;
                    return -1;
                }
            }
            return buffer[position++];
        }

        private int peek() throws IOException {
            int c = read();
            if (c >= 0) {
                position--;
            }
            return c;
        }

        /** The next record's fields, or null at the end of the file. */
        List<String> next() throws IOException {
            int c = read();
            if (c < 0) {
                return null;
            }
            startLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            long size = 0;
            while (true) {
                if (c < 0) {
                    if (quoted) {
                        throw unreadable(name + ":" + startLine + ": a quoted field is never closed");
                    }
                    break;
                }
                if (++size > MAX_RECORD_CHARS) {
                    throw unreadable(name + ":" + startLine + ": the record is longer than "
                            + MAX_RECORD_CHARS + " characters (is a quote never closed?)");
                }
                char ch = (char) c;
                if (quoted) {
                    if (ch == '"') {
                        if (peek() == '"') {
                            read();
                            field.append('"');
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (ch == '\n' || ch == '\r' && peek() != '\n') {
                            line++;
                        }
                        field.append(ch);
                    }
                } else if (ch == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                } else if (ch == '\n' || ch == '\r') {
                    if (ch == '\r' && peek() == '\n') {
                        read();
                    }
                    line++;
                    break;
                } else if (ch == '"' && field.isEmpty() && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else {
                    field.append(ch);
                }
                c = read();
            }
            fields.add(field.toString());
            return fields;
        }
    }
}
