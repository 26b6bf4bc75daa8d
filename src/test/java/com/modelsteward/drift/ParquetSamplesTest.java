package com.modelsteward.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hardwood.InputFile;
import dev.hardwood.metadata.ColumnChunk;
import dev.hardwood.metadata.Encoding;
import dev.hardwood.metadata.RowGroup;
import dev.hardwood.reader.ParquetFileReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parquet samples written by two outside writers (src/test/resources/drift/columnar/generate.mjs: DuckDB and arrow-rs)
 * read to exactly the doubles the same rows give as CSV, and every file drift cannot use refused in one sentence.
 */
class ParquetSamplesTest {

    @TempDir
    Path dir;

    static Path golden(String name) {
        try {
            return Path.of(ParquetSamplesTest.class.getResource("/drift/columnar/" + name).toURI());
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String refusal(Path file) {
        DriftException error = assertThrows(DriftException.class, () -> SampleFiles.read(file));
        assertEquals("E_DRIFT_PARQUET", error.code(), error.getMessage());
        assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
        return error.getMessage().substring(file.toString().length());
    }

    private static void assertSameColumns(Map<String, double[]> expected, Map<String, double[]> actual) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        expected.forEach((feature, values) -> assertArrayEquals(values, actual.get(feature), feature));
    }

    @ParameterizedTest
    @ValueSource(strings = {"current.snappy.parquet", "current.gzip.parquet", "current.uncompressed.parquet", "current.arrow-rs.parquet",
        "current.arrow-rs-v1.parquet"})
    void eachCodecAndWriterGivesTheCsvsDoublesWithNullsLeftOutAndNonFiniteValuesKept(String name) {
        Map<String, double[]> csv = SampleFiles.read(golden("current.csv"));
        Map<String, double[]> parquet = SampleFiles.read(golden(name));
        assertSameColumns(csv, parquet);
        double[] spread = parquet.get("spread");
        assertEquals(4000 - 42, spread.length, "the 42 nulls are left out, as empty CSV cells are");
        assertTrue(Arrays.stream(spread).anyMatch(Double::isNaN));
        assertTrue(Arrays.stream(spread).anyMatch(v -> v == Double.NEGATIVE_INFINITY));
    }

    @Test
    void severalRowGroupsAndDictionaryPagesAreRead() throws IOException {
        Path file = golden("reference.zstd.parquet");
        try (ParquetFileReader reader = ParquetFileReader.open(InputFile.of(file))) {
            List<RowGroup> groups = reader.getFileMetaData().rowGroups();
            assertTrue(groups.size() >= 2, "the golden file must span row groups");
            ColumnChunk volume = groups.getFirst().columns().get(1);
            assertTrue(volume.metaData().encodings().contains(Encoding.RLE_DICTIONARY)
                    || volume.metaData().encodings().contains(Encoding.PLAIN_DICTIONARY), "volume must be dictionary-encoded");
        }
        assertSameColumns(SampleFiles.read(golden("reference.csv")), SampleFiles.read(file));
    }

    @Test
    void integerAndFloatColumnsAreReadAsDoubles() {
        double[] volume = SampleFiles.read(golden("current.csv")).get("volume");
        Map<String, double[]> integers = SampleFiles.read(golden("integers.parquet"));
        assertArrayEquals(volume, integers.get("volume"));
        assertArrayEquals(volume, integers.get("volume64"));
        assertArrayEquals(volume, integers.get("volume32"));
    }

    @Test
    void aColumnThatIsNotNumericIsRefusedByNameAndType() {
        assertEquals(", column 2 (label): the column holds STRING values, not numbers; drift compares double, float and integer columns",
                refusal(golden("text-column.parquet")));
        assertEquals(", column 2 (observed_at): the column holds TIMESTAMP values, not numbers; drift compares double, float and "
                + "integer columns", refusal(golden("timestamp-column.parquet")));
        assertTrue(refusal(golden("nested-column.parquet")).endsWith("a nested or repeated column; drift reads flat numeric columns only"));
    }

    @Test
    void aCodecWithoutABundledDecompressorIsRefusedByName() {
        assertEquals(", column \"price\": compressed with BROTLI, which drift does not read; write the file with SNAPPY, ZSTD, GZIP "
                + "or no compression", refusal(golden("brotli.parquet")));
    }

    @Test
    void anArrowFileAndAParquetNameOnOtherContentAreRefusedNotReadAsText() throws IOException {
        assertEquals(" is an Arrow IPC (Feather) file; drift reads CSV and Parquet: write the samples as Parquet "
                + "(pyarrow.parquet.write_table, DataFrame.to_parquet or write_parquet)", refusal(golden("current.arrow")));
        Path named = Files.copy(golden("current.csv"), dir.resolve("samples.parquet"));
        assertEquals(" is named as a Parquet file but is not one: it does not start with PAR1", refusal(named));
        Path unnamed = Files.copy(golden("current.snappy.parquet"), dir.resolve("samples.csv"));
        assertSameColumns(SampleFiles.read(golden("current.csv")), SampleFiles.read(unnamed));
    }

    @Test
    void aCutOrDamagedFooterIsRefusedBeforeTheLibraryTrustsIt() throws IOException {
        byte[] bytes = Files.readAllBytes(golden("current.snappy.parquet"));
        Path cut = Files.write(dir.resolve("cut.parquet"), Arrays.copyOf(bytes, bytes.length - 100));
        assertEquals(" is cut short or damaged: it starts as a Parquet file but does not end with its footer", refusal(cut));
        Path stub = Files.write(dir.resolve("stub.parquet"), Arrays.copyOf(bytes, 6));
        assertEquals(" is cut short: a Parquet file needs a footer after its first four bytes", refusal(stub));
        byte[] huge = bytes.clone();
        huge[bytes.length - 5] = 0x7f;
        Path lying = Files.write(dir.resolve("lying.parquet"), huge);
        assertTrue(refusal(lying).startsWith(" is damaged: its footer claims "), "a footer length past the file");
    }

    @Test
    void aFeatureInOnlyOneFileIsNamedWithItsColumn() {
        Path reference = golden("current.snappy.parquet");
        Path current = golden("other-feature.parquet");
        DriftException error = assertThrows(DriftException.class,
                () -> SampleFiles.requireSameFeatures(reference, SampleFiles.read(reference), current, SampleFiles.read(current)));
        assertEquals(reference + ", column 1: feature \"price\" is not in " + current, error.getMessage());
    }

    @Test
    void valuesThatDoNotFitInMemoryAreRefusedWithTheCsvReadersSentence() {
        Path file = golden("current.snappy.parquet");
        DriftException error = assertThrows(DriftException.class, () -> SampleFiles.read(file, MemoryBudget.of(1_000)));
        assertEquals("E_DRIFT_PARQUET", error.code());
        assertTrue(error.getMessage().startsWith(file + " needs room for 12000 values (0.1 MB), more than the 0.0 MB of memory left"),
                error.getMessage());
    }
}
