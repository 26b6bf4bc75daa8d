package com.modelsteward.ui.drift;

import com.modelsteward.drift.DriftMonitor;
import com.modelsteward.drift.DriftPolicy;
import com.modelsteward.drift.FeatureDrift;
import com.modelsteward.drift.Lttb;
import com.modelsteward.drift.PsiHistory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

/** The Drift view's charts, filled from already computed results (no statistics on the FX thread beyond decimation). */
final class DriftCharts {

    /** Points a line may have before it is decimated: enough for any screen width. */
    static final int MAX_POINTS = 600;
    private static final long DAY = 86_400_000L;
    private static final DateTimeFormatter DAY_FORMAT = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT).withZone(ZoneOffset.UTC);

    private DriftCharts() {
    }

    static BarChart<String, Number> histogram() {
        CategoryAxis bins = new CategoryAxis();
        bins.setLabel("PSI bin (reference deciles)");
        NumberAxis share = new NumberAxis();
        share.setLabel("share");
        BarChart<String, Number> chart = new BarChart<>(bins, share);
        chart.setId("drift-histogram");
        chart.setAnimated(false);
        chart.setBarGap(1);
        chart.setCategoryGap(10);
        chart.getStyleClass().add("drift-chart");
        return chart;
    }

    static void fillHistogram(BarChart<String, Number> chart, FeatureDrift drift) {
        XYChart.Series<String, Number> reference = new XYChart.Series<>();
        reference.setName("Reference");
        XYChart.Series<String, Number> current = new XYChart.Series<>();
        current.setName("Current");
        for (int i = 0; i < drift.labels().size(); i++) {
            reference.getData().add(new XYChart.Data<>(drift.labels().get(i), drift.referenceShares()[i]));
            current.getData().add(new XYChart.Data<>(drift.labels().get(i), drift.currentShares()[i]));
        }
        chart.setTitle(drift.feature() + " — PSI " + format(drift.psi(), 4) + " (" + drift.severity() + ")");
        chart.getData().setAll(List.of(reference, current));
    }

    static LineChart<Number, Number> ecdf() {
        NumberAxis x = new NumberAxis();
        x.setLabel("value");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis(0, 1, 0.1);
        y.setLabel("cumulative share");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("drift-ecdf");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.getStyleClass().addAll("drift-chart", "drift-ecdf");
        return chart;
    }

    static void fillEcdf(LineChart<Number, Number> chart, DriftMonitor.FeatureReport feature) {
        FeatureDrift drift = feature.drift();
        double[] ref = feature.referenceSorted();
        double[] cur = feature.currentSorted();
        if (ref.length == 0 || cur.length == 0 || drift.ksLocation() == null) {
            chart.setTitle(drift.feature() + " — no ECDF (categorical or empty sample)");
            chart.getData().clear();
            return;
        }
        double lo = Math.min(quantile(ref, 0.005), quantile(cur, 0.005));
        double hi = Math.max(quantile(ref, 0.995), quantile(cur, 0.995));
        double location = drift.ksLocation();
        lo = Math.min(lo, location);
        hi = Math.max(hi, location);
        if (hi <= lo) {
            hi = lo + 1;
        }
        NumberAxis x = (NumberAxis) chart.getXAxis();
        x.setAutoRanging(false);
        double tick = niceTick((hi - lo) / 8);
        lo = Math.floor(lo / tick) * tick;
        hi = Math.ceil(hi / tick) * tick;
        x.setLowerBound(lo);
        x.setUpperBound(hi);
        x.setTickUnit(tick);
        double fRef = upperBound(ref, location) / (double) ref.length;
        double fCur = upperBound(cur, location) / (double) cur.length;
        XYChart.Series<Number, Number> gap = new XYChart.Series<>();
        gap.setName(String.format(Locale.ROOT, "KS D = %.4f at %s", drift.ksStatistic(), format(location, 4)));
        gap.getData().add(new XYChart.Data<>(location, fRef));
        gap.getData().add(new XYChart.Data<>(location, fCur));
        chart.setTitle(drift.feature() + " — largest ECDF gap D = " + format(drift.ksStatistic(), 4) + ", p = " + pValue(drift.ksPvalue()));
        chart.getData().setAll(List.of(step("Reference", ref, lo, hi), step("Current", cur, lo, hi), gap));
    }

    /** An ECDF as a step line over [from, to], decimated by LTTB when long. */
    private static XYChart.Series<Number, Number> step(String name, double[] sorted, double from, double to) {
        int n = sorted.length;
        double[] xs = new double[2 * n + 2];
        double[] ys = new double[2 * n + 2];
        int k = 0;
        xs[k] = from;
        ys[k++] = 0;
        for (int i = 0; i < n; i++) {
            double v = Math.max(from, Math.min(to, sorted[i]));
            xs[k] = v;
            ys[k++] = (double) i / n;
            xs[k] = v;
            ys[k++] = (double) (i + 1) / n;
        }
        xs[k] = to;
        ys[k++] = 1;
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        series.setData(points(xs, ys, k));
        return series;
    }

    static LineChart<Number, Number> history() {
        LineChart<Number, Number> chart = dayChart();
        chart.getStyleClass().add("drift-history");
        return chart;
    }

    private static LineChart<Number, Number> dayChart() {
        NumberAxis x = new NumberAxis();
        x.setLabel("day (UTC)");
        x.setForceZeroInRange(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number value) {
                return DAY_FORMAT.format(Instant.ofEpochMilli(value.longValue()));
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException();
            }
        });
        NumberAxis y = new NumberAxis();
        y.setLabel("PSI on the reference bins");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("drift-history");
        chart.setAnimated(false);
        chart.getStyleClass().add("drift-chart");
        return chart;
    }

    static void fillHistory(LineChart<Number, Number> chart, DriftMonitor.FeatureReport feature, DriftPolicy policy) {
        List<PsiHistory.Point> points = feature.history();
        chart.setTitle(feature.drift().feature() + " — PSI per day against the fixed reference bins");
        // Days' PSI and the window's share this axis; it starts at 0 so that the two compare by height.
        ((NumberAxis) chart.getYAxis()).setForceZeroInRange(true);
        if (points.isEmpty()) {
            chart.getData().clear();
            return;
        }
        double[] xs = points.stream().mapToDouble(p -> p.day().toEpochMilli()).toArray();
        double[] ys = points.stream().mapToDouble(PsiHistory.Point::psi).toArray();
        XYChart.Series<Number, Number> psi = new XYChart.Series<>();
        psi.setName("PSI");
        psi.setData(points(xs, ys, xs.length));
        double start = xs[0];
        double end = Math.max(xs[xs.length - 1], start + DAY);
        XYChart.Series<Number, Number> breaches = new XYChart.Series<>();
        breaches.setName("breach (SEVERE)");
        for (PsiHistory.Point point : points) {
            if (point.severity().isBreach()) {
                breaches.getData().add(new XYChart.Data<>(point.day().toEpochMilli(), point.psi()));
            }
        }
        NumberAxis x = (NumberAxis) chart.getXAxis();
        x.setAutoRanging(false);
        x.setLowerBound(start - DAY / 2.0);
        x.setUpperBound(end + DAY / 2.0);
        x.setTickUnit(Math.max(DAY, Math.ceil((end - start) / DAY / 10) * DAY));
        List<XYChart.Series<Number, Number>> lines = new java.util.ArrayList<>(List.of(psi,
                level(String.format(Locale.ROOT, "MODERATE from %.2f", policy.moderatePsi()), policy.moderatePsi(), start, end),
                level(String.format(Locale.ROOT, "SEVERE from %.2f", policy.severePsi()), policy.severePsi(), start, end),
                breaches));
        if (feature.drift().psi() != null) {
            lines.add(level(String.format(Locale.ROOT, "whole window %.2f (the gauge's measure)", feature.drift().psi()),
                    feature.drift().psi(), start, end));
        }
        chart.getData().setAll(lines);
    }

    static LineChart<Number, Number> timeChart(String id, String yLabel) {
        LineChart<Number, Number> chart = dayChart();
        chart.setId(id);
        chart.getStyleClass().add("drift-time");
        ((NumberAxis) chart.getYAxis()).setLabel(yLabel);
        ((NumberAxis) chart.getYAxis()).setForceZeroInRange(false);
        return chart;
    }

    static void fillPerformance(LineChart<Number, Number> chart, DriftMonitor.PerformanceReport performance, DriftPolicy policy) {
        var result = performance.result();
        long[] days = performance.days();
        chart.setTitle(String.format(Locale.ROOT, "Rolling %d-day Sharpe vs reference band %.2f ± %.1fσ — %s", policy.sharpeWindow(),
                result.referenceMean(), policy.sharpeK(), result.severity()));
        if (days.length == 0 || !Double.isFinite(result.lower())) {
            chart.getData().clear();
            return;
        }
        double[] xs = new double[days.length];
        for (int i = 0; i < days.length; i++) {
            xs[i] = days[i];
        }
        XYChart.Series<Number, Number> sharpe = new XYChart.Series<>();
        sharpe.setName("rolling Sharpe");
        sharpe.setData(points(xs, result.currentSharpe(), xs.length));
        double start = xs[0];
        double end = Math.max(xs[xs.length - 1], start + DAY);
        rangeDays(chart, start, end);
        chart.getData().setAll(List.of(sharpe,
                level(String.format(Locale.ROOT, "band low %.2f", result.lower()), result.lower(), start, end),
                level(String.format(Locale.ROOT, "band high %.2f", result.upper()), result.upper(), start, end),
                level(String.format(Locale.ROOT, "reference mean %.2f", result.referenceMean()), result.referenceMean(), start, end)));
    }

    static void fillDaily(LineChart<Number, Number> chart, DriftMonitor.DailySeries series, String title) {
        chart.setTitle(title);
        if (series.days().length == 0) {
            chart.getData().clear();
            return;
        }
        double[] xs = new double[series.days().length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = series.days()[i];
        }
        XYChart.Series<Number, Number> values = new XYChart.Series<>();
        values.setName(series.name());
        values.setData(points(xs, series.values(), xs.length));
        double start = xs[0];
        double end = Math.max(xs[xs.length - 1], start + DAY);
        rangeDays(chart, start, end);
        chart.getData().setAll(List.of(values, level(String.format(Locale.ROOT, "baseline %.4g", series.baseline()), series.baseline(), start, end)));
    }

    private static void rangeDays(LineChart<Number, Number> chart, double start, double end) {
        NumberAxis x = (NumberAxis) chart.getXAxis();
        x.setAutoRanging(false);
        x.setLowerBound(start - DAY / 2.0);
        x.setUpperBound(end + DAY / 2.0);
        x.setTickUnit(Math.max(DAY, Math.ceil((end - start) / DAY / 10) * DAY));
    }

    /** A horizontal reference line across [start, end]. */
    private static XYChart.Series<Number, Number> level(String name, double value, double start, double end) {
        XYChart.Series<Number, Number> line = new XYChart.Series<>();
        line.setName(name);
        line.getData().add(new XYChart.Data<>(start, value));
        line.getData().add(new XYChart.Data<>(end, value));
        return line;
    }

    /** The first {@code n} points, decimated by LTTB to at most {@link #MAX_POINTS}; non-finite values are left out. */
    static ObservableList<XYChart.Data<Number, Number>> points(double[] xs, double[] ys, int n) {
        int finite = 0;
        double[] fx = new double[n];
        double[] fy = new double[n];
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(ys[i])) {
                fx[finite] = xs[i];
                fy[finite++] = ys[i];
            }
        }
        double[] cx = java.util.Arrays.copyOf(fx, finite);
        double[] cy = java.util.Arrays.copyOf(fy, finite);
        ObservableList<XYChart.Data<Number, Number>> data = FXCollections.observableArrayList();
        for (int i : Lttb.decimate(cx, cy, MAX_POINTS)) {
            data.add(new XYChart.Data<>(cx[i], cy[i]));
        }
        return data;
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
    }

    private static int upperBound(double[] sorted, double v) {
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

    private static double niceTick(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double scaled = raw / magnitude;
        double nice = scaled < 1.5 ? 1 : scaled < 3 ? 2 : scaled < 7 ? 5 : 10;
        return nice * magnitude;
    }

    static String format(Double value, int digits) {
        return value == null ? "–" : String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    static String pValue(Double p) {
        if (p == null) {
            return "–";
        }
        return p < 1e-4 ? String.format(Locale.ROOT, "%.2e", p) : String.format(Locale.ROOT, "%.4f", p);
    }
}
