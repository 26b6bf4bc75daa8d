package com.modelsteward.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.modelsteward.testsupport.CpuInfo;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The drift's sort gives Arrays.sort's order to the bit, whichever sort runs: ties, both zeros, extremes. */
class FiniteSortTest {

    @Property(tries = 120)
    void sortsAsArraysSortDoes(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40_000) int length,
                               @ForAll @IntRange(min = 1, max = 8) int shape, @ForAll boolean radix) {
        double[] values = sample(new Random(seed), length, shape);
        double[] expected = values.clone();
        Arrays.sort(expected);

        if (radix) {
            FiniteSort.radixSort(values);
        } else {
            FiniteSort.sort(values);
        }

        assertArrayEquals(expected, values, "the same order as Arrays.sort, -0.0 before 0.0 (shape " + shape + ", "
                + (radix ? "the radix sort" : "the sort this machine uses") + ")");
    }

    @Test
    void theVectorSortRunsExactlyWhereTheCpuAndTheRuntimeHaveItFast() throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64")
                && Runtime.version().feature() == 25, "Linux x86-64, Java 25");
        CpuInfo cpu = CpuInfo.read();
        assertEquals(cpu.intel() && cpu.flags().contains("avx512f") && cpu.flags().contains("avx512dq"), FiniteSort.vectorSortInUse(),
                "the tests run with native access, as the launchers do; the JDK's AVX-512 sort only on Intel's CPUs");
    }

    @Test
    void aResultOutOfOrderIsCaughtAndMixedZerosArePutInOrder() {
        assertEquals(false, FiniteSort.ordered(new double[] {1, 3, 2}));
        double[] zeros = {-2.0, 0.0, -0.0, 0.0, -0.0, 1.5};
        assertEquals(true, FiniteSort.ordered(zeros));
        assertArrayEquals(new double[] {-2.0, -0.0, -0.0, 0.0, 0.0, 1.5}, zeros);
    }

    /** Shapes the drift meets: few distinct values with both zeros, a grid, wide doubles, one value, sorted, reversed. */
    private static double[] sample(Random random, int length, int shape) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = switch (shape) {
                case 1 -> (random.nextInt(7) - 3) * 0.5 * (random.nextBoolean() ? 1 : -1); // ties, -0.0 and 0.0
                case 2 -> Math.floor(random.nextGaussian() * 1024) / 1024;
                case 3 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                case 4 -> Double.longBitsToDouble(random.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL) * (random.nextBoolean() ? 1 : -1);
                case 5 -> 7.0;
                case 6 -> i;
                case 7 -> length - i;
                default -> random.nextBoolean() ? Double.MIN_VALUE * random.nextInt(3) : -Double.MAX_VALUE;
            };
        }
        return values;
    }
}
