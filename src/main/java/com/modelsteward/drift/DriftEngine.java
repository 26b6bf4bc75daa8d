package com.modelsteward.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Compares samples: PSI on the reference's bins, KS on the sorted samples, severity from the policy. */
public final class DriftEngine {

    private DriftEngine() {
    }

    /** Cold path: prepares the reference, then compares. NO_DATA when either sample has no finite value. */
    public static FeatureDrift compare(String feature, String kind, double[] reference, double[] current, DriftPolicy policy) {
        return compare(feature, kind, ReferenceProfile.of(reference, policy.bins()), current, policy);
    }

    /**
     * Cold path for samples the caller gives up, as the command line does with the columns it read: both arrays are
     * reordered and sorted in place, on the calling thread (callers compare features in parallel), so comparing two
     * samples of 10^6 values allocates nothing of their size. The result is the same as {@link #compare(String, String,
     * double[], double[], DriftPolicy)}'s.
     */
    public static FeatureDrift compareInPlace(String feature, String kind, double[] reference, double[] current, DriftPolicy policy) {
        ReferenceProfile profile = ReferenceProfile.of(ReferenceProfile.Finite.sortedInPlace(reference), policy.bins());
        return compareSorted(feature, kind, profile, ReferenceProfile.Finite.sortedInPlace(current), policy);
    }

    /** Warm path: the reference is already sorted and binned; only the current sample is sorted (in parallel). */
    public static FeatureDrift compare(String feature, String kind, ReferenceProfile reference, double[] current, DriftPolicy policy) {
        return compareSorted(feature, kind, reference, ReferenceProfile.Finite.sorted(current), policy);
    }

    static FeatureDrift compareSorted(String feature, String kind, ReferenceProfile reference, ReferenceProfile.Finite cur,
                                      DriftPolicy policy) {
        long dropped = reference.dropped() + cur.dropped();
        double[] curSorted = cur.values();
        if (reference.size() == 0 || curSorted.length == 0) {
            return new FeatureDrift(feature, kind, reference.size(), curSorted.length, dropped, null, null, null, null,
                    Severity.NO_DATA, reference.edges(), List.of(), new double[0], new double[0]);
        }
        double[] edges = reference.edgesUnsafe();
        long[] curCounts = Psi.countsOfSorted(edges, curSorted);
        double[] refShares = Psi.shares(reference.countsUnsafe(), reference.size());
        double[] curShares = Psi.shares(curCounts, curSorted.length);
        double psi = Psi.fromShares(refShares, curShares);
        Ks.Statistic ks = Ks.statistic(reference.sorted(), curSorted);
        double p = Ks.pValue(ks, reference.sorted(), curSorted);
        return new FeatureDrift(feature, kind, reference.size(), curSorted.length, dropped, psi, ks.d(), p, ks.location(),
                policy.severity(psi, ks.d(), p), edges.clone(), binLabels(edges), refShares, curShares);
    }

    /** PSI of a current window on the reference's fixed bins (for PSI over time); null when the window is empty. */
    public static Double psiOnReferenceBins(ReferenceProfile reference, double[] finiteCurrent) {
        if (reference.size() == 0 || finiteCurrent.length == 0) {
            return null;
        }
        long[] counts = Psi.countsOf(reference.edgesUnsafe(), finiteCurrent);
        return Psi.fromCounts(reference.countsUnsafe(), reference.size(), counts, finiteCurrent.length);
    }

    /** Categorical features: PSI over categories, no KS. */
    public static FeatureDrift compareCategories(String feature, String kind, Map<String, Long> reference, Map<String, Long> current,
                                                 DriftPolicy policy) {
        Psi.Categorical result = Psi.categorical(reference, current);
        if (result.nReference() == 0 || result.nCurrent() == 0) {
            return new FeatureDrift(feature, kind, result.nReference(), result.nCurrent(), 0, null, null, null, null,
                    Severity.NO_DATA, new double[0], List.of(), new double[0], new double[0]);
        }
        List<String> labels = new ArrayList<>(result.shares().keySet());
        double[] ref = result.shares().values().stream().mapToDouble(s -> s[0]).toArray();
        double[] cur = result.shares().values().stream().mapToDouble(s -> s[1]).toArray();
        return new FeatureDrift(feature, kind, result.nReference(), result.nCurrent(), 0, result.psi(), null, null, null,
                policy.severity(result.psi(), null, null), new double[0], List.copyOf(labels), ref, cur);
    }

    static List<String> binLabels(double[] edges) {
        List<String> labels = new ArrayList<>(edges.length + 1);
        if (edges.length == 0) {
            return List.of("all values");
        }
        labels.add("≤ " + format(edges[0]));
        for (int i = 1; i < edges.length; i++) {
            labels.add("(" + format(edges[i - 1]) + ", " + format(edges[i]) + "]");
        }
        labels.add("> " + format(edges[edges.length - 1]));
        return labels;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
