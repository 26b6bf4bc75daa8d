package com.modelsteward.drift;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Sorts an array of finite doubles into {@link Arrays#sort(double[])}'s order, -0.0 before 0.0 included.
 *
 * <p>On Linux x86-64 with an Intel CPU with AVX-512, in Java 25 with native access granted (the packaged launchers
 * grant it), a large array is sorted whole by the JDK's own AVX-512 quicksort in {@code lib/libsimdsort.so}: the code
 * Arrays.sort's intrinsic runs, called once for the array instead of once per partition from Java's recursion. That is
 * the x86-simd-sort numpy sorts with, and a new JVM's first sorts do not wait for the JIT to compile the JDK's
 * recursion (figures in docs/drift.md). The library's entry point is not an API, so it is used only on the runtime
 * version whose signature this class knows, and every result is checked in one pass: an array that comes back
 * unsorted is sorted again by Arrays.sort. Anywhere else a large array is sorted by an LSD radix sort, several times
 * faster than Arrays.sort on a CPU where the JDK has no intrinsic for it (ADR 24); a small one by Arrays.sort.
 */
final class FiniteSort {

    /** HotSpot's type code for double ({@code JVM_T_DOUBLE} in classfile_constants.h), the library's second argument. */
    private static final int JVM_T_DOUBLE = 7;
    /** Below this length Arrays.sort is as fast: the library call's and the radix passes' set-up are not worth it. */
    private static final int LARGE = 4096;
    private static final int DIGIT_BITS = 8;
    private static final int RADIX = 1 << DIGIT_BITS;
    private static final long DIGIT_MASK = RADIX - 1;
    private static final int PASSES = (Long.SIZE + DIGIT_BITS - 1) / DIGIT_BITS;
    private static final ConcurrentLinkedQueue<SoftReference<long[]>> SCRATCH = new ConcurrentLinkedQueue<>();
    /** {@code void avx512_sort(void *array, int elem_type, int32_t from_index, int32_t to_index)}, or null. */
    private static final MethodHandle AVX512_SORT = avx512Sort();

    private FiniteSort() {
    }

    /** Sorts {@code values}, which holds no NaN and no infinity, in place. */
    static void sort(double[] values) {
        if (values.length < LARGE) {
            Arrays.sort(values);
            return;
        }
        if (AVX512_SORT == null) {
            radixSort(values);
            return;
        }
        try {
            AVX512_SORT.invokeExact(MemorySegment.ofArray(values), JVM_T_DOUBLE, 0, values.length);
        } catch (Throwable failed) {
            Arrays.sort(values);
            return;
        }
        if (!ordered(values)) {
            Arrays.sort(values);
        }
    }

    /**
     * Whether the array is in ascending order, with its zeros put in Arrays.sort's order on the way: the vector sort
     * compares -0.0 and 0.0 as equal and leaves them mixed, Arrays.sort puts every -0.0 first.
     */
    static boolean ordered(double[] values) {
        for (int i = 1; i < values.length; i++) {
            if (values[i - 1] > values[i]) {
                return false;
            }
        }
        int from = 0;
        while (from < values.length && values[from] < 0.0) {
            from++;
        }
        int to = from;
        int negative = 0;
        while (to < values.length && values[to] == 0.0) {
            negative += Double.doubleToRawLongBits(values[to]) < 0 ? 1 : 0;
            to++;
        }
        if (negative > 0) {
            Arrays.fill(values, from, from + negative, -0.0);
            Arrays.fill(values, from + negative, to, 0.0);
        }
        return true;
    }

    /**
     * An LSD radix sort of the values' order-preserving 64-bit keys (the sign bit set for a positive value, every bit
     * flipped for a negative one, so that -0.0 comes before 0.0 as in Arrays.sort), in passes of {@value #DIGIT_BITS}
     * bits; a pass is skipped where one digit holds every key. The passes go back and forth between the array, which
     * only ever holds values (a key as a double could be a NaN), and a scratch array of keys.
     */
    static void radixSort(double[] values) {
        int n = values.length;
        int[] counts = new int[PASSES << DIGIT_BITS];
        for (double value : values) {
            long key = key(value);
            for (int pass = 0; pass < PASSES; pass++) {
                counts[(pass << DIGIT_BITS) + (int) (key >>> (pass * DIGIT_BITS) & DIGIT_MASK)]++;
            }
        }
        long[] keys = takeScratch(n);
        boolean inKeys = false;
        for (int pass = 0; pass < PASSES; pass++) {
            int base = pass << DIGIT_BITS;
            int shift = pass * DIGIT_BITS;
            if (!startOffsets(counts, base, n)) {
                continue;
            }
            if (inKeys) {
                for (int i = 0; i < n; i++) {
                    long key = keys[i];
                    values[counts[base + (int) (key >>> shift & DIGIT_MASK)]++] = value(key);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    long key = key(values[i]);
                    keys[counts[base + (int) (key >>> shift & DIGIT_MASK)]++] = key;
                }
            }
            inKeys = !inKeys;
        }
        if (inKeys) {
            for (int i = 0; i < n; i++) {
                values[i] = value(keys[i]);
            }
        }
        giveBack(keys);
    }

    /** Turns a pass's counts into start offsets; false, leaving them, when one digit holds all {@code n} keys. */
    private static boolean startOffsets(int[] counts, int base, int n) {
        int sum = 0;
        for (int digit = 0; digit < RADIX; digit++) {
            int count = counts[base + digit];
            if (count == n) {
                return false;
            }
            counts[base + digit] = sum;
            sum += count;
        }
        return true;
    }

    private static long key(double value) {
        long raw = Double.doubleToRawLongBits(value);
        return raw ^ (raw >> 63 | Long.MIN_VALUE);
    }

    private static double value(long key) {
        return Double.longBitsToDouble(key ^ (~key >> 63 | Long.MIN_VALUE));
    }

    /** A scratch array of at least {@code n} longs: one the last sort gave back, or a new one. */
    private static long[] takeScratch(int n) {
        for (SoftReference<long[]> kept; (kept = SCRATCH.poll()) != null; ) {
            long[] scratch = kept.get();
            if (scratch != null && scratch.length >= n) {
                return scratch;
            }
        }
        return new long[n];
    }

    /**
     * Keeps a scratch array for the next sort (the features are sorted a core each, so a few suffice): a new array's
     * pages are zeroed and faulted in on first touch, which for a large column costs as much as the sort's own passes.
     * Softly held: memory the JVM needs is not kept for a sort that may never come.
     */
    private static void giveBack(long[] scratch) {
        if (SCRATCH.size() < Runtime.getRuntime().availableProcessors()) {
            SCRATCH.offer(new SoftReference<>(scratch));
        }
    }

    /** Whether arrays from {@value #LARGE} values on go to the library's sort here. */
    static boolean vectorSortInUse() {
        return AVX512_SORT != null;
    }

    private static MethodHandle avx512Sort() {
        try {
            if (!System.getProperty("os.name", "").equals("Linux") || !System.getProperty("os.arch", "").equals("amd64")
                    || Runtime.version().feature() != 25 || !FiniteSort.class.getModule().isNativeAccessEnabled()
                    || !hasFastAvx512()) {
                return null;
            }
            Path library = Path.of(System.getProperty("java.home"), "lib", "libsimdsort.so");
            if (!Files.isReadable(library)) {
                return null;
            }
            return SymbolLookup.libraryLookup(library, Arena.global()).find("avx512_sort")
                    .map(symbol -> Linker.nativeLinker().downcallHandle(symbol,
                            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
                            Linker.Option.critical(true)))
                    .orElse(null);
        } catch (RuntimeException | LinkageError unavailable) {
            return null;
        }
    }

    /**
     * The CPU as the kernel reports it: the library's AVX-512 code needs AVX512F and AVX512DQ, and the JDK itself calls it
     * on Intel's CPUs only. On AMD's Zen 4 its compress-stores are slow, and the radix sort is the faster there (figures
     * in docs/drift.md).
     */
    private static boolean hasFastAvx512() {
        try {
            List<String> cpu = Files.readAllLines(Path.of("/proc/cpuinfo"));
            boolean intel = cpu.stream().filter(line -> line.startsWith("vendor_id")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).strip().equals("GenuineIntel")).orElse(false);
            List<String> flags = cpu.stream().filter(line -> line.startsWith("flags")).findFirst()
                    .map(line -> Arrays.asList(line.substring(line.indexOf(':') + 1).strip().split("\\s+"))).orElse(List.of());
            return intel && flags.contains("avx512f") && flags.contains("avx512dq");
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }
}
