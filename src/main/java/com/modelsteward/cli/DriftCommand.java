package com.modelsteward.cli;

import com.modelsteward.drift.DriftEngine;
import com.modelsteward.drift.DriftKinds;
import com.modelsteward.drift.DriftMonitor;
import com.modelsteward.drift.DriftPolicy;
import com.modelsteward.drift.DriftRow;
import com.modelsteward.drift.FeatureDrift;
import com.modelsteward.drift.Psi;
import com.modelsteward.drift.SampleFiles;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code drift --reference a.csv --current b.csv [--bins B] [--policy P] [--json]} compares two samples files, CSV or
 * Parquet (either, by content);
 * {@code drift --db PATH --model ID | --all} computes from the registry's drift samples, stores the results and raises
 * breaches (docs/drift.md).
 */
final class DriftCommand implements Command {

    @Override
    public String name() {
        return "drift";
    }

    @Override
    public String summary() {
        return "PSI/KS drift: --reference a.csv --current b.csv, or --model ID / --all to compute and store from the registry";
    }

    /** Only the registry forms store results and open incidents; comparing two CSV files signs nothing. */
    @Override
    public boolean maySign(Args args) {
        return args.option("model").isPresent() || args.flag("all");
    }

    @Override
    public int run(Args args, CliContext context) {
        args.allowOnly(Set.of("reference", "current", "bins", "policy", "model", "all"));
        DriftPolicy policy = DriftPolicy.resolve(args.option("policy").orElse("default")).withEnvironment(context.environment().asMap());
        if (args.option("bins").isPresent()) {
            int bins = args.intOption("bins", policy.bins());
            if (bins < 2 || bins > Psi.MAX_BINS) {
                throw new CliException("E_USAGE", "--bins must be from 2 to " + Psi.MAX_BINS + ", not " + bins);
            }
            policy = policy.withBins(bins);
        }
        boolean csv = args.option("reference").isPresent() || args.option("current").isPresent();
        boolean db = args.option("model").isPresent() || args.flag("all");
        if (csv == db) {
            throw new CliException("E_USAGE", "give either --reference and --current (CSV files) or --model ID / --all (with --db)");
        }
        return csv ? compareFiles(args, context, policy) : computeStored(args, context, policy);
    }

    private static int compareFiles(Args args, CliContext context, DriftPolicy policy) {
        Path referenceFile = args.requiredPath("reference");
        Path currentFile = args.requiredPath("current");
        Map<String, double[]> reference = SampleFiles.read(referenceFile);
        Map<String, double[]> current = SampleFiles.read(currentFile);
        SampleFiles.requireSameFeatures(referenceFile, reference, currentFile, current);
        // The columns are this command's to give up: compared in place, a feature per core, in header order.
        List<FeatureDrift> results = List.copyOf(reference.keySet()).parallelStream()
                .map(feature -> DriftEngine.compareInPlace(feature, DriftKinds.of(feature), reference.get(feature), current.get(feature), policy))
                .toList();
        if (args.flag("json")) {
            context.printJson(Map.of("features", results.stream().map(DriftCommand::json).toList()));
            return 0;
        }
        context.out().printf("Drift of %s against %s (policy %s: PSI %.2f / %.2f, %d bins)%n", currentFile, referenceFile, policy.name(),
                policy.moderatePsi(), policy.severePsi(), policy.bins());
        printTable(context, results.stream().map(f -> new Object[] {f.feature(), f.nReference(), f.nCurrent(), f.nDropped(),
                f.psi(), f.ksStatistic(), f.ksPvalue(), f.severity().label()}).toList());
        return 0;
    }

    private static int computeStored(Args args, CliContext context, DriftPolicy policy) {
        try (Registry registry = context.openRegistry(args)) {
            DriftMonitor monitor = new DriftMonitor(registry, context.clock(), policy);
            List<String> models;
            if (args.flag("all")) {
                models = monitor.modelsWithSamples();
            } else {
                String modelId = args.required("model");
                if (new ModelCatalog(registry).version(modelId).isEmpty()) {
                    throw new CliException("E_NOT_FOUND", "no model version with id \"" + modelId + "\" in " + registry.location());
                }
                models = List.of(modelId);
            }
            List<Map<String, Object>> json = new ArrayList<>();
            for (String modelId : models) {
                DriftMonitor.ModelReport report = monitor.compute(modelId, DriftMonitor.Progress.NONE);
                List<DriftMonitor.Breach> breaches = registry.isReadOnly() ? List.of() : monitor.store(report, context.user());
                if (args.flag("json")) {
                    Map<String, Object> model = new LinkedHashMap<>();
                    model.put("model_id", modelId);
                    model.put("window_start", report.windowStart());
                    model.put("window_end", report.windowEnd());
                    model.put("features", report.rows().stream().map(DriftCommand::json).toList());
                    model.put("incidents_opened", breaches.stream().filter(DriftMonitor.Breach::newlyOpened)
                            .map(DriftMonitor.Breach::incidentId).toList());
                    json.add(model);
                    continue;
                }
                context.out().printf("%s  (current window %s … %s, policy %s)%n", modelId, report.windowStart(), report.windowEnd(),
                        policy.name());
                printTable(context, report.rows().stream().map(r -> new Object[] {r.feature(), r.nReference(), r.nCurrent(),
                        r.nDropped(), r.psi(), r.ksStatistic(), r.ksPvalue(), r.severity().label()}).toList());
                for (DriftMonitor.Breach breach : breaches) {
                    context.out().printf("  %s: %s %s of %s — incident %d %s%n", DriftMonitor.BREACH_CODE, breach.row().feature(),
                            breach.row().metric(), format(breach.row().value()), breach.incidentId(),
                            breach.newlyOpened() ? "opened" : "already open");
                }
            }
            if (args.flag("json")) {
                context.printJson(Map.of("models", json));
            } else if (registry.isReadOnly()) {
                context.out().println("The registry is read-only: results were computed but not stored.");
            }
            return 0;
        }
    }

    private static Map<String, Object> json(FeatureDrift f) {
        return row(f.feature(), f.nReference(), f.nCurrent(), f.nDropped(), f.psi(), f.ksStatistic(), f.ksPvalue(), f.severity().name());
    }

    private static Map<String, Object> json(DriftRow r) {
        return row(r.feature(), r.nReference(), r.nCurrent(), r.nDropped(), r.psi(), r.ksStatistic(), r.ksPvalue(), r.severity().name());
    }

    private static Map<String, Object> row(String feature, long nRef, long nCur, long dropped, Double psi, Double d, Double p, String severity) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("feature", feature);
        row.put("n_reference", nRef);
        row.put("n_current", nCur);
        row.put("n_dropped", dropped);
        row.put("psi", psi);
        row.put("ks_statistic", d);
        row.put("ks_pvalue", p);
        row.put("severity", severity);
        return row;
    }

    private static void printTable(CliContext context, List<Object[]> rows) {
        context.out().printf("  %-22s %10s %10s %8s %9s %9s %11s  %s%n", "feature", "n_ref", "n_cur", "dropped", "PSI", "KS D", "p-value",
                "severity");
        for (Object[] r : rows) {
            context.out().printf("  %-22s %10d %10d %8d %9s %9s %11s  %s%n", r[0], r[1], r[2], r[3], format((Double) r[4]),
                    format((Double) r[5]), r[6] == null ? "-" : String.format(Locale.ROOT, "%.3g", (Double) r[6]), r[7]);
        }
    }

    private static String format(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }
}
