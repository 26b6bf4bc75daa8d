package com.modelsteward.drift;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Sorts an array of finite doubles into {@link Arrays#sort(double[])}'s order, -0.0 before 0.0 included.
 *
 * <p>On Linux x86-64 with AVX-512, in Java 25 with native access granted (the packaged launchers grant it), the whole
 * array is sorted by the JDK's own AVX-512 quicksort in {@code lib/libsimdsort.so}: the code Arrays.sort's intrinsic
 * runs, called once for the array instead of once per partition from Java's recursion. That is the x86-simd-sort
 * numpy sorts with, and a new JVM's first sorts do not wait for the JIT to compile the JDK's recursion (figures in
 * docs/drift.md). The library's entry point is not an API, so it is used only on the runtime version whose signature
 * this class knows, and every result is checked in one pass: an array that comes back unsorted is sorted again by
 * Arrays.sort. Anywhere else Arrays.sort sorts.
 */
final class FiniteSort {

    /** HotSpot's type code for double ({@code JVM_T_DOUBLE} in classfile_constants.h), the library's second argument. */
    private static final int JVM_T_DOUBLE = 7;
    /** Below this length the call's set-up is not worth it. */
    private static final int NATIVE_FROM = 4096;
    /** {@code void avx512_sort(void *array, int elem_type, int32_t from_index, int32_t to_index)}, or null. */
    private static final MethodHandle AVX512_SORT = avx512Sort();

    private FiniteSort() {
    }

    /** Sorts {@code values}, which holds no NaN and no infinity, in place. */
    static void sort(double[] values) {
        if (AVX512_SORT == null || values.length < NATIVE_FROM) {
            Arrays.sort(values);
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

    /** Whether arrays from {@value #NATIVE_FROM} values on go to the library's sort here. */
    static boolean vectorSortInUse() {
        return AVX512_SORT != null;
    }

    private static MethodHandle avx512Sort() {
        try {
            if (!System.getProperty("os.name", "").equals("Linux") || !System.getProperty("os.arch", "").equals("amd64")
                    || Runtime.version().feature() != 25 || !FiniteSort.class.getModule().isNativeAccessEnabled()
                    || !hasAvx512()) {
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

    /** The CPU's flags as the kernel reports them: the library's AVX-512 code needs AVX512F and AVX512DQ. */
    private static boolean hasAvx512() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("flags")).findFirst()
                    .map(line -> Arrays.asList(line.substring(line.indexOf(':') + 1).strip().split("\\s+")))
                    .map(flags -> flags.contains("avx512f") && flags.contains("avx512dq"))
                    .orElse(false);
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }
}
