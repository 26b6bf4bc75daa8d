package com.modelsteward.drift;

import com.modelsteward.csv.DecimalDigits;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The drift CSV reader for a regular file: the file is cut into chunks of whole lines that are parsed in parallel,
 * straight from bytes into one primitive array per column, sized by a first pass that counts the lines. It reads the
 * common shape of a samples file — ASCII cells of plain decimals, NaN and inf words, empty cells, blank lines, blanks
 * around cells, quotes around a whole cell, LF or CR LF — and nothing else: anything it cannot vouch for (a lone CR,
 * a byte outside ASCII, a cell that is not a number, a ragged row, a limit reached, an I/O error) makes it answer null,
 * and {@link CsvSamples} reads the file again line by line, which gives the result or the exact refusal (file, line,
 * column). So the two readers cannot disagree: this one only ever answers what the sequential one would.
 */
final class ParallelCsvReader {

    /** Bytes per chunk: a chunk is the lines that start in it, so a worker's buffer holds a chunk and one longest line. */
    static final int CHUNK_BYTES = 2 << 20;
    private static final int BUFFER_BYTES = CHUNK_BYTES + CsvSamples.MAX_LINE_CHARS + 2;
    /**
     * What a parse reads of its chunk at first: the chunk and 64 KB past it, where the line it ends on nearly always
     * ends. The rest of a longest line is read only when that line needs it (reading the whole buffer each time copied
     * half as much again as the chunk).
     */
    private static final int FIRST_READ_BYTES = CHUNK_BYTES + 1 + (64 << 10);
    /** The header is looked for in this many bytes (a longer header is the sequential reader's to refuse or read). */
    private static final int HEADER_BYTES = CsvSamples.MAX_LINE_CHARS + 2;

    /** Eight bytes of a buffer as one little-endian word, for the digit and newline tests that take a word at a time. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Thrown inside the workers: the sequential reader takes over. Shared and without a stack: it is control flow. */
    private static final RuntimeException CANNOT_VOUCH = new RuntimeException("not for the parallel reader", null, false, false) {
    };

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final int workers;

    private ParallelCsvReader(Path file, FileChannel channel, long size, int workers) {
        this.file = file;
        this.channel = channel;
        this.size = size;
        this.workers = workers;
    }

    /**
     * The columns of {@code file} by feature name in header order, or null when the sequential reader must read it.
     * Throws only when the values do not fit in {@code budget}.
     */
    static Map<String, double[]> read(Path file, MemoryBudget budget) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int processors = Runtime.getRuntime().availableProcessors();
            return new ParallelCsvReader(file, channel, channel.size(), Math.max(1, processors)).read(budget);
        } catch (IOException | RuntimeException cannotVouch) {
            if (cannotVouch instanceof DriftException refusal) {
                throw refusal;
            }
            return null;
        }
    }

    private Map<String, double[]> read(MemoryBudget budget) throws IOException {
        byte[] head = new byte[(int) Math.min(size, HEADER_BYTES)];
        readFully(head, 0, head.length, 0);
        int newline = indexOf(head, 0, head.length, (byte) '\n');
        if (newline < 0) {
            return null;
        }
        List<String> header = header(head, newline);
        if (header == null) {
            return null;
        }
        int columns = header.size();
        long bodyStart = newline + 1L;
        if (bodyStart >= size) {
            return null;
        }
        int chunks = (int) ((size - bodyStart + CHUNK_BYTES - 1) / CHUNK_BYTES);
        byte[][] buffers = new byte[Math.min(workers, chunks)][];

        long[] newlines = new long[chunks];
        inParallel(chunks, buffers, (chunk, buffer) -> newlines[chunk] = countNewlines(chunk, buffer, bodyStart));
        long[] newlinesBefore = new long[chunks + 1];
        for (int k = 0; k < chunks; k++) {
            newlinesBefore[k + 1] = newlinesBefore[k] + newlines[k];
        }
        byte[] last = new byte[1];
        readFully(last, 0, 1, size - 1);
        long lines = newlinesBefore[chunks] + (last[0] == '\n' ? 0 : 1);
        if (lines + 1 > CsvSamples.MAX_LINES || lines * columns > CsvSamples.MAX_VALUES) {
            return null;
        }
        CsvSamples.requireMemory("E_DRIFT_CSV", file, lines * columns, 0, budget);

        // Zeroing a new array and faulting its pages in is serial work per array: spread over the cores, which wait here.
        double[][] values = new double[columns][];
        IntStream.range(0, columns).parallel().forEach(c -> values[c] = new double[(int) lines]);
        int[][] kept = new int[chunks][];
        long[] firstRow = new long[chunks];
        int[] rows = new int[chunks];
        inParallel(chunks, buffers, (chunk, buffer) -> {
            ChunkParser parser = new ChunkParser(values, columns);
            firstRow[chunk] = parseChunk(chunk, buffer, bodyStart, newlinesBefore, parser);
            kept[chunk] = parser.kept;
            rows[chunk] = parser.rows;
        });
        if (Arrays.stream(rows).asLongStream().sum() == 0) {
            return null;
        }
        Map<String, double[]> result = new LinkedHashMap<>();
        for (int c = 0; c < columns; c++) {
            result.put(header.get(c), compact(values[c], c, kept, firstRow, (int) lines));
            values[c] = null;
        }
        return result;
    }

    /** The header's names, or null when the sequential reader should judge the header (or the file). */
    private List<String> header(byte[] head, int newline) {
        int end = newline > 0 && head[newline - 1] == '\r' ? newline - 1 : newline;
        if (indexOf(head, 0, end, (byte) '\r') >= 0) {
            return null;
        }
        String line = new String(head, 0, end, StandardCharsets.UTF_8); // malformed bytes become U+FFFD, as in CsvSamples
        if (line.length() > CsvSamples.MAX_LINE_CHARS || line.indexOf('\uFFFD') >= 0) {
            return null;
        }
        if (line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        if (line.isBlank()) {
            return null;
        }
        try {
            return CsvSamples.parseHeader(file, line);
        } catch (DriftException refused) {
            return null;
        }
    }

    private long countNewlines(int chunk, byte[] buffer, long bodyStart) throws IOException {
        long from = bodyStart + (long) chunk * CHUNK_BYTES;
        int length = (int) Math.min(CHUNK_BYTES, size - from);
        readFully(buffer, 0, length, from);
        long count = 0;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long x = (long) LONGS.get(buffer, i) ^ 0x0A0A0A0A0A0A0A0AL; // a newline byte becomes zero
            count += Long.bitCount(~(((x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL) | x | 0x7F7F7F7F7F7F7F7FL));
        }
        for (; i < length; i++) {
            if (buffer[i] == '\n') {
                count++;
            }
        }
        if (count == 0 && length == CHUNK_BYTES) {
            throw CANNOT_VOUCH; // a line longer than a chunk is longer than the limit: no need to count the rest
        }
        return count;
    }

    /**
     * Parses the lines that start in chunk {@code chunk}; returns the row of its first line. A line starts in the chunk
     * when the byte before it (a newline) lies at or after the byte before the chunk's nominal start.
     */
    private long parseChunk(int chunk, byte[] buffer, long bodyStart, long[] newlinesBefore, ChunkParser parser) throws IOException {
        long nominal = bodyStart + (long) chunk * CHUNK_BYTES;
        long from = chunk == 0 ? bodyStart : nominal - 1;
        int length = (int) Math.min(FIRST_READ_BYTES, size - from);
        readFully(buffer, 0, length, from);
        int start;
        long firstRow;
        if (chunk == 0) {
            start = 0;
            firstRow = 0;
        } else {
            int newline = indexOf(buffer, 0, length, (byte) '\n');
            if (newline < 0) {
                throw CANNOT_VOUCH;
            }
            start = newline + 1;
            firstRow = newlinesBefore[chunk] + (newline > 0 ? 1 : 0);
        }
        int end;
        long nextNominal = nominal + CHUNK_BYTES;
        if (nextNominal >= size) {
            end = length;
        } else {
            int next = indexOf(buffer, (int) (nextNominal - 1 - from), length, (byte) '\n');
            int whole = (int) Math.min(BUFFER_BYTES, size - from);
            if (next < 0 && whole > length) {
                readFully(buffer, length, whole - length, from + length);
                next = indexOf(buffer, length, whole, (byte) '\n');
            }
            if (next < 0) {
                throw CANNOT_VOUCH;
            }
            end = next + 1;
        }
        if (start < end) {
            parser.parse(buffer, start, end, (int) firstRow);
        }
        return firstRow;
    }

    /** The column with the gaps of empty cells and blank lines closed, cut to its values. */
    private static double[] compact(double[] column, int c, int[][] kept, long[] firstRow, int lines) {
        int size = 0;
        boolean gaps = false;
        for (int k = 0; k < kept.length; k++) {
            if (kept[k] == null) {
                continue;
            }
            if (firstRow[k] != size) {
                System.arraycopy(column, (int) firstRow[k], column, size, kept[k][c]);
                gaps = true;
            }
            size += kept[k][c];
        }
        return gaps || size != lines ? Arrays.copyOf(column, size) : column;
    }

    private interface ChunkTask {
        void run(int chunk, byte[] buffer) throws IOException;
    }

    /** Runs the task for every chunk on the workers, each with its own buffer; any failure stops them all and is thrown. */
    private static void inParallel(int chunks, byte[][] buffers, ChunkTask task) throws IOException {
        AtomicInteger next = new AtomicInteger();
        Throwable[] failure = new Throwable[1];
        Thread[] threads = new Thread[buffers.length];
        for (int w = 0; w < threads.length; w++) {
            int worker = w;
            threads[w] = Thread.ofPlatform().name("drift-csv-" + w).start(() -> {
                if (buffers[worker] == null) {
                    buffers[worker] = new byte[BUFFER_BYTES];
                }
                try {
                    for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
                        task.run(chunk, buffers[worker]);
                    }
                } catch (Throwable failed) {
                    next.set(chunks);
                    synchronized (failure) {
                        if (failure[0] == null) {
                            failure[0] = failed;
                        }
                    }
                }
            });
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw CANNOT_VOUCH;
            }
        }
        switch (failure[0]) {
            case null -> { }
            case IOException io -> throw io;
            case RuntimeException runtime -> throw runtime;
            case Error error -> throw error;
            default -> throw new IllegalStateException(failure[0]);
        }
    }

    private void readFully(byte[] buffer, int offset, int length, long position) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer, offset, length);
        while (target.hasRemaining()) {
            if (channel.read(target, position + target.position() - offset) < 0) {
                throw new IOException(file + " became shorter while it was read");
            }
        }
    }

    private static int indexOf(byte[] bytes, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Parses whole lines of one chunk into the shared columns, at the rows that belong to the chunk: values of column c
     * go to rows firstRow, firstRow + 1, … in order, {@link #kept}[c] of them; empty cells and blank lines leave the
     * tail of the chunk's rows unused, for {@link #compact}.
     */
    private static final class ChunkParser {

        private final double[][] values;
        private final int columns;
        final int[] kept;
        int rows;
        /** Where the last number ended (the parse methods' second result). */
        private int end;

        ChunkParser(double[][] values, int columns) {
            this.values = values;
            this.columns = columns;
            this.kept = new int[columns];
        }

        void parse(byte[] b, int from, int to, int firstRow) {
            int i = from;
            while (i < to) {
                i = line(b, i, to, firstRow);
            }
        }

        /**
         * Parses the line at i and returns where the next one starts. A method per line, not one loop per chunk: the JIT
         * compiles a method called a million times within milliseconds, while a loop entered once per chunk kept
         * falling back to the interpreter and ran at a tenth of the speed through most of the first file.
         */
        private int line(byte[] b, int i, int to, int firstRow) {
            int lineStart = i;
            if (isBlankLine(b, i, to)) {
                return skipLine(b, i, to);
            }
            for (int c = 0; c < columns; c++) {
                i = cell(b, i, to, c, firstRow);
                byte terminator = i < to ? b[i] : (byte) '\n';
                if (c < columns - 1) {
                    if (terminator != ',') {
                        throw CANNOT_VOUCH; // ragged
                    }
                    i++;
                } else {
                    if (i - lineStart > CsvSamples.MAX_LINE_CHARS) {
                        throw CANNOT_VOUCH; // the limit counts the line's characters without its LF or CR LF, as CsvSamples
                    }
                    i = lineEnd(b, i, to);
                }
            }
            rows++;
            return i;
        }

        /** Parses the cell at i (stores its value, if any) and returns the index of its terminator. */
        private int cell(byte[] b, int i, int to, int column, int firstRow) {
            if (i < to) {
                byte first = b[i];
                if (first >= '0' && first <= '9' || first == '-' || first == '.' || first == '+') {
                    double value = number(b, i, to);
                    int after = end;
                    if (after < to ? isTerminator(b[after]) : true) {
                        if (!Double.isNaN(value)) {
                            values[column][firstRow + kept[column]++] = value;
                            return after;
                        }
                    }
                }
            }
            return generalCell(b, i, to, column, firstRow);
        }

        /** A cell with blanks, quotes, a NaN or inf word, or nothing: the sequential reader's rules on bytes. */
        private int generalCell(byte[] b, int i, int to, int column, int firstRow) {
            int stop = i;
            while (stop < to && !isTerminator(b[stop])) {
                if (b[stop] < 0) {
                    throw CANNOT_VOUCH; // not ASCII: the sequential reader decodes it
                }
                stop++;
            }
            int from = i;
            int until = stop;
            while (from < until && isBlank(b[from])) {
                from++;
            }
            while (until > from && isBlank(b[until - 1])) {
                until--;
            }
            if (until - from >= 2 && b[from] == '"' && b[until - 1] == '"') {
                from++;
                until--;
            }
            if (from == until) {
                return stop;
            }
            double value = word(b, from, until);
            if (Double.isNaN(value) && !isNanWord(b, from, until)) {
                value = number(b, from, until);
                if (end != until || Double.isNaN(value)) {
                    throw CANNOT_VOUCH;
                }
            }
            values[column][firstRow + kept[column]++] = value;
            return stop;
        }

        /** NaN and the infinities by their words (case aside), or NaN for anything else. */
        private static double word(byte[] b, int from, int to) {
            if (isNanWord(b, from, to)) {
                return Double.NaN;
            }
            boolean negative = b[from] == '-';
            int start = b[from] == '-' || b[from] == '+' ? from + 1 : from;
            if (equalsIgnoreCase(b, start, to, "inf") || equalsIgnoreCase(b, start, to, "infinity")) {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return Double.NaN;
        }

        private static boolean isNanWord(byte[] b, int from, int to) {
            return equalsIgnoreCase(b, from, to, "nan");
        }

        private static boolean equalsIgnoreCase(byte[] b, int from, int to, String word) {
            if (to - from != word.length()) {
                return false;
            }
            for (int k = 0; k < word.length(); k++) {
                if ((b[from + k] | 0x20) != word.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The plain decimal starting at i ({@code [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?}, the grammar of
         * {@code csv.DecimalText}), its end left in {@link #end}; NaN when the text there is not one. Up to 19 significant
         * digits the significand is exact and {@link DecimalDigits} rounds it; longer numbers, and anything it declines,
         * go to {@link Double#parseDouble}. Fraction digits are taken eight at a time where there are eight: a shorter
         * chain of dependent multiplications than one digit after another. Kept under the JIT's inlining size (325
         * bytecodes), the rare exponent in its own method.
         */
        private double number(byte[] b, int i, int to) {
            int textStart = i;
            boolean negative = b[i] == '-';
            if (negative || b[i] == '+') {
                i++;
            }
            long significand = 0;
            int start = i;
            while (i < to && isDigit(b[i])) {
                significand = significand * 10 + (b[i] - '0');
                i++;
            }
            int digits = i - start;
            int significant = significand == 0 ? 0 : digits;
            int exponent = 0;
            if (i < to && b[i] == '.') {
                i++;
                int fraction = i;
                if (significand == 0) {
                    i = afterZeros(b, i, to); // the zeros of 0.00123 count in the exponent, not among the 19 digits
                }
                int zeros = i - fraction;
                while (i + 8 <= to && areEightDigits(b, i)) {
                    significand = significand * 100_000_000 + valueOfEightDigits(b, i);
                    i += 8;
                }
                while (i < to && isDigit(b[i])) {
                    significand = significand * 10 + (b[i] - '0');
                    i++;
                }
                exponent = fraction - i;
                digits += i - fraction;
                significant += i - fraction - zeros;
            }
            if (digits == 0) {
                end = i;
                return Double.NaN;
            }
            if (i < to && (b[i] | 0x20) == 'e') {
                return withExponent(b, textStart, i, to, negative, significand, exponent, significant);
            }
            end = i;
            return value(b, textStart, i, negative, significand, exponent, significant <= 19);
        }

        /** The rest of {@link #number} when an exponent follows the digits at i: rare, so out of the inlined code. */
        private double withExponent(byte[] b, int textStart, int i, int to, boolean negative, long significand, int exponent, int significant) {
            int e = i + 1;
            boolean negativeExponent = false;
            if (e < to && (b[e] == '-' || b[e] == '+')) {
                negativeExponent = b[e] == '-';
                e++;
            }
            int exponentStart = e;
            int explicit = 0;
            while (e < to && isDigit(b[e])) {
                if (explicit < 100_000) {
                    explicit = explicit * 10 + (b[e] - '0');
                }
                e++;
            }
            end = e;
            if (e == exponentStart) {
                return Double.NaN;
            }
            return value(b, textStart, e, negative, significand, exponent + (negativeExponent ? -explicit : explicit),
                    significant <= 19 && explicit < 100_000);
        }

        /** The number's double: from its digits when they are all in the significand and DecimalDigits answers, else parsed. */
        private static double value(byte[] b, int from, int to, boolean negative, long significand, int exponent, boolean exact) {
            double value = exact ? DecimalDigits.toDouble(negative, significand, exponent) : Double.NaN;
            return Double.isNaN(value) ? slowNumber(b, from, to) : value;
        }

        /** What {@link DecimalDigits} declines, and numbers of more than 19 digits: rare, and kept out of the hot code. */
        private static double slowNumber(byte[] b, int from, int to) {
            return Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        }

        /** Lemire's test that the eight bytes at i are ASCII digits. */
        private static boolean areEightDigits(byte[] b, int i) {
            long v = (long) LONGS.get(b, i);
            return ((v & 0xF0F0F0F0F0F0F0F0L) | (((v + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4)) == 0x3333333333333333L;
        }

        /** The eight digits at i as a number, by three multiplications (Lemire's parse_eight_digits_unrolled). */
        private static long valueOfEightDigits(byte[] b, int i) {
            long v = (long) LONGS.get(b, i);
            v = ((v & 0x0F0F0F0F0F0F0F0FL) * 2561) >>> 8;
            v = ((v & 0x00FF00FF00FF00FFL) * 6553601) >>> 16;
            return ((v & 0x0000FFFF0000FFFFL) * 42949672960001L) >>> 32;
        }

        private static int afterZeros(byte[] b, int i, int to) {
            while (i < to && b[i] == '0') {
                i++;
            }
            return i;
        }

        private static boolean isDigit(byte b) {
            return b >= '0' && b <= '9';
        }

        private static boolean isTerminator(byte b) {
            return b == ',' || b == '\n' || b == '\r';
        }

        /** String.strip's whitespace among ASCII (Character.isWhitespace): tab to CR and the separators 28 to 31, space. */
        private static boolean isBlank(byte b) {
            return b >= 9 && b <= 13 || b >= 28 && b <= 32;
        }

        private static boolean isBlankLine(byte[] b, int i, int to) {
            while (i < to && b[i] != '\n') {
                if (!isBlank(b[i])) {
                    return false;
                }
                if (b[i] == '\r' && (i + 1 == to || b[i + 1] != '\n')) {
                    throw CANNOT_VOUCH; // a lone CR: the sequential reader ends a line there
                }
                i++;
            }
            return true;
        }

        private static int skipLine(byte[] b, int i, int to) {
            int newline = indexOf(b, i, to, (byte) '\n');
            if (newline < 0) {
                return to;
            }
            if (newline - i > CsvSamples.MAX_LINE_CHARS + 1) {
                throw CANNOT_VOUCH;
            }
            return newline + 1;
        }

        /** After the last cell: LF, CR LF or the end of the chunk; a lone CR is for the sequential reader. */
        private static int lineEnd(byte[] b, int i, int to) {
            if (i >= to) {
                return to;
            }
            if (b[i] == '\n') {
                return i + 1;
            }
            if (b[i] == '\r' && i + 1 < to && b[i + 1] == '\n') {
                return i + 2;
            }
            throw CANNOT_VOUCH;
        }
    }
}
