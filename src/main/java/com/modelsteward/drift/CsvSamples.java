package com.modelsteward.drift;

import com.modelsteward.csv.DecimalText;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
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

    /**
     * The limits of a drift CSV file (docs/security.md, "Input limits"). The file is streamed, so its size is bounded
     * by what is kept: a line is refused as soon as it passes its limit, and the values kept by their count.
     */
    public static final int MAX_LINE_CHARS = 1024 * 1024;
    public static final int MAX_COLUMNS = 10_000;
    public static final int MAX_VALUES = 20_000_000;
    public static final int MAX_LINES = MAX_VALUES;
    private CsvSamples() {
    }

    /**
     * Feature name → values in file order (missing cells left out), in header order. A regular file is read in
     * parallel chunks straight into one array per column ({@link ParallelCsvReader}); a pipe, a device, and any file
     * that reader cannot vouch for is read line by line here, which is also where every refusal is worded. Values that
     * would not fit in the memory left to this run are refused with a sentence, never an OutOfMemoryError.
     */
    public static Map<String, double[]> read(Path file) {
        return read(file, MemoryBudget.ofHeap());
    }

    /** {@link #read(Path)} within {@code budget}. */
    static Map<String, double[]> read(Path file, MemoryBudget budget) {
        if (Files.isRegularFile(file)) {
            Map<String, double[]> columns = ParallelCsvReader.read(file, budget);
            if (columns != null) {
                return columns;
            }
        }
        return readSequentially(file, budget);
    }

    /** The reader of record: one line at a time, as the docs describe the format; slower, and exact in every refusal. */
    static Map<String, double[]> readSequentially(Path file, MemoryBudget budget) {
        List<String> header;
        List<double[]> columns = new ArrayList<>();
        int[] sizes;
        // Invalid bytes become U+FFFD and are refused line by line, so the message can name the line (a decoder that
        // throws stops somewhere in its read-ahead buffer, lines past the bad byte).
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), decoder)) {
            Lines in = new Lines(reader, file);
            String headerLine = in.readLine();
            requireUtf8(file, 1, headerLine);
            if (headerLine != null && headerLine.startsWith("\uFEFF")) {
                headerLine = headerLine.substring(1);
            }
            if (headerLine == null && !Files.isRegularFile(file)) {
                throw new DriftException("E_DRIFT_CSV", file + " is a pipe or device that gave no content; expected a header row of feature names");
            }
            if (headerLine == null || headerLine.isBlank()) {
                throw problem(file, 1, "is empty; expected a header row of feature names");
            }
            header = parseHeader(file, headerLine);
            sizes = new int[header.size()];
            for (int c = 0; c < header.size(); c++) {
                columns.add(new double[1024]);
            }
            long capacity = 1024L * header.size();
            String line;
            int lineNumber = 1;
            int rows = 0;
            long values = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (lineNumber > MAX_LINES) {
                    throw problem(file, lineNumber, "has more than " + MAX_LINES + " lines, the limit for a drift CSV");
                }
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
                    if (++values > MAX_VALUES) {
                        throw problem(file, lineNumber, "holds more than " + MAX_VALUES + " values, the limit for a drift CSV");
                    }
                    double value = parse(file, lineNumber, c, header.get(c), cell);
                    double[] column = columns.get(c);
                    if (sizes[c] == column.length) {
                        // The old array lives until copied into one twice its length.
                        requireMemory("E_DRIFT_CSV", file, capacity + 2L * column.length, capacity, budget);
                        capacity += column.length;
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
            throw new DriftException("E_DRIFT_CSV", file + (Files.isSymbolicLink(file) ? " is a symbolic link to a file that does not exist"
                    : " does not exist"));
        } catch (AccessDeniedException denied) {
            throw new DriftException("E_DRIFT_CSV", file + " cannot be read: permission denied");
        } catch (IOException unreadable) {
            if (Files.isDirectory(file)) {
                throw new DriftException("E_DRIFT_CSV", file + " is a folder, not a CSV file");
            }
            throw new DriftException("E_DRIFT_CSV", file + " cannot be read: " + unreadable.getMessage());
        }
        Map<String, double[]> result = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            result.put(header.get(c), Arrays.copyOf(columns.get(c), sizes[c]));
        }
        return result;
    }

    /**
     * Refuses, in one sentence naming the file under the error code of its format, values that do not fit in
     * {@code budget}: {@code values} doubles in all, {@code heldValues} of them already allocated by this read.
     */
    static void requireMemory(String code, Path file, long values, long heldValues, MemoryBudget budget) {
        long bytes = values * Double.BYTES;
        if (!budget.fits(bytes, heldValues * Double.BYTES)) {
            throw new DriftException(code, String.format(Locale.ROOT, "%s needs room for %d values (%.1f MB), more than the %.1f MB "
                    + "of memory left to this run; give Java more memory (for example JAVA_TOOL_OPTIONS=-Xmx4g) or compare fewer rows",
                    file, values, bytes / 1e6, budget.bytes() / 1e6));
        }
    }

    static List<String> parseHeader(Path file, String line) {
        List<String> names = new ArrayList<>();
        String[] cells = line.split(",", -1);
        if (cells.length > MAX_COLUMNS) {
            throw problem(file, 1, "has " + cells.length + " columns; a drift CSV may have at most " + MAX_COLUMNS + " features");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int c = 0; c < cells.length; c++) {
            String name = unquote(cells[c].strip());
            if (name.isEmpty()) {
                throw new DriftException("E_DRIFT_CSV", file + ", line 1, column " + (c + 1) + ": the feature name is empty");
            }
            if (!seen.add(name)) {
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

    /**
     * Lines ended by LF, CR LF or CR, as BufferedReader gives them, but refused as soon as one passes
     * {@link #MAX_LINE_CHARS}: a file of one endless line (a device, a pipe, a file without newlines) is never held whole.
     */
    private static final class Lines {

        private final Reader in;
        private final Path file;
        private final char[] buffer = new char[64 * 1024];
        private final StringBuilder line = new StringBuilder();
        private int position;
        private int end;
        private int number;
        private boolean skipLineFeed;

        Lines(Reader in, Path file) {
            this.in = in;
            this.file = file;
        }

        String readLine() throws IOException {
            line.setLength(0);
            number++;
            boolean any = false;
            while (true) {
                if (position == end) {
                    int read = in.read(buffer, 0, buffer.length);
                    if (read < 0) {
                        return any ? line.toString() : null;
                    }
                    position = 0;
                    end = read;
                }
                if (skipLineFeed) {
                    skipLineFeed = false;
                    if (buffer[position] == '\n') {
                        position++;
                        continue;
                    }
                }
                any = true;
                int start = position;
                while (position < end && buffer[position] != '\n' && buffer[position] != '\r') {
                    position++;
                }
                if (line.length() + position - start > MAX_LINE_CHARS) {
                    throw problem(file, number, "has a line longer than " + MAX_LINE_CHARS + " characters, the limit for a drift CSV");
                }
                line.append(buffer, start, position - start);
                if (position < end) {
                    skipLineFeed = buffer[position++] == '\r';
                    return line.toString();
                }
            }
        }
    }

    private static DriftException problem(Path file, int line, String what) {
        return new DriftException("E_DRIFT_CSV", file + ", line " + line + ": the file " + what);
    }
}
