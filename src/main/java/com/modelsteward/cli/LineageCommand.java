package com.modelsteward.cli;

import com.modelsteward.lineage.LineageService;
import com.modelsteward.registry.Registry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lineage [--model ID] [--json]}: the chain of a version back to its training data and evaluation results, and
 * the auditable-lineage check; without --model, the check of every ACTIVE version. Exit 1 when any is incomplete.
 */
@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = "lineage chain and auditable-lineage check of --model ID (default: every live version of the policy); exit 1 if incomplete")
final class LineageCommand implements CliCommand {

    @Option(names = "--model", paramLabel = "ID", description = "one version, e.g. momentum_xgb-3.1.0 (default: every live version)")
    private String model;

    @Mixin
    private SharedOptions shared;

    /** It reads and checks; it signs nothing. */
    @Override
    public boolean maySign() {
        return false;
    }

    @Override
    public int run(CliContext context) {
        try (Registry registry = context.openRegistry(shared)) {
            LineageService service = context.services(registry).lineage();
            // A named version is read before anything is printed, so an unknown id leaves stdout empty.
            LineageService.VersionLineage named = model == null ? null : service.lineageOf(model);
            List<String> ids = named != null ? List.of() : service.liveVersionIds();
            List<String> incomplete = new ArrayList<>();
            Set<String> problems = new LinkedHashSet<>();
            try (LineageOutput output = shared.json() ? LineageOutput.json(context) : LineageOutput.text(context)) {
                java.util.function.Consumer<LineageService.VersionLineage> report = lineage -> {
                    if (!lineage.check().complete()) {
                        incomplete.add(lineage.check().modelId());
                    }
                    problems.addAll(lineage.line().problems());
                    output.version(lineage.check(), lineage.line().chain());
                };
                if (named != null) {
                    report.accept(named);
                } else {
                    LineageOutput.Progress progress = new LineageOutput.Progress(context, ids.size());
                    service.eachLineage(ids, report.andThen(lineage -> progress.step()));
                }
                output.end(incomplete.isEmpty(), List.copyOf(problems));
            }
            if (!shared.json() && named == null && ids.isEmpty()) {
                context.out().println("No " + service.policy().liveState() + " version in " + registry.location());
            }
            if (!incomplete.isEmpty()) {
                context.err().println("E_LINEAGE_INCOMPLETE: the lineage of " + String.join(", ", incomplete) + " is not auditable (see above)");
                return 1;
            }
            return 0;
        }
    }
}
