package com.modelsteward.drift;

import com.github.luben.zstd.Zstd;
import dev.hardwood.internal.metadata.DataPageHeader;
import dev.hardwood.internal.metadata.DataPageHeaderV2;
import dev.hardwood.internal.metadata.DictionaryPageHeader;
import dev.hardwood.internal.metadata.PageHeader;
import dev.hardwood.internal.thrift.PageHeaderReader;
import dev.hardwood.internal.thrift.ThriftCompactReader;
import dev.hardwood.metadata.ColumnChunk;
import dev.hardwood.metadata.ColumnMetaData;
import dev.hardwood.metadata.CompressionCodec;
import dev.hardwood.metadata.Encoding;
import dev.hardwood.metadata.PhysicalType;
import dev.hardwood.metadata.RowGroup;
import dev.hardwood.schema.ColumnSchema;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.xerial.snappy.Snappy;

/**
 * The common shape of a samples column decoded straight into the caller's array: a flat DOUBLE column, required or
 * optional, PLAIN or dictionary pages (data pages v1 and v2), uncompressed, SNAPPY or ZSTD. Each page is read with a
 * positional read into one buffer reused for the whole file and decompressed into a second one, so a column costs its
 * final array and two page-sized buffers; the Parquet library allocates new buffers per page and per batch, which is
 * garbage the heap grows over (docs/drift.md, "Parquet input"). Page headers are parsed by the library's own reader.
 *
 * <p>Anything else, and anything that does not add up (a page header that does not parse, a CRC that does not match,
 * a count or offset outside the chunk, a dictionary index past the dictionary, a decompressor's error), makes
 * {@link #read} return {@link #NOT_DECODED}: the caller then reads the column through the library, which reads it or
 * refuses it with its own sentence. This decoder never refuses a file and never reads one the library would refuse
 * differently, except that it does not look at bytes outside the pages it decodes.
 */
final class ParquetDoubleChunks {

    /** What {@link #read} returns when the column is left to the library. */
    static final int NOT_DECODED = -1;
    /** A page header larger than this (its statistics are the only variable part) is left to the library. */
    private static final int MAX_HEADER_BYTES = 1 << 20;
    /** The most a page may decompress to, per row of its row group, plus {@link #PAGE_SLACK_BYTES}: 8 bytes a value and room. */
    private static final long PAGE_BYTES_PER_ROW = 16;
    private static final long PAGE_SLACK_BYTES = 1 << 16;
    private static final ValueLayout.OfDouble LITTLE_ENDIAN_DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LITTLE_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LITTLE_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final FileChannel channel;
    private final long fileSize;
    private final CRC32 crc = new CRC32();
    private byte[] header = new byte[4096];
    private byte[] compressed = new byte[0];
    private byte[] page = new byte[0];
    private double[] dictionary = new double[0];
    private int dictionarySize;
    /** The length of the page header {@link #readHeader} parsed last. */
    private int headerLength;

    ParquetDoubleChunks(FileChannel channel) throws IOException {
        this.channel = channel;
        this.fileSize = channel.size();
    }

    /** Whether every chunk of the column has the shape this class decodes, judged from the footer alone. */
    static boolean decodes(ColumnSchema column, List<RowGroup> rowGroups, int index) {
        if (column.type() != PhysicalType.DOUBLE || column.maxRepetitionLevel() != 0 || column.maxDefinitionLevel() > 1) {
            return false;
        }
        for (RowGroup group : rowGroups) {
            if (index >= group.columns().size()) {
                return false;
            }
            ColumnMetaData meta = group.columns().get(index).metaData();
            if (meta == null || meta.type() != PhysicalType.DOUBLE || !column.fieldPath().equals(meta.pathInSchema())) {
                return false;
            }
            CompressionCodec codec = meta.codec();
            if (codec != CompressionCodec.UNCOMPRESSED && codec != CompressionCodec.SNAPPY && codec != CompressionCodec.ZSTD) {
                return false;
            }
            for (Encoding encoding : meta.encodings()) {
                if (encoding != Encoding.PLAIN && encoding != Encoding.PLAIN_DICTIONARY && encoding != Encoding.RLE_DICTIONARY
                        && encoding != Encoding.RLE && encoding != Encoding.BIT_PACKED) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The column's non-null values in row order into {@code into} (sized for every row), checked against the footer's
     * row counts; the number of values written, or {@link #NOT_DECODED}, in which case {@code into} holds garbage.
     */
    int read(ColumnSchema column, List<RowGroup> rowGroups, int index, double[] into) {
        try {
            int size = 0;
            for (RowGroup group : rowGroups) {
                size = readChunk(column, group.columns().get(index), group.numRows(), into, size);
                if (size < 0) {
                    return NOT_DECODED;
                }
            }
            return size;
        } catch (IOException | RuntimeException inconsistent) {
            // A decoder's complaint or a buffer bound hit by a damaged page: the library will read it or say why not.
            return NOT_DECODED;
        }
    }

    private int readChunk(ColumnSchema column, ColumnChunk chunk, long groupRows, double[] into, int start) throws IOException {
        ColumnMetaData meta = chunk.metaData();
        long position = chunk.chunkStartOffset();
        long end = position + meta.totalCompressedSize();
        if (position < 0 || meta.totalCompressedSize() <= 0 || end > fileSize || meta.numValues() != groupRows
                || groupRows > into.length - (long) start) {
            return NOT_DECODED;
        }
        CompressionCodec codec = meta.codec();
        boolean optional = column.maxDefinitionLevel() == 1;
        int size = start;
        long rows = 0;
        dictionarySize = -1;
        while (rows < groupRows) {
            if (position >= end) {
                return NOT_DECODED;
            }
            PageHeader pageHeader = readHeader(position, end);
            if (pageHeader == null) {
                return NOT_DECODED;
            }
            position += headerLength;
            int compressedSize = pageHeader.compressedPageSize();
            if (compressedSize < 0 || compressedSize > end - position || pageHeader.type() == null) {
                return NOT_DECODED;
            }
            if (pageHeader.type() == PageHeader.PageType.INDEX_PAGE) {
                position += compressedSize;
                continue;
            }
            readFully(position, compressedSize);
            position += compressedSize;
            if (pageHeader.crc() != null) {
                crc.reset();
                crc.update(compressed, 0, compressedSize);
                if ((int) crc.getValue() != pageHeader.crc()) {
                    return NOT_DECODED;
                }
            }
            int uncompressedSize = pageHeader.uncompressedPageSize();
            // A damaged header must not size a buffer: a page holds at most the chunk's bytes, and 8 per value plus levels.
            if (uncompressedSize > meta.totalUncompressedSize() || uncompressedSize > PAGE_BYTES_PER_ROW * groupRows + PAGE_SLACK_BYTES) {
                return NOT_DECODED;
            }
            switch (pageHeader.type()) {
                case DICTIONARY_PAGE -> {
                    DictionaryPageHeader dictionaryHeader = pageHeader.dictionaryPageHeader();
                    if (dictionarySize >= 0 || rows > 0 || dictionaryHeader == null
                            || (dictionaryHeader.encoding() != Encoding.PLAIN && dictionaryHeader.encoding() != Encoding.PLAIN_DICTIONARY)
                            || !decompress(codec, 0, compressedSize, uncompressedSize)) {
                        return NOT_DECODED;
                    }
                    int count = dictionaryHeader.numValues();
                    if (count < 0 || (long) count * Double.BYTES > uncompressedSize) {
                        return NOT_DECODED;
                    }
                    if (dictionary.length < count) {
                        dictionary = new double[count];
                    }
                    MemorySegment.copy(MemorySegment.ofArray(page), LITTLE_ENDIAN_DOUBLE, 0, dictionary, 0, count);
                    dictionarySize = count;
                }
                case DATA_PAGE -> {
                    DataPageHeader data = pageHeader.dataPageHeader();
                    if (data == null || data.numValues() < 0 || data.numValues() > groupRows - rows
                            || !decompress(codec, 0, compressedSize, uncompressedSize)) {
                        return NOT_DECODED;
                    }
                    int values = data.numValues();
                    int offset = 0;
                    int present = values;
                    if (optional) {
                        if (data.definitionLevelEncoding() != Encoding.RLE || uncompressedSize < Integer.BYTES) {
                            return NOT_DECODED;
                        }
                        int length = (int) LITTLE_ENDIAN_INT.get(page, 0);
                        if (length < 0 || length > uncompressedSize - Integer.BYTES) {
                            return NOT_DECODED;
                        }
                        present = countDefined(page, Integer.BYTES, Integer.BYTES + length, values);
                        offset = Integer.BYTES + length;
                    }
                    size = values(data.encoding(), offset, uncompressedSize, present, into, size);
                    rows += values;
                }
                case DATA_PAGE_V2 -> {
                    DataPageHeaderV2 data = pageHeader.dataPageHeaderV2();
                    if (data == null || data.numValues() < 0 || data.numRows() != data.numValues() || data.numValues() > groupRows - rows
                            || data.repetitionLevelsByteLength() != 0 || data.definitionLevelsByteLength() < 0
                            || data.definitionLevelsByteLength() > compressedSize || (!optional && data.definitionLevelsByteLength() != 0)) {
                        return NOT_DECODED;
                    }
                    int values = data.numValues();
                    int levels = data.definitionLevelsByteLength();
                    int present = optional ? countDefined(compressed, 0, levels, values) : values;
                    if (present < 0 || present != values - data.numNulls()) {
                        return NOT_DECODED;
                    }
                    int valuesSize = uncompressedSize - levels;
                    if (valuesSize < 0 || !(data.isCompressed() ? decompress(codec, levels, compressedSize - levels, valuesSize)
                            : decompress(CompressionCodec.UNCOMPRESSED, levels, compressedSize - levels, valuesSize))) {
                        return NOT_DECODED;
                    }
                    size = values(data.encoding(), 0, valuesSize, present, into, size);
                    rows += values;
                }
                default -> {
                    return NOT_DECODED;
                }
            }
            if (size < 0) {
                return NOT_DECODED;
            }
        }
        return rows == groupRows ? size : NOT_DECODED;
    }

    /** The page header at {@code position}, its length in {@link #headerLength}; null when it does not parse. */
    private PageHeader readHeader(long position, long end) throws IOException {
        int window = (int) Math.min(header.length, end - position);
        while (true) {
            ByteBuffer buffer = ByteBuffer.wrap(header, 0, window);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    return null;
                }
            }
            try {
                ThriftCompactReader thrift = new ThriftCompactReader(ByteBuffer.wrap(header, 0, window));
                PageHeader parsed = PageHeaderReader.read(thrift);
                headerLength = thrift.getBytesRead();
                return headerLength > 0 && headerLength <= window ? parsed : null;
            } catch (IOException | RuntimeException cutShort) {
                if (window == end - position || window >= MAX_HEADER_BYTES) {
                    return null;
                }
                header = new byte[Math.min(header.length * 2, MAX_HEADER_BYTES)];
                window = (int) Math.min(header.length, end - position);
            }
        }
    }

    private void readFully(long position, int length) throws IOException {
        if (compressed.length < length) {
            compressed = new byte[length];
        }
        ByteBuffer buffer = ByteBuffer.wrap(compressed, 0, length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file ended inside a page");
            }
        }
    }

    /** {@code length} bytes of {@link #compressed} from {@code from}, decompressed into {@link #page}; false when they do not. */
    private boolean decompress(CompressionCodec codec, int from, int length, int uncompressedSize) throws IOException {
        if (uncompressedSize < 0) {
            return false;
        }
        if (page.length < uncompressedSize) {
            page = new byte[uncompressedSize];
        }
        switch (codec) {
            case UNCOMPRESSED -> {
                if (length != uncompressedSize) {
                    return false;
                }
                System.arraycopy(compressed, from, page, 0, length);
                return true;
            }
            case SNAPPY -> {
                // snappy writes as many bytes as the stream's own preamble says: that must be the header's size.
                return Snappy.uncompressedLength(compressed, from, length) == uncompressedSize
                        && Snappy.uncompress(compressed, from, length, page, 0) == uncompressedSize;
            }
            case ZSTD -> {
                long written = Zstd.decompressByteArray(page, 0, uncompressedSize, compressed, from, length);
                return !Zstd.isError(written) && written == uncompressedSize;
            }
            default -> {
                return false;
            }
        }
    }

    /** Appends a page's {@code present} values, encoded in {@link #page} from {@code offset}; the new size or -1. */
    private int values(Encoding encoding, int offset, int limit, int present, double[] into, int size) {
        if (present < 0 || present > into.length - size) {
            return NOT_DECODED;
        }
        if (encoding == Encoding.PLAIN) {
            if ((long) present * Double.BYTES > limit - offset) {
                return NOT_DECODED;
            }
            MemorySegment.copy(MemorySegment.ofArray(page), LITTLE_ENDIAN_DOUBLE, offset, into, size, present);
            return size + present;
        }
        if (encoding != Encoding.PLAIN_DICTIONARY && encoding != Encoding.RLE_DICTIONARY || dictionarySize < 0) {
            return NOT_DECODED;
        }
        if (present == 0) {
            return size;
        }
        if (offset >= limit) {
            return NOT_DECODED;
        }
        int width = page[offset] & 0xff;
        return width > 32 ? NOT_DECODED : lookUp(page, offset + 1, limit, width, present, into, size);
    }

    /** Dictionary indices (RLE/bit-packed hybrid of {@code width} bits) replaced by the dictionary's values. */
    private int lookUp(byte[] data, int at, int limit, int width, int count, double[] into, int size) {
        int end = size + count;
        int valueBytes = (width + 7) / 8;
        while (size < end) {
            long header = runHeader(data, at, limit);
            if (header < 0) {
                return NOT_DECODED;
            }
            at += (int) (header >>> HEADER_VALUE_BITS);
            long runHeader = header & HEADER_VALUE_MASK;
            if ((runHeader & 1) == 0) {
                long run = runHeader >>> 1;
                if (valueBytes > limit - at) {
                    return NOT_DECODED;
                }
                long index = 0;
                for (int i = 0; i < valueBytes; i++) {
                    index |= (long) (data[at++] & 0xff) << (8 * i);
                }
                if (index >= dictionarySize) {
                    return NOT_DECODED;
                }
                int n = (int) Math.min(run, end - size);
                Arrays.fill(into, size, size + n, dictionary[(int) index]);
                size += n;
            } else {
                long groups = runHeader >>> 1;
                long bytes = groups * width;
                if (bytes > limit - at) {
                    return NOT_DECODED;
                }
                int n = (int) Math.min(groups * 8, end - size);
                long mask = (1L << width) - 1;
                for (int i = 0; i < n; i++) {
                    long bit = (long) i * width;
                    int index = (int) ((window(data, at + (int) (bit >>> 3), limit) >>> (bit & 7)) & mask);
                    if (index < 0 || index >= dictionarySize) {
                        return NOT_DECODED;
                    }
                    into[size++] = dictionary[index];
                }
                at += (int) bytes;
            }
        }
        return size;
    }

    private static final int HEADER_VALUE_BITS = 40;
    private static final long HEADER_VALUE_MASK = (1L << HEADER_VALUE_BITS) - 1;

    /**
     * The run header (unsigned LEB128, at most 5 bytes) of an RLE/bit-packed hybrid run at {@code at}: its value in the
     * low {@value #HEADER_VALUE_BITS} bits and its length in bytes above them; -1 when it is cut short or longer.
     */
    private static long runHeader(byte[] data, int at, int limit) {
        long value = 0;
        for (int length = 0, shift = 0; shift <= 28; shift += 7) {
            if (at + length >= limit) {
                return -1;
            }
            byte b = data[at + length++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return (long) length << HEADER_VALUE_BITS | value;
            }
        }
        return -1;
    }

    /** Eight little-endian bytes from {@code at}, zeros past {@code limit}. */
    private static long window(byte[] data, int at, int limit) {
        if (at + Long.BYTES <= limit) {
            return (long) LITTLE_ENDIAN_LONG.get(data, at);
        }
        long value = 0;
        for (int i = 0; i < Long.BYTES && at + i < limit; i++) {
            value |= (long) (data[at + i] & 0xff) << (8 * i);
        }
        return value;
    }

    /**
     * How many of {@code count} definition levels (RLE/bit-packed hybrid, one bit: a flat optional column) say "value
     * present"; -1 when the levels are cut short. Only present values are stored in the page.
     */
    static int countDefined(byte[] data, int at, int limit, int count) {
        int seen = 0;
        int defined = 0;
        while (seen < count) {
            long header = runHeader(data, at, limit);
            if (header < 0) {
                return NOT_DECODED;
            }
            at += (int) (header >>> HEADER_VALUE_BITS);
            long runHeader = header & HEADER_VALUE_MASK;
            if ((runHeader & 1) == 0) {
                if (at >= limit) {
                    return NOT_DECODED;
                }
                int level = data[at++] & 0xff;
                if (level > 1) {
                    return NOT_DECODED;
                }
                int n = (int) Math.min(runHeader >>> 1, count - seen);
                seen += n;
                defined += level == 1 ? n : 0;
            } else {
                long groups = runHeader >>> 1;
                if (groups > limit - at) {
                    return NOT_DECODED;
                }
                int n = (int) Math.min(groups * 8, count - seen);
                int whole = n / 8;
                for (int i = 0; i < whole; i++) {
                    defined += Integer.bitCount(data[at + i] & 0xff);
                }
                if (n % 8 != 0) {
                    defined += Integer.bitCount(data[at + whole] & ((1 << (n % 8)) - 1));
                }
                seen += n;
                at += (int) groups;
            }
        }
        return defined;
    }
}
