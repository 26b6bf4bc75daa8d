package com.modelsteward.drift;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * A drift samples file, CSV or Apache Parquet, told apart by its first bytes and not by its name: a Parquet file
 * starts with {@code PAR1}, anything else is read as CSV. A name that promises a binary format the content does not
 * have, and an Arrow IPC file, are refused with a sentence rather than read as text.
 */
public final class SampleFiles {

    private static final byte[] ARROW_MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);

    private SampleFiles() {
    }

    enum Format { CSV, PARQUET }

    /** Feature name → values in file order (missing values left out), in column order; see {@link CsvSamples#read(Path)}. */
    public static Map<String, double[]> read(Path file) {
        return read(file, MemoryBudget.ofHeap());
    }

    static Map<String, double[]> read(Path file, MemoryBudget budget) {
        return format(file) == Format.PARQUET ? ParquetSamples.read(file, budget) : CsvSamples.read(file, budget);
    }

    /**
     * Which reader a file needs. Only a regular file is peeked at: the first bytes of a pipe are gone once read, and a
     * pipe carries CSV. A file that cannot be opened goes to the CSV reader, which words every such refusal.
     */
    static Format format(Path file) {
        if (!Files.isRegularFile(file)) {
            return Format.CSV;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(ARROW_MAGIC.length);
        } catch (IOException unreadable) {
            return Format.CSV;
        }
        if (ParquetSamples.looksLikeParquet(head)) {
            return Format.PARQUET;
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Arrays.equals(head, ARROW_MAGIC) || name.endsWith(".arrow") || name.endsWith(".feather") || name.endsWith(".ipc")) {
            throw new DriftException("E_DRIFT_PARQUET", file + (Arrays.equals(head, ARROW_MAGIC) ? " is an Arrow IPC (Feather) file"
                    : " is named as an Arrow IPC file") + "; drift reads CSV and Parquet: write the samples as Parquet "
                    + "(pyarrow.parquet.write_table, DataFrame.to_parquet or write_parquet)");
        }
        if (name.endsWith(".parquet") || name.endsWith(".parq") || name.endsWith(".pq")) {
            throw new DriftException("E_DRIFT_PARQUET", file + " is named as a Parquet file but is not one: it does not start with PAR1");
        }
        return Format.CSV;
    }

    /**
     * Fails when the two files do not name the same features, naming the file and column that differ: a CSV file's
     * header is its line 1, a Parquet file's columns are in its schema.
     */
    public static void requireSameFeatures(Path referenceFile, Map<String, double[]> reference, Path currentFile, Map<String, double[]> current) {
        missingFrom(referenceFile, reference, currentFile, current);
        missingFrom(currentFile, current, referenceFile, reference);
    }

    private static void missingFrom(Path file, Map<String, double[]> columns, Path otherFile, Map<String, double[]> other) {
        int column = 1;
        for (String feature : columns.keySet()) {
            if (!other.containsKey(feature)) {
                boolean parquet = format(file) == Format.PARQUET;
                throw new DriftException(parquet ? "E_DRIFT_PARQUET" : "E_DRIFT_CSV", file + (parquet ? "" : ", line 1") + ", column "
                        + column + ": feature \"" + feature + "\" is not in " + otherFile);
            }
            column++;
        }
    }
}
