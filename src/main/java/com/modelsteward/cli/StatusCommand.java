package com.modelsteward.cli;

import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.StateCount;
import com.modelsteward.registry.TransitionRequestRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code status [--model ID]}: versions per state and the ACTIVE version of each name, or one version in full. The
 * summary also compares the file's triggers with the schema's: when one was dropped, altered or added, the store's own
 * refusals were off and the rows shown may not be what governed decisions left, so the problems are listed and the
 * command exits 1 ({@code E_REGISTRY_TAMPERED}) — a script reading the live versions from it stops there. It is the
 * check that costs nothing at any size; the rows themselves against the signed history are {@code audit verify}'s.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "versions per state and every live version of the policy; --model ID shows one version")
final class StatusCommand implements CliCommand {

    @Option(names = "--model", paramLabel = "ID", description = "show this version in full, e.g. momentum_xgb-3.1.0")
    private String model;

    @Mixin
    private SharedOptions shared;

    @Override
    public int run(CliContext context) {
        try (Registry registry = context.openRegistry(shared)) {
            ModelCatalog catalog = new ModelCatalog(registry);
            List<String> triggerProblems = registry.read(store -> store.meta().triggerProblems());
            if (model != null) {
                showVersion(catalog, model, context);
                return tampered(registry, triggerProblems, context);
            }
            List<StateCount> counts = catalog.countsByState();
            String live = CommandSupport.policy(registry, context).liveState();
            List<ModelSummary> active = catalog.versionsInState(live);
            if (shared.json()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("db", registry.location().toString());
                json.put("engine", registry.engine().name());
                registry.authenticatedUser().ifPresent(login -> json.put("logged_in_as", login));
                json.put("schema_version", registry.schemaVersion());
                json.put("read_only", registry.isReadOnly());
                Map<String, Long> byState = new LinkedHashMap<>();
                counts.forEach(c -> byState.put(c.state(), c.count()));
                json.put("versions_by_state", byState);
                json.put("active", active.stream().map(v -> Map.of("model_name", v.modelName(), "model_id", v.modelId(),
                        "version", v.version())).toList());
                json.put("pending_requests", catalog.pendingRequestCount());
                json.put("last_known_good", lastKnownGood(registry));
                json.put("trigger_problems", triggerProblems);
                context.printJson(json);
                return tampered(registry, triggerProblems, context);
            }
            context.out().println("Registry " + registry.location() + " (" + registry.engine().name() + ", schema version "
                    + registry.schemaVersion() + ")" + registry.readOnlyReason().map(r -> " — read-only: " + r).orElse(""));
            registry.authenticatedUser().ifPresent(login -> context.out().println("Logged in as " + login + " (the server checks who you are)"));
            counts.forEach(c -> context.out().printf("  %-10s %6d%n", c.state(), c.count()));
            context.out().println(live + " versions:");
            if (active.isEmpty()) {
                context.out().println("  (none)");
            }
            Map<String, String> lastKnownGood = lastKnownGood(registry);
            active.forEach(v -> context.out().printf("  %-28s %-10s %-34s last-known-good %s%n", v.modelName(), v.version(), v.modelId(),
                    lastKnownGood.getOrDefault(v.modelName(), "-")));
            List<TransitionRequestRow> pending = catalog.requests(Optional.of("PENDING"));
            context.out().println("Pending requests: " + pending.size());
            pending.forEach(r -> context.out().printf("  %-11s %-32s %s -> %-8s by %-14s gates %s%n", r.requestId(), r.modelId(), r.fromState(),
                    r.toState(), r.requestedBy(), r.gatePassed() == null ? "-" : r.gatePassed() ? "passed" : "FAILED"));
            return tampered(registry, triggerProblems, context);
        }
    }

    /** 0, or the trigger problems listed under the text (JSON carries them itself) and E_REGISTRY_TAMPERED thrown. */
    private int tampered(Registry registry, List<String> triggerProblems, CliContext context) {
        if (triggerProblems.isEmpty()) {
            return 0;
        }
        if (!shared.json()) {
            context.out().println("Tampered: the registry's triggers are not the schema's, so its own refusals were off:");
            triggerProblems.forEach(problem -> context.out().println("  ✖ " + problem));
        }
        throw new CliException("E_REGISTRY_TAMPERED", registry.location() + ": " + triggerProblems.getFirst()
                + (triggerProblems.size() > 1 ? " (and " + (triggerProblems.size() - 1) + " more)" : "")
                + "; the rows status shows may not be what governed decisions left: run `audit verify`");
    }

    private void showVersion(ModelCatalog catalog, String modelId, CliContext context) {
        ModelVersion version = catalog.version(modelId)
                .orElseThrow(() -> new CliException("E_NOT_FOUND", "no model version with id \"" + modelId + "\""));
        if (shared.json()) {
            context.printJson(version);
            return;
        }
        context.out().printf("%s  %s %s  [%s]%n", version.modelId(), version.modelName(), version.version(), version.state());
        context.out().println("  type                 " + version.modelType());
        context.out().println("  parent               " + (version.parentId() == null ? "-" : version.parentId()));
        context.out().println("  created              " + version.createdAt() + " by " + version.createdBy());
        context.out().println("  training config hash " + version.trainingConfigHash());
        context.out().println("  data snapshot        " + version.dataSnapshotRef() + " (" + version.dataSnapshotHash() + ")");
        context.out().println("  feature graph hash   " + version.featureGraphHash());
        context.out().println("  code commit          " + version.codeCommit());
        context.out().println("  path                 " + version.pathRef());
        catalog.scorecards(modelId).forEach(s -> context.out().printf("  %-16s %-20s %s%n", s.packId(), s.metric(),
                s.value() == null ? "missing" : s.value()));
        catalog.requests(Optional.empty()).stream().filter(r -> r.modelId().equals(modelId)).forEach(r -> context.out().printf(
                "  request %-11s %s -> %-8s %-9s by %s%n", r.requestId(), r.fromState(), r.toState(), r.status(), r.requestedBy()));
    }

    /** model name → its last-known-good version (schema V002's active_pointer). */
    private static Map<String, String> lastKnownGood(Registry registry) {
        return registry.read(store -> store.versions().lastKnownGoodByName());
    }
}
