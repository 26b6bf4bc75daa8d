package com.modelsteward.cli;

import com.modelsteward.lineage.LineageCheck;
import com.modelsteward.lineage.LineageService;
import com.modelsteward.lineage.LineageTree;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Registry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Override
    public int run(CliContext context) {
        try (Registry registry = context.openRegistry(shared)) {
            LineageService service = context.services(registry).lineage();
            LineageTree tree = service.tree();
            List<String> ids = model != null ? List.of(model) : tree.groups().stream()
                    .flatMap(g -> g.active().stream()).map(ModelSummary::modelId).toList();
            if (model != null) {
                service.version(ids.getFirst());
            }
            List<Map<String, Object>> reports = new ArrayList<>();
            List<String> incomplete = new ArrayList<>();
            Map<String, LineageCheck> checks = service.checks(ids);
            for (String id : ids) {
                LineageCheck check = checks.get(id);
                if (!check.complete()) {
                    incomplete.add(id);
                }
                List<ModelVersion> chain = tree.chain(id).stream().map(link -> service.version(link.modelId())).toList();
                if (shared.json()) {
                    reports.add(json(check, chain));
                } else {
                    print(context, check, chain);
                }
            }
            if (shared.json()) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("complete", incomplete.isEmpty());
                out.put("versions", reports);
                out.put("lineage_problems", tree.problems());
                context.printJson(out);
            } else {
                tree.problems().forEach(problem -> context.out().println("warning: " + problem));
                if (ids.isEmpty()) {
                    context.out().println("No " + tree.liveState() + " version in " + registry.location());
                }
            }
            if (!incomplete.isEmpty()) {
                context.err().println("E_LINEAGE_INCOMPLETE: the lineage of " + String.join(", ", incomplete) + " is not auditable (see above)");
                return 1;
            }
            return 0;
        }
    }

    private static void print(CliContext context, LineageCheck check, List<ModelVersion> chain) {
        ModelVersion version = chain.getFirst();
        context.out().printf("%s  %s %s  [%s]%n", version.modelId(), version.modelName(), version.version(), version.state());
        context.out().println("  chain:");
        for (ModelVersion link : chain) {
            context.out().printf("    %-34s %-10s config %s  data %s (%s)  commit %s%n", link.modelId(), link.state(),
                    shortHash(link.trainingConfigHash()), link.dataSnapshotRef(), shortHash(link.dataSnapshotHash()), shortHash(link.codeCommit()));
        }
        context.out().println(check.complete() ? "  ✓ auditable lineage complete" : "  ✗ auditable lineage incomplete:");
        for (LineageCheck.Item item : check.items()) {
            context.out().printf("    %s %s — %s%n", item.ok() ? "✓" : "✗", item.requirement(), item.detail());
        }
    }

    private static Map<String, Object> json(LineageCheck check, List<ModelVersion> chain) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model_id", check.modelId());
        out.put("state", check.state());
        out.put("complete", check.complete());
        out.put("checks", check.items().stream().map(item -> Map.of("requirement", item.requirement(), "ok", item.ok(), "detail", item.detail())).toList());
        out.put("missing", check.missing().stream().map(LineageCheck.Item::requirement).toList());
        out.put("chain", chain.stream().map(link -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model_id", link.modelId());
            row.put("state", link.state());
            row.put("parent_id", link.parentId());
            row.put("training_config_hash", link.trainingConfigHash());
            row.put("data_snapshot_ref", link.dataSnapshotRef());
            row.put("data_snapshot_hash", link.dataSnapshotHash());
            row.put("feature_graph_hash", link.featureGraphHash());
            row.put("code_commit", link.codeCommit());
            return row;
        }).toList());
        return out;
    }

    private static String shortHash(String hash) {
        return hash == null ? "—" : hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
    }
}
