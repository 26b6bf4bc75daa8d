package com.modelsteward.drift;

import com.modelsteward.io.DecimalText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Samples from a CSV file: a header row of feature names, then one numeric column per feature. An empty cell is a
 * missing value (skipped); NaN, inf and -inf are read as such so that the engine drops and counts them. Every problem
 * names the file, the line and the column.
 */
public final class CsvSamples {

    /** A decimal number as numpy and pandas read it; Double.parseDouble alone would also take 0x1p3 and 1.5d. */

    private CsvSamples() {
    }

    /** Feature name → values in file order (missing cells left out), in header order. */
    public static Map<String, double[]> read(Path file) {
        List<String> header;
        List<double[]> columns = new ArrayList<>();
        int[] sizes;
        // Invalid bytes become U+FFFD and are refused line by line, so the message can name the line (a decoder that
        // throws stops somewhere in its read-ahead buffer, lines past the bad byte).
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String headerLine = in.readLine();
            requireUtf8(file, 1, headerLine);
            if (headerLine != null && headerLine.startsWith("\uFEFF")) {
                headerLine = headerLine.substring(1);
            }
            if (headerLine == null || headerLine.isBlank()) {
                throw problem(file, 1, "is empty; expected a header row of feature names");
            }
            header = parseHeader(file, headerLine);
            sizes = new int[header.size()];
            for (int c = 0; c < header.size(); c++) {
                columns.add(new double[1024]);
            }
            String line;
            int lineNumber = 1;
            int rows = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                requireUtf8(file, lineNumber, line);
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != header.size()) {
                    throw problem(file, lineNumber, "has " + cells.length + " cells but the header has " + header.size() + " columns");
                }
                rows++;
                for (int c = 0; c < cells.length; c++) {
                    String cell = unquote(cells[c].strip());
                    if (cell.isEmpty()) {
                        continue;
                    }
                    double value = parse(file, lineNumber, c, header.get(c), cell);
                    double[] column = columns.get(c);
                    if (sizes[c] == column.length) {
                        column = Arrays.copyOf(column, column.length * 2);
                        columns.set(c, column);
                    }
                    column[sizes[c]++] = value;
                }
            }
            if (rows == 0) {
                throw problem(file, lineNumber, "has a header but no data rows");
            }
        } catch (NoSuchFileException missing) {
            throw new DriftException("E_DRIFT_CSV", file + " does not exist");
        } catch (IOException unreadable) {
            throw new DriftException("E_DRIFT_CSV", file + " cannot be read: " + unreadable.getMessage());
        }
        Map<String, double[]> result = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            result.put(header.get(c), Arrays.copyOf(columns.get(c), sizes[c]));
        }
        return result;
    }

    /** Fails when the two files do not name the same features, naming the file and column that differ. */
    public static void requireSameFeatures(Path referenceFile, Map<String, double[]> reference, Path currentFile, Map<String, double[]> current) {
        int column = 1;
        for (String feature : reference.keySet()) {
            if (!current.containsKey(feature)) {
                throw new DriftException("E_DRIFT_CSV", referenceFile + ", line 1, column " + column + ": feature \"" + feature
                        + "\" is not in " + currentFile);
            }
            column++;
        }
        column = 1;
        for (String feature : current.keySet()) {
            if (!reference.containsKey(feature)) {
                throw new DriftException("E_DRIFT_CSV", currentFile + ", line 1, column " + column + ": feature \"" + feature
                        + "\" is not in " + referenceFile);
            }
            column++;
        }
    }

    private static List<String> parseHeader(Path file, String line) {
        List<String> names = new ArrayList<>();
        String[] cells = line.split(",", -1);
        for (int c = 0; c < cells.length; c++) {
            String name = unquote(cells[c].strip());
            if (name.isEmpty()) {
                throw new DriftException("E_DRIFT_CSV", file + ", line 1, column " + (c + 1) + ": the feature name is empty");
            }
            if (names.contains(name)) {
                throw new DriftException("E_DRIFT_CSV", file + ", line 1, column " + (c + 1) + ": feature \"" + name + "\" appears twice");
            }
            names.add(name);
        }
        return names;
    }

    private static double parse(Path file, int line, int column, String feature, String cell) {
        switch (cell.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        try {
            if (!DecimalText.isPlainDecimal(cell)) {
                throw new NumberFormatException(cell); // Java's extras: 1.5d, 2f, 0x1p3, inner blanks
            }
            return Double.parseDouble(cell);
        } catch (NumberFormatException notANumber) {
            throw new DriftException("E_DRIFT_CSV", file + ", line " + line + ", column " + (column + 1) + " (" + feature
                    + "): \"" + cell + "\" is not a number");
        }
    }

    private static String unquote(String cell) {
        return cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"") ? cell.substring(1, cell.length() - 1) : cell;
    }

    private static void requireUtf8(Path file, int line, String text) {
        if (text != null && text.indexOf('\uFFFD') >= 0) {
            throw problem(file, line, "is not UTF-8 text here; save it as UTF-8 CSV");
        }
    }

    private static DriftException problem(Path file, int line, String what) {
        return new DriftException("E_DRIFT_CSV", file + ", line " + line + ": the file " + what);
    }
}
