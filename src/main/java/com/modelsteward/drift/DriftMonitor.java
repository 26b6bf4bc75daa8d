package com.modelsteward.drift;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.NewDriftIncident;
import com.modelsteward.registry.NewDriftResult;
import com.modelsteward.registry.Outbox;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.Store;
import com.modelsteward.registry.Timestamps;
import com.modelsteward.trust.Signatures;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;

/**
 * Drift of a registered model from its {@code drift_samples}: computes every kind of drift, stores the results in
 * {@code model_drift} and turns each new SEVERE result into a breach — an incident, an audit entry and an
 * {@code ordinis.learn.drift.alert} event, all in one transaction. Runs SQL and statistics: never on the FX thread.
 */
public final class DriftMonitor {

    public static final String BREACH_CODE = "E_LEARN_DRIFT_BREACH";

    private final Registry registry;
    private final Clock clock;
    private final DriftPolicy policy;

    public DriftMonitor(Registry registry, Clock clock, DriftPolicy policy) {
        this.registry = registry;
        this.clock = clock;
        this.policy = policy;
    }

    public DriftPolicy policy() {
        return policy;
    }

    /** Reports progress (features done, features in all) and asks whether to stop; both may be no-ops. */
    public interface Progress {
        Progress NONE = new Progress() {
            @Override
            public void update(long done, long total) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };

        void update(long done, long total);

        boolean isCancelled();
    }

    /** One feature's comparison with what the charts need: both sorted samples and PSI per day. */
    public record FeatureReport(FeatureDrift drift, double[] referenceSorted, double[] currentSorted, List<PsiHistory.Point> history) {
    }

    /** A value per UTC day (epoch millis of the day's start) against a baseline, e.g. the daily refusal rate. */
    public record DailySeries(String name, long[] days, double[] values, double baseline) {
    }

    /** Rolling Sharpe of a signal model; {@code days[i]} is the last day of the window of {@code result.currentSharpe()[i]}. */
    public record PerformanceReport(PerformanceDrift.Result result, long[] days) {
    }

    /** Everything computed for one model version; {@code rows} is what {@link #store} writes. */
    public record ModelReport(String modelId, DriftPolicy policy, String windowStart, String windowEnd, List<FeatureReport> features,
                              List<DriftRow> rows, PerformanceReport performance, List<DailySeries> llmSeries) {

        public Severity worst() {
            return rows.stream().map(DriftRow::severity).max(Comparator.naturalOrder()).orElse(Severity.NORMAL);
        }
    }

    /** A SEVERE result and its incident; {@code newlyOpened} is false when the incident was already open. */
    public record Breach(long incidentId, String modelId, DriftRow row, boolean newlyOpened) {
    }

    /** Model versions that have drift samples, in id order (one index lookup per version, however many samples). */
    public List<String> modelsWithSamples() {
        return registry.read(store -> store.drift().modelsWithSamples());
    }

    public ModelReport compute(String modelId, Progress progress) {
        Map<String, Samples> byFeature = load(modelId);
        if (byFeature.isEmpty()) {
            throw new DriftException("E_DRIFT_NO_SAMPLES", "model version \"" + modelId + "\" has no drift samples in " + registry.location());
        }
        List<FeatureReport> features = new ArrayList<>();
        List<DriftRow> rows = new ArrayList<>();
        List<DailySeries> llm = new ArrayList<>();
        PerformanceReport performance = null;
        long windowStart = Long.MAX_VALUE;
        long windowEnd = Long.MIN_VALUE;
        int done = 0;
        for (Samples samples : byFeature.values()) {
            if (progress.isCancelled()) {
                throw new CancellationException("drift computation cancelled");
            }
            for (long t : samples.current.times()) {
                windowStart = Math.min(windowStart, t);
                windowEnd = Math.max(windowEnd, t);
            }
            String kind = DriftKinds.of(samples.feature);
            if (kind.equals(DriftKinds.PERFORMANCE)) {
                performance = performance(samples);
                rows.add(performanceRow(samples, performance.result()));
            } else if (DriftKinds.isRate(samples.feature)) {
                rows.add(rateRow(samples, llm));
            } else if (!samples.referenceCategories.isEmpty() || !samples.currentCategories.isEmpty()) {
                FeatureDrift drift = DriftEngine.compareCategories(samples.feature, kind, samples.referenceCategories,
                        samples.currentCategories, policy);
                features.add(new FeatureReport(drift, new double[0], new double[0], List.of()));
                rows.add(DriftRow.of(drift, policy));
            } else {
                ReferenceProfile reference = ReferenceProfile.of(samples.reference.values(), policy.bins());
                ReferenceProfile.Finite current = ReferenceProfile.Finite.sorted(samples.current.values());
                FeatureDrift drift = DriftEngine.compareSorted(samples.feature, kind, reference, current, policy);
                List<PsiHistory.Point> history = PsiHistory.daily(reference, samples.current.values(), samples.current.times(), policy);
                features.add(new FeatureReport(drift, reference.sorted(), current.values(), history));
                rows.add(DriftRow.of(drift, policy));
                if (samples.feature.equals(DriftKinds.LATENCY)) {
                    llm.add(dailyP95(samples, reference));
                }
            }
            progress.update(++done, byFeature.size());
        }
        features.sort(Comparator.comparing((FeatureReport f) -> f.drift().psi() == null ? -1 : f.drift().psi()).reversed());
        return new ModelReport(modelId, policy,
                windowStart == Long.MAX_VALUE ? null : Timestamps.format(Instant.ofEpochMilli(windowStart)),
                windowEnd == Long.MIN_VALUE ? null : Timestamps.format(Instant.ofEpochMilli(windowEnd)),
                List.copyOf(features), List.copyOf(rows), performance, List.copyOf(llm));
    }

    /**
     * Stores a report's results and raises a breach for each SEVERE one, in one transaction: a new incident (unless one
     * is already open for that model, feature and kind), an audit entry and an outbox event per new incident.
     */
    public List<Breach> store(ModelReport report, String actor) {
        return registry.write(store -> {
            String now = Timestamps.now(clock);
            // Drift results and alerts are observations any account may make; they enter the signed history only when the
            // actor can sign (docs/security.md): an unsigned entry would leave the chain's tail outside every signature.
            boolean attested = Signatures.canSign(store, actor);
            List<Breach> breaches = new ArrayList<>();
            for (DriftRow row : report.rows()) {
                long driftId = insertResult(store, report, row, now);
                if (row.severity().isBreach()) {
                    breaches.add(raise(store, report, row, driftId, attested ? actor : null, actor, now));
                }
            }
            if (attested && breaches.stream().anyMatch(Breach::newlyOpened)) {
                Signatures.seal(store, clock, actor);
            }
            return breaches;
        });
    }

    /** Computes and stores the drift of every version with samples (the {@code drift --all} job); returns the breaches. */
    public List<Breach> computeAndStoreAll(String actor) {
        List<Breach> breaches = new ArrayList<>();
        for (String modelId : modelsWithSamples()) {
            breaches.addAll(store(compute(modelId, Progress.NONE), actor));
        }
        return breaches;
    }

    /** Open incidents of a model version, newest first. */
    public List<Incident> openIncidents(String modelId) {
        return registry.read(store -> store.requests().openIncidents(modelId)).stream()
                .map(row -> new Incident(row.incidentId(), row.modelId(), row.feature(), row.driftKind(), row.metric(), row.value(),
                        row.threshold(), row.openedAt()))
                .toList();
    }

    /** An open drift incident. */
    public record Incident(long incidentId, String modelId, String feature, String driftKind, String metric, Double value,
                           Double threshold, String openedAt) {
    }

    private long insertResult(Store store, ModelReport report, DriftRow row, String now) {
        Map<String, Object> details = new TreeMap<>(row.details());
        details.put("metric", row.metric());
        details.put("value", row.value());
        details.put("threshold", row.threshold());
        return store.drift().addResult(new NewDriftResult(report.modelId(), row.feature(), row.kind(), row.psi(), row.ksStatistic(),
                row.ksPvalue(), row.nReference(), row.nCurrent(), row.nDropped(), row.severity().name(), report.windowStart(),
                report.windowEnd(), now, CanonicalJson.write(details), report.policy().name(), row.ksLocation()));
    }

    private Breach raise(Store store, ModelReport report, DriftRow row, long driftId, String attestedBy, String actor, String now) {
        var open = store.requests().openDriftIncident(report.modelId(), row.feature(), row.kind());
        if (open.isPresent()) {
            return new Breach(open.get(), report.modelId(), row, false);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("code", BREACH_CODE);
        payload.put("model_id", report.modelId());
        payload.put("feature", row.feature());
        payload.put("drift_kind", row.kind());
        payload.put("severity", row.severity().name());
        payload.put("metric", row.metric());
        payload.put("value", row.value());
        payload.put("threshold", row.threshold());
        payload.put("psi", row.psi());
        payload.put("ks_statistic", row.ksStatistic());
        payload.put("ks_pvalue", row.ksPvalue());
        payload.put("policy", report.policy().name());
        payload.put("window_start", report.windowStart());
        payload.put("window_end", report.windowEnd());
        payload.put("drift_id", driftId);
        long incidentId = store.requests().openDriftIncident(new NewDriftIncident(BREACH_CODE, report.modelId(), row.feature(), row.kind(),
                row.severity().name(), row.metric(), row.value(), row.threshold(), driftId, now, actor, CanonicalJson.write(payload)));
        payload.put("incident_id", incidentId);
        if (attestedBy != null) {
            store.audit().append(clock, attestedBy, "drift.breach", report.modelId(), payload);
        }
        store.events().append(clock, attestedBy, Outbox.DRIFT_ALERT, payload);
        return new Breach(incidentId, report.modelId(), row, true);
    }

    private PerformanceReport performance(Samples samples) {
        PerformanceDrift.Result result = PerformanceDrift.evaluate(samples.reference.values(), samples.current.values(), policy);
        long[] times = samples.current.times();
        long[] days = new long[result.currentSharpe().length];
        for (int i = 0; i < days.length; i++) {
            days[i] = times[i + policy.sharpeWindow() - 1];
        }
        return new PerformanceReport(result, days);
    }

    private DriftRow performanceRow(Samples samples, PerformanceDrift.Result result) {
        Map<String, Object> details = new TreeMap<>();
        details.put("reference_mean", finiteOrNull(result.referenceMean()));
        details.put("reference_sigma", finiteOrNull(result.referenceSigma()));
        details.put("upper", finiteOrNull(result.upper()));
        details.put("window", policy.sharpeWindow());
        return new DriftRow("rolling_sharpe", DriftKinds.PERFORMANCE, null, null, null, null, samples.reference.values().length,
                samples.current.values().length, 0, result.severity(), "rolling_sharpe", result.latest(), finiteOrNull(result.lower()),
                details);
    }

    private DriftRow rateRow(Samples samples, List<DailySeries> llm) {
        long[] baseline = LlmDrift.eventsAndTotal(samples.reference.values());
        long[] current = LlmDrift.eventsAndTotal(samples.current.values());
        LlmDrift.RateResult result = LlmDrift.rates(baseline[0], baseline[1], current[0], current[1], policy);
        llm.add(dailyRate(samples, result.baselineRate()));
        Map<String, Object> details = new TreeMap<>();
        details.put("baseline_rate", finiteOrNull(result.baselineRate()));
        details.put("current_rate", finiteOrNull(result.currentRate()));
        details.put("z", finiteOrNull(result.z()));
        details.put("p_value", finiteOrNull(result.pValue()));
        return new DriftRow(samples.feature, DriftKinds.LLM, null, null, null, null, baseline[1], current[1],
                samples.reference.values().length + samples.current.values().length - baseline[1] - current[1], result.severity(),
                "rate_delta", finiteOrNull(result.delta()), policy.rateMinDelta(), details);
    }

    private static DailySeries dailyRate(Samples samples, double baseline) {
        return daily(samples, samples.feature, baseline, values -> {
            long[] et = LlmDrift.eventsAndTotal(values);
            return et[1] == 0 ? Double.NaN : (double) et[0] / et[1];
        });
    }

    private static DailySeries dailyP95(Samples samples, ReferenceProfile reference) {
        return daily(samples, "llm_latency_p95", p95(reference.sorted()), values -> p95(ReferenceProfile.Finite.sorted(values).values()));
    }

    private static double p95(double[] sorted) {
        return sorted.length == 0 ? Double.NaN : Psi.quantileType7(sorted, 0.95, sorted.length);
    }

    private static DailySeries daily(Samples samples, String name, double baseline, java.util.function.ToDoubleFunction<double[]> statistic) {
        Map<Long, List<Double>> byDay = new TreeMap<>();
        double[] values = samples.current.values();
        long[] times = samples.current.times();
        for (int i = 0; i < values.length; i++) {
            long day = Instant.ofEpochMilli(times[i]).truncatedTo(ChronoUnit.DAYS).toEpochMilli();
            byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(values[i]);
        }
        long[] days = new long[byDay.size()];
        double[] stats = new double[byDay.size()];
        int i = 0;
        for (var entry : byDay.entrySet()) {
            days[i] = entry.getKey();
            stats[i++] = statistic.applyAsDouble(entry.getValue().stream().mapToDouble(Double::doubleValue).toArray());
        }
        return new DailySeries(name, days, stats, baseline);
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** A growable sample with observation times. */
    private static final class Series {
        private double[] values = new double[256];
        private long[] times = new long[256];
        private int size;

        void add(double value, long time) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                times = Arrays.copyOf(times, size * 2);
            }
            values[size] = value;
            times[size++] = time;
        }

        double[] values() {
            return Arrays.copyOf(values, size);
        }

        long[] times() {
            return Arrays.copyOf(times, size);
        }
    }

    private static final class Samples {
        final String feature;
        final Series reference = new Series();
        final Series current = new Series();
        final Map<String, Long> referenceCategories = new TreeMap<>();
        final Map<String, Long> currentCategories = new TreeMap<>();

        Samples(String feature) {
            this.feature = feature;
        }
    }

    private Map<String, Samples> load(String modelId) {
        return registry.read(store -> {
            Map<String, Samples> byFeature = new LinkedHashMap<>();
            store.drift().samplesOf(modelId, (feature, role, value, category, observedAt) -> {
                Samples samples = byFeature.computeIfAbsent(feature, Samples::new);
                boolean reference = "REFERENCE".equals(role);
                boolean missing = value == null;
                if (missing && category != null) {
                    (reference ? samples.referenceCategories : samples.currentCategories).merge(category, 1L, Long::sum);
                } else {
                    // a NULL value without a category is a missing measurement: kept as NaN so it is dropped and counted
                    (reference ? samples.reference : samples.current).add(missing ? Double.NaN : value,
                            Timestamps.parse(observedAt).toEpochMilli());
                }
            });
            return byFeature;
        });
    }
}
