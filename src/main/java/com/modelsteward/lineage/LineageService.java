package com.modelsteward.lineage;

import com.modelsteward.policy.Policy;
import com.modelsteward.policy.PolicyStore;
import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.registry.RequestApprovalRow;
import com.modelsteward.registry.Scorecard;
import com.modelsteward.registry.Store;
import com.modelsteward.registry.VersionRequestRow;
import com.modelsteward.trust.ChainCheckpoints;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Reads lineage evidence and runs the auditable-lineage check. Every method runs SQL: never on the FX thread. */
public final class LineageService {

    private final Registry registry;
    private final ModelCatalog catalog;
    private final Supplier<Policy> policyInForce;

    /**
     * With the policy in force read from the registry on every call that needs it.
     *
     * @param environment the LEARN_* keys the policy in force is read with (the process environment, or a fixed map in tests)
     */
    public LineageService(Registry registry, Map<String, String> environment) {
        this(registry, () -> PolicyStore.current(registry, Map.copyOf(environment)));
    }

    /** With the policy in force as the composition root keeps it (app.RegistryServices): read again only when it may have changed. */
    public LineageService(Registry registry, Supplier<Policy> policyInForce) {
        this.registry = registry;
        this.catalog = new ModelCatalog(registry);
        this.policyInForce = policyInForce;
    }

    public Registry registry() {
        return registry;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    public LineageTree tree() {
        return LineageTree.build(catalog.versions(), policy().liveState());
    }

    public List<VersionHashes> hashes() {
        return registry.read(store -> store.versions().hashes()).stream()
                .map(row -> new VersionHashes(row.modelId(), row.trainingConfigHash(), row.dataSnapshotHash(), row.featureGraphHash(),
                        row.codeCommit()))
                .toList();
    }

    /** The latest value of each (pack, metric) of every version of a name: the data of the trend chart, in one query. */
    public Map<String, List<Scorecard>> scorecardsOfName(String modelName) {
        return registry.read(store -> store.scorecards().latestOfName(modelName)).stream()
                .collect(Collectors.groupingBy(Scorecard::modelId, LinkedHashMap::new, Collectors.toList()));
    }

    public ModelVersion version(String modelId) {
        return catalog.version(modelId).orElseThrow(() -> notFound(modelId));
    }

    public LineageEvidence evidence(String modelId) {
        LineageEvidence evidence = evidences(List.of(modelId)).get(modelId);
        if (evidence == null) {
            throw notFound(modelId);
        }
        return evidence;
    }

    private RegistryException notFound(String modelId) {
        return new RegistryException("E_NOT_FOUND", "no model version with id \"" + modelId + "\" in " + registry.location());
    }

    /**
     * The evidence of several versions in a fixed number of queries, however many they are (one per table, ids passed
     * as a JSON array): the console checks every ACTIVE version at once. Ids that name no version are left out.
     */
    public Map<String, LineageEvidence> evidences(Collection<String> modelIds) {
        Set<String> ids = new LinkedHashSet<>(modelIds);
        if (ids.isEmpty()) {
            return Map.of();
        }
        return registry.read(store -> {
            Map<String, ModelVersion> versions = store.versions().withIds(ids)
                    .stream().collect(Collectors.toMap(ModelVersion::modelId, v -> v));
            Map<String, List<Scorecard>> scorecards = store.scorecards().latestOfVersions(ids)
                    .stream().collect(Collectors.groupingBy(Scorecard::modelId));
            Map<String, List<RequestEvidence>> requests = requests(store, ids);
            Map<String, List<AuditEntry>> audit = store.audit().mentioning(ids);
            Map<String, LineageEvidence> evidences = new LinkedHashMap<>();
            for (String id : ids) {
                ModelVersion version = versions.get(id);
                if (version != null) {
                    List<RequestEvidence> requested = requests.getOrDefault(id, List.of());
                    List<AuditEntry> entries = audit.getOrDefault(id, List.of());
                    evidences.put(id, new LineageEvidence(version, scorecards.getOrDefault(id, List.of()), requested, entries,
                            history(version, requested, entries)));
                }
            }
            return evidences;
        });
    }

    /** The check of one version. */
    public LineageCheck check(String modelId) {
        return check(evidence(modelId));
    }

    /** The check of a version whose evidence is already read (the console shows both, and reads them once). */
    public LineageCheck check(LineageEvidence evidence) {
        Policy policy = policyInForce.get();
        return LineageCheck.run(evidence, policy.rulesFor(evidence.version().modelType()).evalPacks(), registry.verifiedChain());
    }

    /**
     * The check of one version with the audit chain verified only around its own entries and since the last signed head
     * ({@link ChainCheckpoints}): what a one-version command needs, at a cost that does not grow with the history.
     */
    public LineageCheck checkAlone(LineageEvidence evidence) {
        return LineageCheck.run(evidence, requiredPacksFor(evidence.version().modelType()), chainAround(evidence));
    }

    /** The audit chain verified around a version's entries and since the last signed head ({@link ChainCheckpoints}). */
    public AuditTrail.Verification chainAround(LineageEvidence evidence) {
        List<Long> seqs = evidence.auditEntries().stream().map(AuditEntry::seq).toList();
        return registry.read(store -> ChainCheckpoints.verify(store, seqs));
    }

    /**
     * A version's line back to the root of its tree, read by following its parents ({@link LineageLine}): the chain
     * {@link #tree()} gives for it, without reading every version.
     */
    public LineageLine line(String modelId) {
        return registry.read(store -> LineageLine.of(modelId, store.catalog().lineRows(modelId),
                parentId -> store.catalog().version(parentId).isPresent())).orElseThrow(() -> notFound(modelId));
    }

    /** One version's auditable-lineage check and its line back to the root. */
    public record VersionLineage(LineageCheck check, LineageLine line) {
    }

    /** A version's check and line, each read for that version alone ({@link #checkAlone}, {@link #line}). */
    public VersionLineage lineageOf(String modelId) {
        return new VersionLineage(checkAlone(evidence(modelId)), line(modelId));
    }

    /** The live version of every name, by name: the versions {@code lineage} checks when no version is named. */
    public List<String> liveVersionIds() {
        return catalog.versionsInState(policy().liveState()).stream()
                .sorted(Comparator.comparing(ModelSummary::modelName).thenComparing(ModelSummary::modelId))
                .map(ModelSummary::modelId).toList();
    }

    /**
     * The lineage of many versions handed to {@code each} one at a time, the evidence read a batch at a time, so memory
     * holds one batch and one line however many versions there are; the audit chain is walked once for all
     * ({@link #checks}).
     */
    public void eachLineage(List<String> modelIds, java.util.function.Consumer<VersionLineage> each) {
        for (int from = 0; from < modelIds.size(); from += LINEAGE_BATCH) {
            List<String> batch = modelIds.subList(from, Math.min(modelIds.size(), from + LINEAGE_BATCH));
            Map<String, LineageCheck> checks = checks(batch);
            for (String id : batch) {
                LineageCheck check = checks.get(id);
                if (check == null) {
                    throw notFound(id);
                }
                each.accept(new VersionLineage(check, line(id)));
            }
        }
    }

    private static final int LINEAGE_BATCH = 50;

    /**
     * The checks of several versions, reading their evidence together ({@link #evidences}) and the policy once. The audit
     * chain's verification comes from {@link Registry#verifiedChain()}: walked again only when the file has changed.
     */
    public Map<String, LineageCheck> checks(List<String> modelIds) {
        AuditTrail.Verification chain = registry.verifiedChain();
        Policy policy = policyInForce.get();
        Map<String, LineageCheck> checks = new LinkedHashMap<>();
        evidences(modelIds).forEach((id, evidence) ->
                checks.put(id, LineageCheck.run(evidence, policy.rulesFor(evidence.version().modelType()).evalPacks(), chain)));
        return checks;
    }

    /** The governance policy in force (its lifecycle says which state is live). Reads the registry. */
    public Policy policy() {
        return policyInForce.get();
    }

    /** The BENCH packs a version of this type must be scored on: the registry's governance policy decides. */
    public List<String> requiredPacksFor(String modelType) {
        return policyInForce.get().rulesFor(modelType).evalPacks();
    }

    private static Map<String, List<RequestEvidence>> requests(Store store, Set<String> ids) {
        List<VersionRequestRow> rows = store.requests().ofVersions(ids);
        Map<String, List<ApprovalEvidence>> approvals = store.approvals().ofVersions(ids).stream()
                .map(LineageService::approval)
                .collect(Collectors.groupingBy(ApprovalEvidence::requestId));
        return rows.stream().collect(Collectors.groupingBy(VersionRequestRow::modelId, LinkedHashMap::new, Collectors.mapping(r ->
                new RequestEvidence(r.requestId(), r.fromState(), r.toState(), r.requestedBy(), r.requestedAt(), r.justification(), r.status(),
                        r.gatePassed(), r.gateReportJson(), r.decidedAt(), r.executedAt(), r.requiredApprovals(),
                        approvals.getOrDefault(r.requestId(), List.of())), Collectors.toList())));
    }

    private static ApprovalEvidence approval(RequestApprovalRow row) {
        return new ApprovalEvidence(row.requestId(), row.approver(), row.decision(), row.comment(), row.decidedAt());
    }


    private static List<HistoryEvent> history(ModelVersion version, List<RequestEvidence> requests, List<AuditEntry> audit) {
        List<HistoryEvent> events = new ArrayList<>();
        events.add(new HistoryEvent(version.createdAt(), version.createdBy(), "registered as version " + version.version()));
        for (RequestEvidence request : requests) {
            events.add(new HistoryEvent(request.requestedAt(), request.requestedBy(),
                    "requested " + request.fromState() + " → " + request.toState() + " (" + request.requestId() + ")"));
            for (ApprovalEvidence approval : request.approvals()) {
                events.add(new HistoryEvent(approval.decidedAt(), approval.approver(),
                        approval.decision().toLowerCase(java.util.Locale.ROOT) + "d " + request.requestId() + ": " + approval.comment()));
            }
            if (request.executedAt() != null) {
                events.add(new HistoryEvent(request.executedAt(), request.requestedBy(),
                        "moved " + request.fromState() + " → " + request.toState() + " (" + request.requestId() + " executed)"));
            }
        }
        for (AuditEntry entry : audit) {
            events.add(new HistoryEvent(entry.ts(), entry.actor(), "audit #" + entry.seq() + " " + entry.action()));
        }
        events.sort(Comparator.comparing(HistoryEvent::at, Comparator.nullsFirst(Comparator.naturalOrder())));
        return List.copyOf(events);
    }
}
