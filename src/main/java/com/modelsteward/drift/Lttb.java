package com.modelsteward.drift;

/**
 * Largest-triangle-three-buckets decimation (Steinarsson 2013): keeps the first and last point and, from each of
 * {@code threshold − 2} buckets, the point forming the largest triangle with its neighbours, so a long series keeps its
 * visual shape (peaks and breaches included) in a few hundred points.
 */
public final class Lttb {

    private Lttb() {
    }

    /** Indexes into (x, y) of the kept points, ascending; all indexes when the series is short enough. */
    public static int[] decimate(double[] x, double[] y, int threshold) {
        int n = x.length;
        if (threshold >= n || threshold < 3) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] kept = new int[threshold];
        double bucket = (double) (n - 2) / (threshold - 2);
        int a = 0;
        kept[0] = 0;
        for (int b = 0; b < threshold - 2; b++) {
            int nextStart = (int) Math.floor((b + 1) * bucket) + 1;
            int nextEnd = Math.min((int) Math.floor((b + 2) * bucket) + 1, n);
            double avgX = 0;
            double avgY = 0;
            for (int i = nextStart; i < nextEnd; i++) {
                avgX += x[i];
                avgY += y[i];
            }
            int count = Math.max(1, nextEnd - nextStart);
            avgX /= count;
            avgY /= count;
            int start = (int) Math.floor(b * bucket) + 1;
            int end = (int) Math.floor((b + 1) * bucket) + 1;
            double bestArea = -1;
            int best = start;
            for (int i = start; i < end; i++) {
                double area = Math.abs((x[a] - avgX) * (y[i] - y[a]) - (x[a] - x[i]) * (avgY - y[a]));
                if (area > bestArea) {
                    bestArea = area;
                    best = i;
                }
            }
            kept[b + 1] = best;
            a = best;
        }
        kept[threshold - 1] = n - 1;
        return kept;
    }
}
