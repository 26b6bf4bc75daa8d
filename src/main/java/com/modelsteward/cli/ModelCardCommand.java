package com.modelsteward.cli;

import com.modelsteward.app.RegistryServices;
import com.modelsteward.lineage.ArtifactVerifier;
import com.modelsteward.lineage.LineageService;
import com.modelsteward.modelcard.ModelCard;
import com.modelsteward.modelcard.ModelCardWriter;
import com.modelsteward.registry.Registry;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code model-card --model ID --out FILE [--artifact-root DIR]}: the audit dossier of a version as self-contained HTML,
 * or PDF for *.pdf. The artifact is re-hashed only within the artifact root (lineage.ArtifactVerifier).
 */
@Command(name = "model-card", mixinStandardHelpOptions = true,
        description = "write the model card / audit dossier of --model ID to --out FILE (.html or .pdf); artifacts are read only under "
                + "--artifact-root DIR (default: the registry's folder)")
final class ModelCardCommand implements CliCommand {

    @Option(names = "--model", required = true, paramLabel = "ID", converter = Converters.Text.class, description = "the version, e.g. momentum_xgb-3.1.0")
    private String modelId;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the file to write: .html (self-contained) or .pdf")
    private Path out;

    @Option(names = "--artifact-root", paramLabel = "DIR", description = "re-hash the version's artifact only under this folder")
    private String artifactRoot;

    @Mixin
    private SharedOptions shared;

    /** It reads and checks; it signs nothing. */
    @Override
    public boolean maySign() {
        return false;
    }

    @Override
    public int run(CliContext context) {
        if (!ModelCardWriter.supports(out)) {
            throw new CliException("E_USAGE", "--out must end in .html or .pdf, not \"" + out.getFileName() + "\"");
        }
        try (Registry registry = context.openRegistry(shared)) {
            Map<String, String> environment = context.environment().asMap();
            RegistryServices services = context.services(registry);
            LineageService service = services.lineage();
            ArtifactVerifier.ArtifactRoot root = ArtifactVerifier.ArtifactRoot.of(registry.location(), java.util.Optional.ofNullable(artifactRoot), environment,
                    com.modelsteward.config.AppSettings.load().get(ArtifactVerifier.ROOT_SETTING));
            ModelCard card = ModelCard.gather(service, modelId, services.metricRules(), context.clock(), context.user(),
                    root, (done, total) -> { }, () -> false);
            ModelCardWriter.write(card, out);
            if (shared.json()) {
                context.printJson(Map.of("model_id", modelId, "file", out.toAbsolutePath().toString(), "lineage_complete", card.check().complete(),
                        "audit_chain_ok", card.auditChain().ok(), "artifact", card.artifact().status().name()));
            } else {
                context.out().println("Wrote the model card of " + modelId + " to " + out.toAbsolutePath());
                context.out().println(card.check().complete() ? "  ✓ auditable lineage complete"
                        : "  ✗ auditable lineage incomplete (" + card.check().missing().size() + " requirement(s) missing; see the card)");
            }
            return 0;
        }
    }
}
