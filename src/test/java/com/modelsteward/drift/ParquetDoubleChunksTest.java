package com.modelsteward.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hardwood.InputFile;
import dev.hardwood.internal.metadata.PageHeader;
import dev.hardwood.internal.thrift.PageHeaderReader;
import dev.hardwood.internal.thrift.ThriftCompactReader;
import dev.hardwood.metadata.ColumnChunk;
import dev.hardwood.metadata.RowGroup;
import dev.hardwood.reader.ParquetFileReader;
import dev.hardwood.schema.ColumnSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The direct DOUBLE decoder against the Parquet library, on the golden files of two outside writers
 * (src/test/resources/drift/columnar/generate.mjs): DuckDB's data pages v1 (optional columns, plain and dictionary
 * pages, snappy, zstd, uncompressed, several row groups) and arrow-rs's data pages v2 (required and optional columns,
 * RLE_DICTIONARY, zstd; and data pages v1 with snappy). Every column must be decoded here, not left to the library, and give the library's values
 * bit for bit; damaged pages must end as the library alone ends them.
 */
class ParquetDoubleChunksTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"current.snappy.parquet", "current.uncompressed.parquet", "current.arrow-rs.parquet", "reference.zstd.parquet",
        "other-feature.parquet"})
    void everyDoubleColumnIsDecodedDirectlyToTheLibrarysBits(String name) throws IOException {
        Path file = ParquetSamplesTest.golden(name);
        Map<String, double[]> library = ParquetSamples.read(file, MemoryBudget.of(Long.MAX_VALUE), false);
        try (ParquetFileReader reader = ParquetFileReader.open(InputFile.of(file)); FileChannel channel = FileChannel.open(file)) {
            List<ColumnSchema> columns = reader.getFileSchema().getColumns();
            List<RowGroup> groups = reader.getFileMetaData().rowGroups();
            ParquetDoubleChunks decoder = new ParquetDoubleChunks(channel);
            for (int c = 0; c < columns.size(); c++) {
                ColumnSchema column = columns.get(c);
                assertTrue(ParquetDoubleChunks.decodes(column, groups, c), name + " " + column.name() + " must take the direct path");
                double[] values = new double[(int) reader.getFileMetaData().numRows()];
                int size = decoder.read(column, groups, c, values);
                assertNotEquals(ParquetDoubleChunks.NOT_DECODED, size, name + " " + column.name() + " was left to the library");
                double[] expected = library.get(column.name());
                assertEquals(expected.length, size, name + " " + column.name());
                for (int i = 0; i < size; i++) {
                    assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(values[i]),
                            name + " " + column.name() + " row " + i);
                }
            }
        }
        assertSameColumns(library, ParquetSamples.read(file, MemoryBudget.of(Long.MAX_VALUE), true));
    }

    @Test
    void aFileMixingShapesIsDecodedColumnByColumn() throws IOException {
        // arrow-rs, data page v1, snappy, pages of 4 KB: price plain and volume dictionary-encoded, both required, are
        // decoded here; spread (optional, BYTE_STREAM_SPLIT) is left to the library, in the same read.
        Path file = ParquetSamplesTest.golden("current.arrow-rs-v1.parquet");
        Map<String, double[]> library = ParquetSamples.read(file, MemoryBudget.of(Long.MAX_VALUE), false);
        try (ParquetFileReader reader = ParquetFileReader.open(InputFile.of(file)); FileChannel channel = FileChannel.open(file)) {
            List<ColumnSchema> columns = reader.getFileSchema().getColumns();
            List<RowGroup> groups = reader.getFileMetaData().rowGroups();
            assertEquals(List.of("price", "volume", "spread"), columns.stream().map(ColumnSchema::name).toList());
            assertTrue(dataPages(channel, groups.getFirst().columns().getFirst()) >= 2, "price must span pages");
            ParquetDoubleChunks decoder = new ParquetDoubleChunks(channel);
            for (int c = 0; c < 2; c++) {
                assertEquals(0, columns.get(c).maxDefinitionLevel(), "a required column");
                double[] values = new double[4000];
                assertEquals(4000, decoder.read(columns.get(c), groups, c, values), columns.get(c).name());
                assertArrayEquals(library.get(columns.get(c).name()), values, columns.get(c).name());
            }
            assertTrue(!ParquetDoubleChunks.decodes(columns.get(2), groups, 2), "BYTE_STREAM_SPLIT is the library's");
        }
        assertSameColumns(SampleFiles.read(ParquetSamplesTest.golden("current.csv")), ParquetSamples.read(file, MemoryBudget.of(Long.MAX_VALUE), true));
    }

    @Test
    void columnsOfOtherShapesAreLeftToTheLibrary() throws IOException {
        for (String name : List.of("integers.parquet", "current.gzip.parquet")) {
            Path file = ParquetSamplesTest.golden(name);
            try (ParquetFileReader reader = ParquetFileReader.open(InputFile.of(file))) {
                List<ColumnSchema> columns = reader.getFileSchema().getColumns();
                for (int c = 0; c < columns.size(); c++) {
                    assertTrue(!ParquetDoubleChunks.decodes(columns.get(c), reader.getFileMetaData().rowGroups(), c), name + " " + c);
                }
            }
            assertSameColumns(ParquetSamples.read(file, MemoryBudget.of(Long.MAX_VALUE), false), ParquetSamples.read(file, MemoryBudget.of(Long.MAX_VALUE), true));
        }
    }

    @Test
    void definitionLevelsCountTheValuesPresentInRunsAndBitPackedGroups() {
        // An RLE run of 5 ones, an RLE run of 3 zeros, then one bit-packed group of 8 levels of which 10 are asked in all
        // but only the first 2 count: 0b1011_0101 has its lowest two bits 01, one value present.
        byte[] levels = {(byte) (5 << 1), 1, (byte) (3 << 1), 0, (byte) ((1 << 1) | 1), (byte) 0b1011_0101};
        assertEquals(5 + 1, ParquetDoubleChunks.countDefined(levels, 0, levels.length, 10));
        assertEquals(ParquetDoubleChunks.NOT_DECODED, ParquetDoubleChunks.countDefined(levels, 0, 4, 10), "levels cut short");
        byte[] twos = {(byte) (4 << 1), 2};
        assertEquals(ParquetDoubleChunks.NOT_DECODED, ParquetDoubleChunks.countDefined(twos, 0, twos.length, 4), "a level above 1");
    }

    /**
     * Mutants of the snappy golden file with bytes changed inside its pages (not its footer, which both paths read the
     * same way): each is read to the same values, or refused with the same sentence, with and without the direct path
     * (up to the library's detail, which varies between runs of the library alone).
     */
    @Test
    void damagedPagesEndAsTheLibraryAloneEndsThem() throws IOException {
        byte[] valid = Files.readAllBytes(ParquetSamplesTest.golden("current.snappy.parquet"));
        long pagesEnd;
        try (ParquetFileReader reader = ParquetFileReader.open(InputFile.of(ParquetSamplesTest.golden("current.snappy.parquet")))) {
            pagesEnd = reader.getFileMetaData().rowGroups().stream().flatMap(g -> g.columns().stream())
                    .mapToLong(chunk -> chunk.chunkStartOffset() + chunk.metaData().totalCompressedSize()).max().orElseThrow();
        }
        Random random = new Random(0x0d0b_1e5L);
        int refused = 0;
        for (int t = 0; t < 100; t++) {
            byte[] mutant = valid.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                mutant[4 + random.nextInt((int) pagesEnd - 4)] = (byte) random.nextInt(256);
            }
            Path file = Files.write(dir.resolve("mutant-" + t + ".parquet"), mutant);
            Object alone = outcome(file, false);
            Object direct = outcome(file, true);
            if (alone instanceof String sentence) {
                assertTrue(direct instanceof String, "mutant " + t + " was read, but the library alone refuses it: " + sentence);
                assertEquals(withoutDetail(sentence), withoutDetail((String) direct), "mutant " + t);
                refused++;
            } else {
                assertTrue(direct instanceof Map, "mutant " + t + ": " + direct);
                @SuppressWarnings("unchecked")
                Map<String, double[]> columns = (Map<String, double[]>) direct;
                @SuppressWarnings("unchecked")
                Map<String, double[]> expected = (Map<String, double[]>) alone;
                assertSameColumns(expected, columns);
            }
        }
        assertTrue(refused > 0, "no mutant was refused: the mutation does not reach the pages");
    }

    /** The data pages of one column chunk, counted with the library's page header reader. */
    private static int dataPages(FileChannel channel, ColumnChunk chunk) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate((int) chunk.metaData().totalCompressedSize());
        channel.read(bytes, chunk.chunkStartOffset());
        bytes.flip();
        int pages = 0;
        while (bytes.hasRemaining()) {
            ThriftCompactReader thrift = new ThriftCompactReader(bytes);
            PageHeader header = PageHeaderReader.read(thrift);
            pages += header.type() == PageHeader.PageType.DATA_PAGE ? 1 : 0;
            bytes.position(bytes.position() + thrift.getBytesRead() + header.compressedPageSize());
        }
        return pages;
    }

    /**
     * A refusal without the library's own words in parentheses: which of a damaged file's problems its page-scanning
     * threads report first varies from run to run of the library alone (1 mutant in 1 000 in a trial), so only the
     * sentence around them is compared.
     */
    private static String withoutDetail(String sentence) {
        int detail = sentence.indexOf(" cannot be read (");
        return detail < 0 ? sentence : sentence.substring(0, detail + " cannot be read".length());
    }

    private static Object outcome(Path file, boolean direct) {
        try {
            return ParquetSamples.read(file, MemoryBudget.of(Long.MAX_VALUE), direct);
        } catch (DriftException refusal) {
            return refusal.getMessage();
        }
    }

    private static void assertSameColumns(Map<String, double[]> expected, Map<String, double[]> actual) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        expected.forEach((feature, values) -> assertArrayEquals(values, actual.get(feature), feature + " " + Arrays.toString(
                Arrays.copyOf(values, Math.min(values.length, 3)))));
    }
}
