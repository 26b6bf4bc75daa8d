package com.modelsteward.drift;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** PSI per UTC day of the current sample, always on the reference's fixed bins, so days are comparable. */
public final class PsiHistory {

    private PsiHistory() {
    }

    public record Point(Instant day, long n, double psi, Severity severity) {
    }

    /**
     * @param values       the current sample
     * @param epochMillis  when each value was observed (same length)
     */
    public static List<Point> daily(ReferenceProfile reference, double[] values, long[] epochMillis, DriftPolicy policy) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (l, r) -> Long.compare(epochMillis[l], epochMillis[r]));
        List<Point> points = new ArrayList<>();
        int i = 0;
        while (i < order.length) {
            Instant day = Instant.ofEpochMilli(epochMillis[order[i]]).truncatedTo(ChronoUnit.DAYS);
            long dayEnd = day.plus(1, ChronoUnit.DAYS).toEpochMilli();
            double[] window = new double[order.length - i];
            int n = 0;
            while (i < order.length && epochMillis[order[i]] < dayEnd) {
                double v = values[order[i++]];
                if (Double.isFinite(v)) {
                    window[n++] = v;
                }
            }
            Double psi = DriftEngine.psiOnReferenceBins(reference, Arrays.copyOf(window, n));
            if (psi != null) {
                points.add(new Point(day, n, psi, policy.severity(psi, null, null)));
            }
        }
        return points;
    }
}
