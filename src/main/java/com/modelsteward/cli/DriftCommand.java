package com.modelsteward.cli;

import com.modelsteward.drift.DriftEngine;
import com.modelsteward.drift.DriftKinds;
import com.modelsteward.drift.DriftMonitor;
import com.modelsteward.drift.DriftPolicy;
import com.modelsteward.drift.DriftRow;
import com.modelsteward.drift.FeatureDrift;
import com.modelsteward.drift.SampleFiles;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drift --reference a.csv --current b.csv [--bins B] [--policy P] [--json]} compares two samples files, CSV or
 * Parquet (either, by content);
 * {@code drift --db PATH --model ID | --all} computes from the registry's drift samples, stores the results and raises
 * breaches (docs/drift.md).
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "PSI/KS drift: --reference a.csv --current b.csv, or --model ID / --all to compute and store from the registry")
final class DriftCommand implements CliCommand {

    @Option(names = "--reference", paramLabel = "FILE", description = "the reference window: a CSV file (a header of feature names, one row per sample) or a Parquet file (a column per feature)")
    private Path referenceFile;

    @Option(names = "--current", paramLabel = "FILE", description = "the current window, CSV or Parquet, with the same features")
    private Path currentFile;

    @Option(names = "--model", paramLabel = "ID", converter = Converters.Text.class,
            description = "compute, store and alert from this version's drift samples in the registry")
    private String model;

    @Option(names = "--all", description = "the same for every version that has drift samples")
    private boolean all;

    @Option(names = "--bins", paramLabel = "B", converter = Converters.Bins.class, description = "PSI bins, 2 to 10000 (default: the policy's)")
    private Integer bins;

    @Option(names = "--policy", paramLabel = "P", description = "the drift policy's name or YAML file (default: default; docs/drift.md)")
    private String policyName = "default";

    @Mixin
    private SharedOptions shared;

    /** Only the registry forms store results and open incidents; comparing two samples files signs nothing. */
    @Override
    public boolean maySign() {
        return model != null || all;
    }

    @Override
    public int run(CliContext context) {
        DriftPolicy policy = DriftPolicy.resolve(policyName).withEnvironment(context.environment().asMap());
        if (bins != null) {
            policy = policy.withBins(bins);
        }
        boolean csv = referenceFile != null || currentFile != null;
        boolean db = model != null || all;
        if (csv == db) {
            throw new CliException("E_USAGE", "give either --reference and --current (CSV or Parquet files) or --model ID / --all (with --db)");
        }
        return csv ? compareFiles(context, policy) : computeStored(context, policy);
    }

    private int compareFiles(CliContext context, DriftPolicy policy) {
        if (referenceFile == null || currentFile == null) {
            throw new CliException("E_USAGE", (referenceFile == null ? "--reference" : "--current") + " is required");
        }
        Map<String, double[]> reference = SampleFiles.read(referenceFile);
        Map<String, double[]> current = SampleFiles.read(currentFile);
        SampleFiles.requireSameFeatures(referenceFile, reference, currentFile, current);
        // The columns are this command's to give up: compared in place, a feature per core, in header order.
        List<FeatureDrift> results = List.copyOf(reference.keySet()).parallelStream()
                .map(feature -> DriftEngine.compareInPlace(feature, DriftKinds.of(feature), reference.get(feature), current.get(feature), policy))
                .toList();
        if (shared.json()) {
            context.printJson(Map.of("features", results.stream().map(DriftCommand::json).toList()));
            return 0;
        }
        context.out().printf("Drift of %s against %s (policy %s: PSI %.2f / %.2f, %d bins)%n", currentFile, referenceFile, policy.name(),
                policy.moderatePsi(), policy.severePsi(), policy.bins());
        printTable(context, results.stream().map(f -> new Object[] {f.feature(), f.nReference(), f.nCurrent(), f.nDropped(),
                f.psi(), f.ksStatistic(), f.ksPvalue(), f.severity().label()}).toList());
        return 0;
    }

    private int computeStored(CliContext context, DriftPolicy policy) {
        try (Registry registry = context.openRegistry(shared)) {
            DriftMonitor monitor = new DriftMonitor(registry, context.clock(), policy);
            List<String> models;
            if (all) {
                models = monitor.modelsWithSamples();
            } else {
                String modelId = model;
                if (new ModelCatalog(registry).version(modelId).isEmpty()) {
                    throw new CliException("E_NOT_FOUND", "no model version with id \"" + modelId + "\" in " + registry.location());
                }
                models = List.of(modelId);
            }
            List<Map<String, Object>> json = new ArrayList<>();
            for (String modelId : models) {
                DriftMonitor.ModelReport report = monitor.compute(modelId, DriftMonitor.Progress.NONE);
                List<DriftMonitor.Breach> breaches = registry.isReadOnly() ? List.of() : monitor.store(report, context.user());
                if (shared.json()) {
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
            if (shared.json()) {
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
