package com.modelsteward.lineage;

import com.modelsteward.registry.RegistryException;
import com.modelsteward.registry.Timestamps;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads scorecards from CSV with the header {@code model_id,pack_id,metric,value,generated_at} (any column order,
 * {@code generated_at} optional), RFC 4180 quoting, UTF-8. Validates everything before anything is written and reports
 * every problem as {@code file:line:column: problem}: unknown models, values that are not finite numbers, duplicate
 * rows, bad timestamps. It only parses; {@link ScorecardImport} writes.
 */
public final class ScorecardCsvReader {

    static final List<String> REQUIRED = List.of("model_id", "pack_id", "metric", "value");
    static final String GENERATED_AT = "generated_at";
    /** Enough problems to fix a file in one go without flooding the terminal. */
    static final int MAX_PROBLEMS = 50;

    /** One valid row; {@code generatedAt} is null when the file gives none (the import time is used). */
    public record Row(int line, String modelId, String packId, String metric, double value, String generatedAt) {
    }

    /** Progress while reading: lines read so far and the file's size in bytes (a rough total). */
    @FunctionalInterface
    public interface Progress {
        void update(long linesRead, long bytesRead, long totalBytes);
    }

    private ScorecardCsvReader() {
    }

    /**
     * @param knownModel whether a model id exists in the registry
     * @throws RegistryException E_IMPORT_INVALID listing every problem (up to {@value #MAX_PROBLEMS}); nothing is returned then
     */
    public static List<Row> read(Path file, Predicate<String> knownModel, Progress progress) {
        List<String> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        long total;
        try {
            total = Files.size(file);
        } catch (IOException unreadable) {
            throw new RegistryException("E_IMPORT_CANT_READ", "cannot read " + file + ": " + describe(unreadable));
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            RecordReader records = new RecordReader(reader);
            List<String> header = records.next();
            if (header == null) {
                throw new RegistryException("E_IMPORT_INVALID", name + ":1: the file is empty; expected the header "
                        + String.join(",", REQUIRED) + "," + GENERATED_AT);
            }
            Map<String, Integer> columns = columns(header, name);
            Map<String, Integer> seen = new HashMap<>();
            long bytes = 0;
            List<String> record;
            while ((record = records.next()) != null) {
                int line = records.startLine();
                bytes += String.join(",", record).length() + 1;
                if (record.size() == 1 && record.getFirst().isBlank()) {
                    continue;
                }
                Row row = row(record, line, columns, name, knownModel, problems);
                if (row != null) {
                    String key = row.modelId() + "\u0000" + row.packId() + "\u0000" + row.metric() + "\u0000" + row.generatedAt();
                    Integer first = seen.putIfAbsent(key, line);
                    if (first != null) {
                        problems.add(name + ":" + line + ": duplicate of line " + first + " (same model_id, pack_id, metric"
                                + (row.generatedAt() == null ? "" : " and generated_at") + ")");
                    } else {
                        rows.add(row);
                    }
                }
                if (problems.size() >= MAX_PROBLEMS) {
                    problems.add("… stopped after " + MAX_PROBLEMS + " problems");
                    break;
                }
                if (line % 1000 == 0) {
                    progress.update(line, Math.min(bytes, total), total);
                }
            }
        } catch (CharacterCodingException notUtf8) {
            throw new RegistryException("E_IMPORT_INVALID", name + " is not UTF-8 text; save it as UTF-8 CSV");
        } catch (IOException unreadable) {
            throw new RegistryException("E_IMPORT_CANT_READ", "cannot read " + file + ": " + describe(unreadable));
        }
        if (!problems.isEmpty()) {
            throw new RegistryException("E_IMPORT_INVALID", problems.size() + " problem(s) in " + name + "; nothing was imported:\n  "
                    + String.join("\n  ", problems));
        }
        if (rows.isEmpty()) {
            throw new RegistryException("E_IMPORT_INVALID", name + " has a header but no scorecard rows; nothing was imported");
        }
        return List.copyOf(rows);
    }

    private static Map<String, Integer> columns(List<String> header, String name) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i).strip().toLowerCase(Locale.ROOT).replace("\uFEFF", "");
            if (columns.putIfAbsent(column, i) != null) {
                throw new RegistryException("E_IMPORT_INVALID", name + ":1:" + (i + 1) + ": column " + column + " appears twice in the header");
            }
        }
        List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new RegistryException("E_IMPORT_INVALID", name + ":1: the header lacks " + String.join(", ", missing)
                    + "; expected " + String.join(",", REQUIRED) + "," + GENERATED_AT);
        }
        Set<String> known = Set.of("model_id", "pack_id", "metric", "value", GENERATED_AT);
        columns.keySet().stream().filter(c -> !known.contains(c)).findFirst().ifPresent(c -> {
            throw new RegistryException("E_IMPORT_INVALID", name + ":1:" + (columns.get(c) + 1) + ": unknown column \"" + c
                    + "\"; expected " + String.join(",", REQUIRED) + "," + GENERATED_AT);
        });
        return columns;
    }

    private static Row row(List<String> record, int line, Map<String, Integer> columns, String name, Predicate<String> knownModel,
                           List<String> problems) {
        int before = problems.size();
        String modelId = field(record, columns, "model_id", line, name, problems, true);
        String packId = field(record, columns, "pack_id", line, name, problems, true);
        String metric = field(record, columns, "metric", line, name, problems, true);
        String valueText = field(record, columns, "value", line, name, problems, true);
        String generatedAt = columns.containsKey(GENERATED_AT) ? field(record, columns, GENERATED_AT, line, name, problems, false) : null;
        if (modelId != null && !knownModel.test(modelId)) {
            problems.add(where(name, line, columns, "model_id") + "unknown model \"" + modelId + "\" (no such model_id in the registry)");
        }
        double value = Double.NaN;
        if (valueText != null) {
            try {
                value = Double.parseDouble(valueText);
            } catch (NumberFormatException notANumber) {
                problems.add(where(name, line, columns, "value") + "value \"" + valueText + "\" is not a number");
            }
            if (problems.size() == before && !Double.isFinite(value)) {
                problems.add(where(name, line, columns, "value") + "value \"" + valueText + "\" is not a finite number");
            }
        }
        if (generatedAt != null) {
            try {
                generatedAt = Timestamps.format(Timestamps.parse(generatedAt));
            } catch (java.time.format.DateTimeParseException badTime) {
                problems.add(where(name, line, columns, GENERATED_AT) + "generated_at \"" + generatedAt
                        + "\" is not an ISO-8601 time such as 2026-11-01T12:00:00Z");
            }
        }
        return problems.size() == before ? new Row(line, modelId, packId, metric, value, generatedAt) : null;
    }

    private static String field(List<String> record, Map<String, Integer> columns, String column, int line, String name,
                                List<String> problems, boolean required) {
        int index = columns.get(column);
        String value = index < record.size() ? record.get(index).strip() : "";
        if (value.isEmpty()) {
            if (required) {
                problems.add(where(name, line, columns, column) + column + " is empty");
            }
            return null;
        }
        return value;
    }

    private static String where(String name, int line, Map<String, Integer> columns, String column) {
        return name + ":" + line + ":" + (columns.get(column) + 1) + ": ";
    }

    private static String describe(IOException failure) {
        return failure instanceof java.nio.file.NoSuchFileException ? "no such file"
                : failure instanceof java.nio.file.AccessDeniedException ? "permission denied" : String.valueOf(failure.getMessage());
    }

    /** RFC 4180 records, quoted fields may span lines; remembers the line each record starts on. */
    static final class RecordReader {

        private final BufferedReader in;
        private int line;
        private int startLine;

        RecordReader(BufferedReader in) {
            this.in = in;
        }

        int startLine() {
            return startLine;
        }

        List<String> next() throws IOException {
            String text = in.readLine();
            if (text == null) {
                return null;
            }
            line++;
            startLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int i = 0;
            while (true) {
                if (i >= text.length()) {
                    if (!quoted) {
                        break;
                    }
                    String more = in.readLine();
                    if (more == null) {
                        throw new RegistryException("E_IMPORT_INVALID", "line " + startLine + ": a quoted field is never closed");
                    }
                    line++;
                    field.append('\n');
                    text = more;
                    i = 0;
                    continue;
                }
                char c = text.charAt(i++);
                if (quoted) {
                    if (c == '"' && i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            return fields;
        }
    }
}
