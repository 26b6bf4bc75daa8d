package com.modelsteward.app;

import com.modelsteward.governance.Identity;
import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.governance.RuleChanges;
import com.modelsteward.lineage.LineageCheck;
import com.modelsteward.policy.Policy;
import com.modelsteward.registry.DriftResultRow;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What needs one person now, the Overview's "Needs your attention": the requests they may decide, live versions with
 * SEVERE drift, shadows whose shadow period has elapsed and live versions whose lineage check fails. Each item names
 * the thing it is about, so that the console can open its page with it selected. Reads the registry: never call it on
 * the FX thread.
 */
public final class AttentionInbox {

    /** Why an item is in the inbox; it decides which page opens it. */
    public enum Kind {
        /**
         * A PENDING request the person may approve or reject, or a PENDING rule change (a second ADMIN decides);
         * {@code subject} is the request id or the rule change's id ({@code RC-…}).
         */
        DECIDE,
        /** A live version whose latest drift is SEVERE for some feature; {@code subject} is the version. */
        SEVERE_DRIFT,
        /** A version that has been in its shadow state for the policy's period, with no request yet; the version. */
        SHADOW_ELAPSED,
        /** A live version whose auditable-lineage check fails; the version. */
        LINEAGE_FAILED
    }

    /** One line of the inbox: a title that says what, a detail that says why now. */
    public record Item(Kind kind, String subject, String title, String detail) {
    }

    private AttentionInbox() {
    }

    /** The inbox of {@code who}: their decisions first, then drift, lineage and shadows, each group in name order. */
    public static List<Item> of(RegistryServices services, ModelCatalog catalog, Identity who, Clock clock) {
        return withLineage(services, withoutLineage(services, catalog, who, clock));
    }

    /**
     * The inbox without its lineage items, the live versions whose lineage {@link #withLineage} checks, and how many
     * live versions have a latest SEVERE drift result (the Overview's drift alerts). The lineage check verifies the
     * audit chain and reads every entry about the live versions, which grows with the history; the rest is indexed
     * queries, so the console shows it first.
     */
    public record Partial(List<Item> items, List<ModelVersion> live, int severeDriftVersions) {
    }

    /** What {@link #of} gives, less the live versions whose lineage check fails. */
    public static Partial withoutLineage(RegistryServices services, ModelCatalog catalog, Identity who, Clock clock) {
        Policy policy = services.policy();
        Instant now = clock.instant();
        List<Item> items = new ArrayList<>();
        for (ReviewDesk.Decidable request : services.desk().decidableBy(who)) {
            items.add(decide(request, now));
        }
        for (RuleChanges.RuleChange change : RuleChanges.list(services.registry())) {
            // The decision dialog's own blockers: an active ADMIN, not the requester, a request whose signature verifies.
            if (change.pending() && !change.requestedBy().equals(who.user())
                    && RuleChanges.evidence(services.registry(), change.changeId(), who).blockers().isEmpty()) {
                items.add(decide(change, now));
            }
        }
        Map<String, ModelVersion> live = catalog.versionRowsInState(policy.liveState()).stream()
                .collect(Collectors.toMap(ModelVersion::modelId, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Map<String, List<DriftResultRow>> severe = catalog.severeLiveDrift(policy.liveState()).stream()
                .collect(Collectors.groupingBy(DriftResultRow::modelId, LinkedHashMap::new, Collectors.toList()));
        severe.forEach((modelId, rows) -> {
            ModelVersion version = live.get(modelId);
            if (version != null) {
                items.add(drift(version, rows));
            }
        });
        for (String shadowState : shadowStates(policy)) {
            for (ModelVersion version : catalog.versionRowsInState(shadowState)) {
                int days = policy.rulesFor(version.modelType()).shadowDurationDays();
                Duration in = Duration.between(Timestamps.parse(version.stateChangedAt()), now);
                if (!version.archived() && in.compareTo(Duration.ofDays(days)) >= 0 && !services.desk().hasPendingRequest(version.modelId())) {
                    items.add(shadow(version, in, days, policy.liveState()));
                }
            }
        }
        return new Partial(List.copyOf(items), List.copyOf(live.values()), severe.size());
    }

    /** The whole inbox: {@code partial}'s items with the failed lineage checks of its live versions after the drift items. */
    public static List<Item> withLineage(RegistryServices services, Partial partial) {
        Map<String, ModelVersion> live = new LinkedHashMap<>();
        partial.live().forEach(version -> live.put(version.modelId(), version));
        List<Item> failed = new ArrayList<>();
        services.lineage().checks(List.copyOf(live.keySet())).forEach((modelId, check) -> {
            if (!check.complete()) {
                failed.add(lineage(live.get(modelId), check));
            }
        });
        List<Item> items = new ArrayList<>();
        partial.items().stream().filter(item -> item.kind() != Kind.SHADOW_ELAPSED).forEach(items::add);
        items.addAll(failed);
        partial.items().stream().filter(item -> item.kind() == Kind.SHADOW_ELAPSED).forEach(items::add);
        return List.copyOf(items);
    }

    /** States from which the policy's way to the live state waits out a shadow period. */
    static List<String> shadowStates(Policy policy) {
        return policy.transitions().stream()
                .filter(t -> t.to().equals(policy.liveState()) && t.requires("shadow_period"))
                .map(Policy.Transition::from).distinct().toList();
    }

    private static Item decide(ReviewDesk.Decidable request, Instant now) {
        String gates = request.gatesTotal() == 0 ? "the policy no longer allows this transition"
                : "gates " + request.gatesPassed() + " of " + request.gatesTotal() + " passed";
        return new Item(Kind.DECIDE, request.requestId(),
                request.requestId() + ": " + request.modelName() + " " + request.version() + " " + request.fromState() + " → "
                        + request.toState(),
                gates + " · requested by " + request.requestedBy() + " · opened " + ago(Timestamps.parse(request.requestedAt()), now));
    }

    private static Item decide(RuleChanges.RuleChange change, Instant now) {
        return new Item(Kind.DECIDE, change.changeId(), change.changeId() + ": " + change.kind().label() + ", " + change.summary(),
                "a rule change for a second ADMIN · requested by " + change.requestedBy() + " · opened "
                        + ago(Timestamps.parse(change.requestedAt()), now));
    }

    private static Item drift(ModelVersion version, List<DriftResultRow> rows) {
        String features = rows.stream().map(DriftResultRow::feature).distinct().collect(Collectors.joining(", "));
        DriftResultRow worst = rows.getFirst();
        String psi = worst.psi() == null ? "" : String.format(Locale.ROOT, " · worst PSI %.2f on %s", worst.psi(), worst.feature());
        return new Item(Kind.SEVERE_DRIFT, version.modelId(),
                "SEVERE drift on " + version.modelName() + " " + version.version() + " (" + version.state() + ")",
                (rows.size() == 1 ? "feature " : "features ") + features + psi);
    }

    private static Item lineage(ModelVersion version, LineageCheck check) {
        String missing = check.missing().stream().map(LineageCheck.Item::requirement).collect(Collectors.joining("; "));
        return new Item(Kind.LINEAGE_FAILED, version.modelId(),
                "Lineage check fails for " + version.modelName() + " " + version.version() + " (" + version.state() + ")",
                "missing: " + missing);
    }

    private static Item shadow(ModelVersion version, Duration in, int days, String liveState) {
        return new Item(Kind.SHADOW_ELAPSED, version.modelId(),
                version.modelName() + " " + version.version() + " has been " + version.state() + " for " + in.toDays() + " days",
                "the policy asks for " + days + "; nobody has requested its promotion to " + liveState + " yet");
    }

    /** "5 min ago", "2 h ago", "3 days ago": how long a request has waited, as a person says it. */
    static String ago(Instant then, Instant now) {
        Duration waited = Duration.between(then, now);
        if (waited.isNegative() || waited.toMinutes() < 1) {
            return "just now";
        }
        if (waited.toHours() < 1) {
            return waited.toMinutes() + " min ago";
        }
        if (waited.toDays() < 2) {
            return waited.toHours() + " h ago";
        }
        return waited.toDays() + " days ago";
    }
}
