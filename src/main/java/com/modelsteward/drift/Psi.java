package com.modelsteward.drift;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Population stability index on bins fixed by the reference sample (docs/drift.md, "PSI").
 *
 * <p>Edges are the reference's B-quantiles by Hyndman–Fan type 7 (numpy's default), reproduced operation by operation
 * so that an edge equals numpy's to the last bit; duplicate edges collapse; the outer bins are open; a value v falls
 * in bin i when e(i−1) &lt; v ≤ e(i). A zero share becomes {@link #EPSILON} in either sample, without renormalising.
 */
public final class Psi {

    public static final double EPSILON = 1e-4;
    public static final int DEFAULT_BINS = 10;
    /**
     * At most 1/{@link #EPSILON} bins: beyond that the average share of a bin is below ε, so the ε floor of empty bins,
     * not the data, would make up PSI. It also keeps the edges and counts small whatever a user types.
     */
    public static final int MAX_BINS = 10_000;

    private Psi() {
    }

    /** The interior bin edges of a sorted, finite, non-empty sample, ascending and without duplicates. */
    public static double[] edges(double[] sortedReference, int bins) {
        if (bins < 2) {
            throw new IllegalArgumentException("PSI needs at least 2 bins, not " + bins);
        }
        int n = sortedReference.length;
        double[] edges = new double[bins - 1];
        int distinct = 0;
        for (int k = 1; k < bins; k++) {
            double edge = quantileType7(sortedReference, (double) k / bins, n);
            if (distinct == 0 || edge != edges[distinct - 1]) {
                edges[distinct++] = edge;
            }
        }
        return Arrays.copyOf(edges, distinct);
    }

    /** numpy.quantile(method="linear"): virtual index (n − 1)·q, then numpy's two-sided lerp. */
    static double quantileType7(double[] sorted, double q, int n) {
        double virtualIndex = (n - 1) * q;
        double previous = Math.floor(virtualIndex);
        int lo = (int) Math.max(0, Math.min(previous, n - 1));
        int hi = (int) Math.max(0, Math.min(previous + 1, n - 1));
        double gamma = virtualIndex - previous;
        double a = sorted[lo];
        double b = sorted[hi];
        double diff = b - a;
        // numpy interpolates from the nearer end so that t = 1 gives b exactly
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    /** Counts per bin (edges.length + 1 bins) of a sorted sample: each edge's position found by binary search. */
    public static long[] countsOfSorted(double[] edges, double[] sorted) {
        long[] counts = new long[edges.length + 1];
        int previous = 0;
        for (int i = 0; i < edges.length; i++) {
            int upTo = upperBound(sorted, edges[i]);
            counts[i] = upTo - previous;
            previous = upTo;
        }
        counts[edges.length] = sorted.length - previous;
        return counts;
    }

    /** Counts per bin of an unsorted finite sample, binning each value by binary search (parallel for large samples). */
    public static long[] countsOf(double[] edges, double[] values) {
        int bins = edges.length + 1;
        if (values.length < 1 << 16) {
            long[] counts = new long[bins];
            for (double v : values) {
                counts[binOf(edges, v)]++;
            }
            return counts;
        }
        return java.util.stream.IntStream.range(0, values.length).parallel().collect(() -> new long[bins],
                (counts, i) -> counts[binOf(edges, values[i])]++,
                (left, right) -> {
                    for (int i = 0; i < bins; i++) {
                        left[i] += right[i];
                    }
                });
    }

    /** The bin of v: the number of edges strictly below it (e(i−1) &lt; v ≤ e(i)). */
    static int binOf(double[] edges, double v) {
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The number of elements ≤ v in a sorted array. */
    static int upperBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Shares count / n, with a zero share replaced by {@link #EPSILON} (no renormalisation). */
    public static double[] shares(long[] counts, long n) {
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            double share = (double) counts[i] / n;
            shares[i] = share == 0 ? EPSILON : share;
        }
        return shares;
    }

    /** Σ (cur − ref) · ln(cur / ref) over shares that already have ε in place of zeros. */
    public static double fromShares(double[] referenceShares, double[] currentShares) {
        double psi = 0;
        for (int i = 0; i < referenceShares.length; i++) {
            double ref = referenceShares[i];
            double cur = currentShares[i];
            psi += (cur - ref) * Math.log(cur / ref);
        }
        return psi;
    }

    public static double fromCounts(long[] referenceCounts, long nReference, long[] currentCounts, long nCurrent) {
        return fromShares(shares(referenceCounts, nReference), shares(currentCounts, nCurrent));
    }

    /** Categorical PSI: one bin per category seen in either sample (in name order); an absent category gets ε. */
    public static Categorical categorical(Map<String, Long> referenceCounts, Map<String, Long> currentCounts) {
        TreeSet<String> categories = new TreeSet<>(referenceCounts.keySet());
        categories.addAll(currentCounts.keySet());
        long nRef = referenceCounts.values().stream().mapToLong(Long::longValue).sum();
        long nCur = currentCounts.values().stream().mapToLong(Long::longValue).sum();
        long[] ref = new long[categories.size()];
        long[] cur = new long[categories.size()];
        int i = 0;
        for (String category : categories) {
            ref[i] = referenceCounts.getOrDefault(category, 0L);
            cur[i] = currentCounts.getOrDefault(category, 0L);
            i++;
        }
        double[] refShares = shares(ref, nRef);
        double[] curShares = shares(cur, nCur);
        Map<String, double[]> byCategory = new TreeMap<>();
        i = 0;
        for (String category : categories) {
            byCategory.put(category, new double[] {refShares[i], curShares[i]});
            i++;
        }
        return new Categorical(fromShares(refShares, curShares), nRef, nCur, byCategory);
    }

    /** A categorical PSI with the shares it was computed from: category → {reference share, current share}. */
    public record Categorical(double psi, long nReference, long nCurrent, Map<String, double[]> shares) {
    }
}
