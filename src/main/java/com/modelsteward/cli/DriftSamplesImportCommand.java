package com.modelsteward.cli;

import com.modelsteward.drift.DriftSampleImport;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Role;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.Timestamps;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code drift-samples import --model ID --role REFERENCE|CURRENT --file F [--observed-at ISO]}: one samples file, CSV or
 * Parquet as {@code drift --reference} reads it, into {@code drift_samples}, all rows or none, once per file
 * ({@link DriftSampleImport}), by an ANALYST.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "import a samples file (CSV or Parquet, a column per feature) into drift_samples for one version and role; all rows or none")
final class DriftSamplesImportCommand implements CliCommand {

    @Option(names = "--model", required = true, paramLabel = "ID", converter = Converters.Text.class, description = "the model version the samples belong to")
    private String model;

    @Option(names = "--role", required = true, paramLabel = "ROLE", converter = Converters.Text.class,
            description = "REFERENCE (the baseline window) or CURRENT (live)")
    private String role;

    @Option(names = "--file", required = true, paramLabel = "FILE",
            description = "the samples: a CSV file (a header of feature names, one row per sample) or a Parquet file (a column per feature)")
    private Path file;

    @Option(names = "--observed-at", paramLabel = "ISO-TIME", converter = Converters.Text.class,
            description = "when the samples were observed, e.g. 2026-12-05T06:00:00Z (default: now)")
    private String observedAt;

    @Mixin
    private SharedOptions shared;

    @Mixin
    private ActingOptions acting;

    @Override
    public int run(CliContext context) {
        String roleName = role.strip().toUpperCase(Locale.ROOT);
        if (!"REFERENCE".equals(roleName) && !"CURRENT".equals(roleName)) {
            throw new CliException("E_USAGE", "--role must be REFERENCE or CURRENT, not \"" + role + "\"");
        }
        String at;
        try {
            at = observedAt == null ? Timestamps.now(context.clock()) : Timestamps.format(Timestamps.parse(observedAt));
        } catch (DateTimeException notATime) {
            throw new CliException("E_USAGE", "--observed-at \"" + observedAt + "\" is not an ISO time such as 2026-12-05T06:00:00Z");
        }
        try (Registry registry = context.openRegistry(shared)) {
            Identity who = CommandSupport.identity(registry, acting, context);
            who.require(Role.ANALYST, "importing drift samples");
            DriftSampleImport.Result result = DriftSampleImport.importFile(registry, file, model, roleName, at, context.clock(), who.user());
            if (shared.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("model_id", result.modelId());
                json.put("role", result.role());
                json.put("rows", result.rows());
                json.put("features", result.features());
                json.put("observed_at", result.observedAt());
                json.put("file_sha256", result.fileSha256());
                context.printJson(json);
            } else {
                context.out().printf(Locale.ROOT, "Imported %,d %s sample(s) of %d feature(s) for %s from %s (observed at %s)%n", result.rows(),
                        result.role(), result.features(), result.modelId(), file, result.observedAt());
            }
            return 0;
        }
    }
}
