package com.modelsteward.drift;

import java.util.Arrays;

/**
 * A reference sample prepared once for many comparisons (the console's warm path, PSI history): its finite values
 * sorted, its PSI edges and bin counts. Immutable; share it freely between threads.
 */
public final class ReferenceProfile {

    private final double[] sorted;
    private final double[] edges;
    private final long[] counts;
    private final long dropped;

    private ReferenceProfile(double[] sorted, double[] edges, long[] counts, long dropped) {
        this.sorted = sorted;
        this.edges = edges;
        this.counts = counts;
        this.dropped = dropped;
    }

    /** Prepares {@code values} (left untouched); NaN and ±∞ are dropped and counted. */
    public static ReferenceProfile of(double[] values, int bins) {
        return of(Finite.sorted(values), bins);
    }

    static ReferenceProfile of(Finite finite, int bins) {
        if (finite.values().length == 0) {
            return new ReferenceProfile(finite.values(), new double[0], new long[] {0}, finite.dropped());
        }
        double[] edges = Psi.edges(finite.values(), bins);
        return new ReferenceProfile(finite.values(), edges, Psi.countsOfSorted(edges, finite.values()), finite.dropped());
    }

    /** The sorted finite values; do not modify. */
    public double[] sorted() {
        return sorted;
    }

    public double[] edges() {
        return edges.clone();
    }

    double[] edgesUnsafe() {
        return edges;
    }

    public long[] counts() {
        return counts.clone();
    }

    long[] countsUnsafe() {
        return counts;
    }

    public int size() {
        return sorted.length;
    }

    public long dropped() {
        return dropped;
    }

    /** Finite values of a sample, sorted, and how many non-finite values were dropped. */
    record Finite(double[] values, long dropped) {

        static Finite sorted(double[] values) {
            double[] finite = new double[values.length];
            int n = 0;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    finite[n++] = v;
                }
            }
            double[] kept = n == values.length ? finite : Arrays.copyOf(finite, n);
            Arrays.parallelSort(kept);
            return new Finite(kept, values.length - n);
        }

        /**
         * The same from a sample the caller gives up: the finite values are moved to the front and sorted where they
         * are, on this thread, so that no second copy of a large sample is ever made (a copy only when values are dropped,
         * to cut the array to its finite part).
         */
        static Finite sortedInPlace(double[] values) {
            int n = 0;
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (Double.isFinite(v)) {
                    values[n++] = v;
                }
            }
            double[] kept = n == values.length ? values : Arrays.copyOf(values, n);
            FiniteSort.sort(kept);
            return new Finite(kept, values.length - n);
        }
    }
}
