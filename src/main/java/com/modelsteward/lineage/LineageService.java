package com.modelsteward.lineage;

import com.modelsteward.governance.Policy;
import com.modelsteward.governance.PolicyStore;
import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.CanonicalJson;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.registry.Scorecard;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** Reads lineage evidence and runs the auditable-lineage check. Every method runs SQL: never on the FX thread. */
public final class LineageService {

    // Several versions are asked about with their ids as one JSON array, :ids, read by json_each.
    private static final String VERSIONS_SQL = "SELECT * FROM model_registry WHERE model_id IN (SELECT value FROM json_each(:ids))";
    /** The latest value of each (pack, metric), as {@link ModelCatalog#scorecards} reads it for one version. */
    private static final String SCORECARDS_SQL = """
            SELECT s.model_id, s.pack_id, s.metric, s.value, s.generated_at
              FROM scorecards s
             WHERE s.model_id IN (SELECT value FROM json_each(:ids))
               AND s.scorecard_id = (SELECT max(l.scorecard_id) FROM scorecards l
                                      WHERE l.model_id = s.model_id AND l.pack_id = s.pack_id AND l.metric = s.metric)
             ORDER BY s.model_id, s.pack_id, s.metric""";
    private static final String REQUESTS_SQL = """
            SELECT model_id, request_id, from_state, to_state, requested_by, requested_at, justification, status, gate_passed,
                   gate_report_json, decided_at, executed_at, required_approvals
              FROM transition_requests WHERE model_id IN (SELECT value FROM json_each(:ids))
             ORDER BY model_id, requested_at, request_id""";
    private static final String APPROVALS_SQL = """
            SELECT a.request_id, a.approver, a.decision, a.comment, a.decided_at
              FROM approvals a JOIN transition_requests r ON r.request_id = a.request_id
             WHERE r.model_id IN (SELECT value FROM json_each(:ids))
             ORDER BY a.decided_at, a.approval_id""";
    private static final String AUDIT_OF_ONE_SQL = """
            SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log
             WHERE entity = :id OR entity = 'model:' || :id OR entity = 'model/' || :id
                OR instr(payload_json, '"' || :id || '"') > 0
             ORDER BY seq""";
    private static final String AUDIT_LOG_SQL = "SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log ORDER BY seq";

    private final Registry registry;
    private final ModelCatalog catalog;
    private final Map<String, String> environment;

    /** @param environment the LEARN_* keys the policy in force is read with (the process environment, or a fixed map in tests) */
    public LineageService(Registry registry, Map<String, String> environment) {
        this.registry = registry;
        this.catalog = new ModelCatalog(registry);
        this.environment = Map.copyOf(environment);
    }

    public Registry registry() {
        return registry;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public LineageTree tree() {
        return LineageTree.build(catalog.versions(), policy().liveState());
    }

    public List<VersionHashes> hashes() {
        return registry.readHandle(handle -> handle.createQuery("""
                        SELECT model_id, training_config_hash, data_snapshot_hash, feature_graph_hash, code_commit
                          FROM model_registry""")
                .map(ConstructorMapper.of(VersionHashes.class)).list());
    }

    /** The latest value of each (pack, metric) of every version of a name: the data of the trend chart, in one query. */
    public Map<String, List<Scorecard>> scorecardsOfName(String modelName) {
        return registry.readHandle(handle -> handle.createQuery("""
                        SELECT s.model_id, s.pack_id, s.metric, s.value, s.generated_at
                          FROM scorecards s JOIN model_registry m ON m.model_id = s.model_id
                         WHERE m.model_name = :name
                           AND s.scorecard_id = (SELECT max(l.scorecard_id) FROM scorecards l
                                                  WHERE l.model_id = s.model_id AND l.pack_id = s.pack_id AND l.metric = s.metric)
                         ORDER BY s.model_id, s.pack_id, s.metric""")
                .bind("name", modelName).map(ConstructorMapper.of(Scorecard.class)).list().stream()
                .collect(Collectors.groupingBy(Scorecard::modelId, LinkedHashMap::new, Collectors.toList())));
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
        return new RegistryException("E_NOT_FOUND", "no model version with id \"" + modelId + "\" in " + registry.file());
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
        String idsJson = CanonicalJson.write(List.copyOf(ids));
        return registry.readHandle(handle -> {
            Map<String, ModelVersion> versions = handle.createQuery(VERSIONS_SQL).bind("ids", idsJson).mapTo(ModelVersion.class).list()
                    .stream().collect(Collectors.toMap(ModelVersion::modelId, v -> v));
            Map<String, List<Scorecard>> scorecards = handle.createQuery(SCORECARDS_SQL).bind("ids", idsJson).mapTo(Scorecard.class).list()
                    .stream().collect(Collectors.groupingBy(Scorecard::modelId));
            Map<String, List<RequestEvidence>> requests = requests(handle, idsJson);
            Map<String, List<AuditEntry>> audit = ids.size() == 1 ? Map.of(ids.iterator().next(), auditEntries(handle, ids.iterator().next()))
                    : auditEntries(handle, ids);
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
        Policy policy = PolicyStore.current(registry, environment);
        return LineageCheck.run(evidence, policy.rulesFor(evidence.version().modelType()).evalPacks(), registry.verifiedChain());
    }

    /**
     * The checks of several versions, reading their evidence together ({@link #evidences}) and the policy once. The audit
     * chain's verification comes from {@link Registry#verifiedChain()}: walked again only when the file has changed.
     */
    public Map<String, LineageCheck> checks(List<String> modelIds) {
        AuditTrail.Verification chain = registry.verifiedChain();
        Policy policy = PolicyStore.current(registry, environment);
        Map<String, LineageCheck> checks = new LinkedHashMap<>();
        evidences(modelIds).forEach((id, evidence) ->
                checks.put(id, LineageCheck.run(evidence, policy.rulesFor(evidence.version().modelType()).evalPacks(), chain)));
        return checks;
    }

    /** The governance policy in force (its lifecycle says which state is live). Reads the registry. */
    public Policy policy() {
        return PolicyStore.current(registry, environment);
    }

    /** The BENCH packs a version of this type must be scored on: the registry's governance policy decides. */
    public List<String> requiredPacksFor(String modelType) {
        return PolicyStore.current(registry, environment).rulesFor(modelType).evalPacks();
    }

    /** A transition_requests row before its approvals are attached. */
    public record RequestRow(String modelId, String requestId, String fromState, String toState, String requestedBy, String requestedAt,
                             String justification, String status, Boolean gatePassed, String gateReportJson, String decidedAt,
                             String executedAt, int requiredApprovals) {
    }

    private static Map<String, List<RequestEvidence>> requests(Handle handle, String idsJson) {
        List<RequestRow> rows = handle.createQuery(REQUESTS_SQL).bind("ids", idsJson).map(ConstructorMapper.of(RequestRow.class)).list();
        Map<String, List<ApprovalEvidence>> approvals = handle.createQuery(APPROVALS_SQL).bind("ids", idsJson)
                .map(ConstructorMapper.of(ApprovalEvidence.class)).list().stream()
                .collect(Collectors.groupingBy(ApprovalEvidence::requestId));
        return rows.stream().collect(Collectors.groupingBy(RequestRow::modelId, LinkedHashMap::new, Collectors.mapping(r ->
                new RequestEvidence(r.requestId(), r.fromState(), r.toState(), r.requestedBy(), r.requestedAt(), r.justification(), r.status(),
                        r.gatePassed(), r.gateReportJson(), r.decidedAt(), r.executedAt(), r.requiredApprovals(),
                        approvals.getOrDefault(r.requestId(), List.of())), Collectors.toList())));
    }

    /**
     * Audit entries about one version. The writers name the entity either by the bare model id or with a prefix
     * ("model:ID", "model/ID"), and request entries carry the model id in their payload; all of these count. SQLite looks
     * through the log for the payload mention (it cannot be indexed): about 50 ms per 100 000 entries.
     */
    private static List<AuditEntry> auditEntries(Handle handle, String modelId) {
        return handle.createQuery(AUDIT_OF_ONE_SQL).bind("id", modelId).mapTo(AuditEntry.class).list();
    }

    /**
     * The audit entries of many versions in one pass over the log, by the rule of {@link #auditEntries(Handle, String)}:
     * asking SQLite once per version read the whole log once per version (100 ACTIVE versions, 5 s at 100 000 entries).
     * Only the entries that name a version are mapped.
     */
    private static Map<String, List<AuditEntry>> auditEntries(Handle handle, Set<String> ids) {
        AuditMentions mentions = new AuditMentions(ids);
        Map<String, List<AuditEntry>> byId = new LinkedHashMap<>();
        handle.createQuery(AUDIT_LOG_SQL).scanResultSet((supplier, context) -> {
            ResultSet rows = supplier.get();
            while (rows.next()) {
                Set<String> named = mentions.of(rows.getString("entity"), rows.getString("payload_json"));
                if (!named.isEmpty()) {
                    AuditEntry entry = new AuditEntry(rows.getLong("seq"), rows.getString("ts"), rows.getString("actor"), rows.getString("action"),
                            rows.getString("entity"), rows.getString("payload_json"), rows.getString("prev_hash"), rows.getString("hash"));
                    named.forEach(id -> byId.computeIfAbsent(id, key -> new ArrayList<>()).add(entry));
                }
            }
            return null;
        });
        return byId;
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
