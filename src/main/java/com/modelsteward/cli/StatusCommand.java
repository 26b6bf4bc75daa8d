package com.modelsteward.cli;

import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.StateCount;
import com.modelsteward.registry.TransitionRequestRow;
import com.modelsteward.trust.SignedHistory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code status [--model ID]}: versions per state and the ACTIVE version of each name, or one version in full. What it
 * shows is checked first, so that a script reading the live versions from it never takes a hand-made state for a
 * governed one: the file's triggers against the schema's (one dropped, altered or added means the store's own refusals
 * were off), and the rows shown — the live versions, the pointers, the versions with a pending request, or the one
 * version — against their entries in the signed history ({@link SignedHistory#checkShown}). Problems are listed under
 * the rows and the command exits 1 ({@code E_REGISTRY_TAMPERED}). Rows it does not show are {@code audit verify}'s.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "versions per state and every live version of the policy; --model ID shows one version")
final class StatusCommand implements CliCommand {

    @Option(names = "--model", paramLabel = "ID", description = "show this version in full, e.g. momentum_xgb-3.1.0")
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
            ModelCatalog catalog = new ModelCatalog(registry);
            List<String> triggerProblems = registry.read(store -> store.meta().triggerProblems());
            if (model != null) {
                ModelVersion version = catalog.version(model)
                        .orElseThrow(() -> new CliException("E_NOT_FOUND", "no model version with id \"" + model + "\""));
                List<String> historyProblems = historyProblems(registry, Set.of(version.modelId()), Set.of(version.modelName()));
                if (shared.json()) {
                    Map<String, Object> json = context.jsonFields(version);
                    json.put("trigger_problems", triggerProblems);
                    json.put("history_problems", historyProblems);
                    context.printJson(json);
                } else {
                    showVersion(catalog, version, context);
                }
                return tampered(registry, triggerProblems, historyProblems, context);
            }
            List<StateCount> counts = catalog.countsByState();
            String live = CommandSupport.policy(registry, context).liveState();
            List<ModelSummary> active = catalog.versionsInState(live);
            List<TransitionRequestRow> pending = catalog.requests(Optional.of("PENDING"));
            Set<String> shown = new HashSet<>();
            active.forEach(v -> shown.add(v.modelId()));
            pending.forEach(r -> shown.add(r.modelId()));
            List<String> historyProblems = historyProblems(registry, shown, Set.copyOf(catalog.modelNames()));
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
                json.put("pending_requests", pending.size());
                json.put("last_known_good", lastKnownGood(registry));
                json.put("trigger_problems", triggerProblems);
                json.put("history_problems", historyProblems);
                context.printJson(json);
                return tampered(registry, triggerProblems, historyProblems, context);
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
            context.out().println("Pending requests: " + pending.size());
            pending.forEach(r -> context.out().printf("  %-11s %-32s %s -> %-8s by %-14s gates %s%n", r.requestId(), r.modelId(), r.fromState(),
                    r.toState(), r.requestedBy(), r.gatePassed() == null ? "-" : r.gatePassed() ? "passed" : "FAILED"));
            return tampered(registry, triggerProblems, historyProblems, context);
        }
    }

    /**
     * The shown rows that disagree with the signed history, as sentences. None for a registry of a newer schema than this
     * app's: its rows and entries are the newer app's to judge.
     */
    private static List<String> historyProblems(Registry registry, Set<String> modelIds, Set<String> names) {
        if (registry.schemaVersion() > Registry.latestSchemaVersion()) {
            return List.of();
        }
        SignedHistory.Report report = registry.read(store -> SignedHistory.checkShown(store, modelIds, names));
        return report.rowFindings().stream().map(SignedHistory.Finding::sentence).toList();
    }

    /** 0, or the problems listed under the text (JSON carries them itself) and E_REGISTRY_TAMPERED thrown. */
    private int tampered(Registry registry, List<String> triggerProblems, List<String> historyProblems, CliContext context) {
        if (triggerProblems.isEmpty() && historyProblems.isEmpty()) {
            return 0;
        }
        if (!shared.json()) {
            if (!triggerProblems.isEmpty()) {
                context.out().println("Tampered: the registry's triggers are not the schema's, so its own refusals were off:");
                triggerProblems.forEach(problem -> context.out().println("  ✖ " + problem));
            }
            if (!historyProblems.isEmpty()) {
                context.out().println("Tampered: rows shown above disagree with the signed history:");
                historyProblems.forEach(problem -> context.out().println("  ✖ " + problem));
            }
        }
        List<String> all = new ArrayList<>(triggerProblems);
        all.addAll(historyProblems);
        throw new CliException("E_REGISTRY_TAMPERED", registry.location() + ": " + all.getFirst()
                + (all.size() > 1 ? " (and " + (all.size() - 1) + " more)" : "")
                + "; the rows status shows may not be what governed decisions left: run `audit verify`");
    }

    private static void showVersion(ModelCatalog catalog, ModelVersion version, CliContext context) {
        String modelId = version.modelId();
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
