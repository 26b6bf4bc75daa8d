package com.modelsteward.drift;

import dev.hardwood.HardwoodContext;
import dev.hardwood.InputFile;
import dev.hardwood.metadata.ColumnChunk;
import dev.hardwood.metadata.CompressionCodec;
import dev.hardwood.metadata.LogicalType;
import dev.hardwood.metadata.PhysicalType;
import dev.hardwood.metadata.RowGroup;
import dev.hardwood.reader.ColumnReader;
import dev.hardwood.reader.ParquetFileReader;
import dev.hardwood.reader.Validity;
import dev.hardwood.schema.ColumnSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Samples from an Apache Parquet file (docs/drift.md, "Input files"): one flat numeric column per feature, as the
 * columns of a CSV file are. DOUBLE, FLOAT and integer columns are read as doubles; a null is a missing value (left
 * out, as an empty CSV cell is); NaN and infinities are kept so that the engine drops and counts them, as it does for
 * CSV. Every refusal is one sentence naming the file and, where there is one, the column.
 */
public final class ParquetSamples {

    /** The first and last four bytes of every Parquet file. */
    static final byte[] MAGIC = {'P', 'A', 'R', '1'};
    /** A footer (the file's schema and row-group index) larger than this is taken as corrupt rather than read. */
    static final int MAX_FOOTER_BYTES = 64 << 20;
    /** The codecs the bundled decompressors read; LZ4, Brotli and LZO are refused by name. */
    static final Set<CompressionCodec> CODECS = EnumSet.of(CompressionCodec.UNCOMPRESSED, CompressionCodec.SNAPPY,
            CompressionCodec.GZIP, CompressionCodec.ZSTD);
    private static final String CODE = "E_DRIFT_PARQUET";
    /** Rows decoded per batch of one column: few calls into the decoder, and one column's batches at most alive at once. */
    private static final int BATCH_ROWS = 1 << 20;
    /** Keeps the reader library's start-up notes (SIMD, decompressor choice) off a user's terminal: only its warnings show. */
    private static final Logger LIBRARY_LOG = Logger.getLogger("dev.hardwood");

    static {
        LIBRARY_LOG.setLevel(Level.WARNING);
        // GZIP pages through the JDK's Inflater, not a libdeflate the machine may or may not have: the same code reads
        // a file on every machine, and no native lookup warns on a run without --enable-native-access.
        if (System.getProperty("hardwood.uselibdeflate") == null) {
            System.setProperty("hardwood.uselibdeflate", "false");
        }
    }

    private ParquetSamples() {
    }

    /** Whether a file's first bytes are the Parquet magic bytes. */
    static boolean looksLikeParquet(byte[] head) {
        return head.length >= MAGIC.length && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** Feature name → values in row order (nulls left out), in schema order, within {@code budget}. */
    static Map<String, double[]> read(Path file, MemoryBudget budget) {
        return read(file, budget, true);
    }

    /**
     * As {@link #read(Path, MemoryBudget)}; {@code direct} false reads every column through the library, so that a test can hold
     * the direct decoder ({@link ParquetDoubleChunks}) to the library's values.
     */
    static Map<String, double[]> read(Path file, MemoryBudget budget, boolean direct) {
        checkFooter(file);
        try (HardwoodContext context = HardwoodContext.create(Math.max(1, Runtime.getRuntime().availableProcessors()));
                ParquetFileReader reader = ParquetFileReader.open(InputFile.of(file), context)) {
            List<ColumnSchema> columns = reader.getFileSchema().getColumns();
            List<RowGroup> rowGroups = reader.getFileMetaData().rowGroups();
            long rows = reader.getFileMetaData().numRows();
            checkColumns(file, columns, rowGroups, rows);
            CsvSamples.requireMemory(CODE, file, rows * columns.size(), 0, budget);
            return readColumns(file, reader, columns, rowGroups, (int) rows, direct);
        } catch (DriftException refused) {
            throw refused;
        } catch (NoSuchFileException missing) {
            throw new DriftException(CODE, file + " does not exist");
        } catch (AccessDeniedException denied) {
            throw new DriftException(CODE, file + " cannot be read: permission denied");
        } catch (LinkageError unloadable) {
            throw nativeProblem(file, unloadable);
        } catch (Error libraryError) {
            // snappy-java reports a native library it cannot load as its own Error, not a LinkageError.
            if (String.valueOf(libraryError.getMessage()).contains("NATIVE")) {
                throw nativeProblem(file, libraryError);
            }
            throw new DriftException(CODE, file + " is a damaged Parquet file that cannot be read (" + detail(libraryError) + ")");
        } catch (IOException | RuntimeException corrupt) {
            throw new DriftException(CODE, file + " is a damaged Parquet file that cannot be read (" + detail(corrupt) + ")");
        }
    }

    /** snappy and zstd decompress in native code, unpacked to java.io.tmpdir on first use. */
    private static DriftException nativeProblem(Path file, Throwable unloadable) {
        return new DriftException(CODE, file + " cannot be decompressed here: the decompressor's native library did not load ("
                + detail(unloadable) + "); a temp folder mounted noexec is the usual cause (set -Djava.io.tmpdir)");
    }

    /**
     * A Parquet file ends in its footer's length and the magic bytes again: a file cut short or overwritten at the end
     * is refused here, before the library is asked to trust a length that points past the file or into gigabytes.
     */
    private static void checkFooter(Path file) {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            if (size < 2L * MAGIC.length + Integer.BYTES) {
                throw new DriftException(CODE, file + " is cut short: a Parquet file needs a footer after its first four bytes");
            }
            ByteBuffer tail = ByteBuffer.allocate(Integer.BYTES + MAGIC.length).order(ByteOrder.LITTLE_ENDIAN);
            while (tail.hasRemaining()) {
                if (channel.read(tail, size - tail.capacity() + tail.position()) < 0) {
                    throw new DriftException(CODE, file + " changed while it was read");
                }
            }
            byte[] magic = Arrays.copyOfRange(tail.array(), Integer.BYTES, tail.capacity());
            if (!Arrays.equals(magic, MAGIC)) {
                throw new DriftException(CODE, file + " is cut short or damaged: it starts as a Parquet file but does not end with its footer");
            }
            long footer = Integer.toUnsignedLong(tail.getInt(0));
            if (footer == 0 || footer > size - 2L * MAGIC.length - Integer.BYTES || footer > MAX_FOOTER_BYTES) {
                throw new DriftException(CODE, file + " is damaged: its footer claims " + footer + " bytes in a file of " + size);
            }
        } catch (NoSuchFileException missing) {
            throw new DriftException(CODE, file + (Files.isSymbolicLink(file) ? " is a symbolic link to a file that does not exist"
                    : " does not exist"));
        } catch (AccessDeniedException denied) {
            throw new DriftException(CODE, file + " cannot be read: permission denied");
        } catch (IOException unreadable) {
            throw new DriftException(CODE, file + " cannot be read: " + unreadable.getMessage());
        }
    }

    private static void checkColumns(Path file, List<ColumnSchema> columns, List<RowGroup> rowGroups, long rows) {
        if (columns.isEmpty()) {
            throw new DriftException(CODE, file + " has no columns; expected one numeric column per feature");
        }
        if (columns.size() > CsvSamples.MAX_COLUMNS) {
            throw new DriftException(CODE, file + " has " + columns.size() + " columns; a drift file may have at most "
                    + CsvSamples.MAX_COLUMNS + " features");
        }
        if (rows <= 0) {
            throw new DriftException(CODE, file + " has columns but no rows");
        }
        if (rows * columns.size() > CsvSamples.MAX_VALUES) {
            throw new DriftException(CODE, file + " holds " + rows + " rows of " + columns.size() + " columns, more than the "
                    + CsvSamples.MAX_VALUES + " values a drift file may hold");
        }
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < columns.size(); c++) {
            ColumnSchema column = columns.get(c);
            String where = at(file, c, column.name());
            if (column.maxRepetitionLevel() > 0 || column.fieldPath().toString().contains(".")) {
                throw new DriftException(CODE, where + ": a nested or repeated column; drift reads flat numeric columns only");
            }
            if (column.name().isBlank()) {
                throw new DriftException(CODE, file + ", column " + (c + 1) + ": the feature name is empty");
            }
            if (column.name().chars().anyMatch(Character::isISOControl)) {
                throw new DriftException(CODE, where + ": the feature name holds control characters");
            }
            if (!seen.add(column.name())) {
                throw new DriftException(CODE, where + ": the feature appears twice");
            }
            String type = typeName(column);
            if (type != null) {
                throw new DriftException(CODE, where + ": the column holds " + type + " values, not numbers; drift compares "
                        + "double, float and integer columns");
            }
        }
        long counted = 0;
        for (RowGroup group : rowGroups) {
            counted += group.numRows();
            for (ColumnChunk chunk : group.columns()) {
                CompressionCodec codec = chunk.metaData().codec();
                if (codec == null) {
                    throw new DriftException(CODE, file + " is damaged: a column chunk names no compression codec");
                }
                if (!CODECS.contains(codec)) {
                    String name = shown(chunk.metaData().pathInSchema().toString());
                    throw new DriftException(CODE, file + ", column \"" + name + "\": compressed with " + codec
                            + ", which drift does not read; write the file with SNAPPY, ZSTD, GZIP or no compression");
                }
            }
        }
        if (counted != rows) {
            throw new DriftException(CODE, file + " is damaged: its row groups hold " + counted + " rows but its footer says " + rows);
        }
    }

    /** Null when the column is read as numbers; otherwise the name of what it holds, for the refusal. */
    private static String typeName(ColumnSchema column) {
        PhysicalType physical = column.type();
        LogicalType logical = column.logicalType();
        boolean numeric = physical == PhysicalType.DOUBLE || physical == PhysicalType.FLOAT || physical == PhysicalType.INT32
                || physical == PhysicalType.INT64;
        if (!numeric) {
            return logical == null ? physical.name() : logicalName(logical);
        }
        if (logical == null || logical instanceof LogicalType.IntType || logical instanceof LogicalType.DecimalType) {
            return null;
        }
        return logicalName(logical);
    }

    private static String logicalName(LogicalType logical) {
        String simple = logical.getClass().getSimpleName();
        return (simple.endsWith("Type") ? simple.substring(0, simple.length() - "Type".length()) : simple).toUpperCase(Locale.ROOT);
    }

    /**
     * One column at a time, straight into its final array: only one column's pages are alive at once, so the peak is the
     * values plus one column's pages, not every column's read-ahead (docs/performance.md). A DOUBLE column of the usual
     * shape is decoded here page by page into two reused buffers ({@link ParquetDoubleChunks}); any other column, or
     * one whose pages do not add up, is read through the library, which reads it or says why not.
     */
    private static Map<String, double[]> readColumns(Path file, ParquetFileReader reader, List<ColumnSchema> columns,
            List<RowGroup> rowGroups, int rows, boolean direct) throws IOException {
        Map<String, double[]> result = new LinkedHashMap<>();
        try (FileChannel channel = FileChannel.open(file)) {
            ParquetDoubleChunks decoder = direct ? new ParquetDoubleChunks(channel) : null;
            for (int c = 0; c < columns.size(); c++) {
                ColumnSchema column = columns.get(c);
                double[] values = new double[rows];
                int size = decoder != null && ParquetDoubleChunks.decodes(column, rowGroups, c)
                        ? decoder.read(column, rowGroups, c, values) : ParquetDoubleChunks.NOT_DECODED;
                if (size == ParquetDoubleChunks.NOT_DECODED) {
                    size = readColumn(file, reader, c, column, values);
                }
                result.put(column.name(), size == rows ? values : Arrays.copyOf(values, size));
            }
        }
        return result;
    }

    /** One column through the library, in batches of {@link #BATCH_ROWS}, into {@code values}; the number of values. */
    private static int readColumn(Path file, ParquetFileReader reader, int c, ColumnSchema column, double[] values) {
        int rows = values.length;
        int size = 0;
        long seenRows = 0;
        try (ColumnReader columnReader = reader.buildColumnReader(c).batchSize(BATCH_ROWS).build()) {
            while (columnReader.nextBatch()) {
                int batch = columnReader.getRecordCount();
                seenRows += batch;
                if (seenRows > rows) {
                    throw new DriftException(CODE, at(file, c, column.name()) + " is damaged: it holds more rows than the footer says ("
                            + rows + ")");
                }
                size = copy(columnReader, column, batch, values, size);
            }
        }
        if (seenRows != rows) {
            throw new DriftException(CODE, at(file, c, column.name()) + " is damaged: it holds " + seenRows + " rows but the footer says "
                    + rows);
        }
        return size;
    }

    /** Appends the batch's non-null values of one column at {@code size}, as doubles; returns the new size. */
    private static int copy(ColumnReader reader, ColumnSchema column, int batch, double[] into, int size) {
        Validity validity = reader.getLeafValidity();
        boolean nulls = validity.hasNulls();
        LogicalType logical = column.logicalType();
        switch (column.type()) {
            case DOUBLE -> {
                double[] source = reader.getDoubles();
                if (!nulls) {
                    System.arraycopy(source, 0, into, size, batch);
                    return size + batch;
                }
                for (int i = 0; i < batch; i++) {
                    if (validity.isNotNull(i)) {
                        into[size++] = source[i];
                    }
                }
            }
            case FLOAT -> {
                float[] source = reader.getFloats();
                for (int i = 0; i < batch; i++) {
                    if (!nulls || validity.isNotNull(i)) {
                        into[size++] = source[i];
                    }
                }
            }
            case INT32 -> {
                int[] source = reader.getInts();
                boolean unsigned = logical instanceof LogicalType.IntType type && !type.isSigned();
                int scale = logical instanceof LogicalType.DecimalType decimal ? decimal.scale() : 0;
                for (int i = 0; i < batch; i++) {
                    if (!nulls || validity.isNotNull(i)) {
                        long value = unsigned ? Integer.toUnsignedLong(source[i]) : source[i];
                        into[size++] = scale == 0 ? value : BigDecimal.valueOf(value, scale).doubleValue();
                    }
                }
            }
            case INT64 -> {
                long[] source = reader.getLongs();
                boolean unsigned = logical instanceof LogicalType.IntType type && !type.isSigned();
                int scale = logical instanceof LogicalType.DecimalType decimal ? decimal.scale() : 0;
                for (int i = 0; i < batch; i++) {
                    if (!nulls || validity.isNotNull(i)) {
                        into[size++] = toDouble(source[i], unsigned, scale);
                    }
                }
            }
            default -> throw new IllegalStateException("checked before reading: " + column.type());
        }
        return size;
    }

    /** The nearest double, as parsing the number's decimal text gives it. */
    private static double toDouble(long value, boolean unsigned, int scale) {
        if (unsigned && value < 0) {
            return new BigDecimal(Long.toUnsignedString(value)).movePointLeft(scale).doubleValue();
        }
        return scale == 0 ? value : BigDecimal.valueOf(value, scale).doubleValue();
    }

    private static String at(Path file, int column, String name) {
        return file + ", column " + (column + 1) + " (" + shown(name) + ")";
    }

    /** A name from the file as one line of text: control characters (a damaged or hostile schema) as escapes. */
    private static String shown(String name) {
        StringBuilder text = new StringBuilder();
        name.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c)) {
                text.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return text.toString();
    }

    /**
     * The library's own words for a damaged footer or page (an unknown field, a page that does not decompress), first
     * line only and without the file name it repeats; a failure that is not such a report (a null, an index, memory)
     * names no internals.
     */
    private static String detail(Throwable problem) {
        String message = problem.getMessage();
        if (message != null && message.contains("UNCOMPRESS")) {
            return "a compressed page does not decompress";
        }
        boolean report = problem instanceof LinkageError || problem.getClass().getName().startsWith("org.xerial.snappy.")
                || problem instanceof IOException || problem instanceof UncheckedIOException || problem instanceof IllegalArgumentException
                || problem instanceof UnsupportedOperationException || problem instanceof IllegalStateException
                || problem.getClass().getName().startsWith("dev.hardwood.");
        if (!report || message == null || message.isBlank()) {
            return "its metadata or pages are inconsistent";
        }
        String line = message.strip().lines().findFirst().orElse("");
        if (line.startsWith("[")) {
            line = line.substring(line.indexOf(']') + 1).strip();
        }
        line = shown(line);
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
