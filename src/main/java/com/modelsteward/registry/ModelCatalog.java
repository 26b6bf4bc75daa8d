package com.modelsteward.registry;

import java.util.List;
import java.util.Optional;

/** Read-side queries the console and the command line share. Every method runs SQL: never call it on the FX thread. */
public final class ModelCatalog {

    private static final String SUMMARY_COLUMNS =
            "model_id, model_name, model_type, version, state, parent_id, created_at, created_by, archived";

    private final Registry registry;

    public ModelCatalog(Registry registry) {
        this.registry = registry;
    }

    public Registry registry() {
        return registry;
    }

    /** All versions, newest first. */
    public List<ModelSummary> versions() {
        return registry.read(handle -> handle.createQuery(
                        "SELECT " + SUMMARY_COLUMNS + " FROM model_registry ORDER BY created_at DESC, model_id")
                .mapTo(ModelSummary.class).list());
    }

    public List<ModelSummary> versionsOf(String modelName) {
        return registry.read(handle -> handle.createQuery(
                        "SELECT " + SUMMARY_COLUMNS + " FROM model_registry WHERE model_name = :name ORDER BY created_at, model_id")
                .bind("name", modelName)
                .mapTo(ModelSummary.class).list());
    }

    public Optional<ModelVersion> version(String modelId) {
        return registry.read(handle -> handle.createQuery("SELECT * FROM model_registry WHERE model_id = :id")
                .bind("id", modelId)
                .mapTo(ModelVersion.class).findOne());
    }

    public Optional<ModelSummary> activeVersionOf(String modelName) {
        return registry.read(handle -> handle.createQuery(
                        "SELECT " + SUMMARY_COLUMNS + " FROM model_registry WHERE model_name = :name AND state = 'ACTIVE'")
                .bind("name", modelName)
                .mapTo(ModelSummary.class).findOne());
    }

    /** The latest value of each (pack, metric) of a version. */
    public List<Scorecard> scorecards(String modelId) {
        return registry.read(handle -> handle.createQuery("""
                        SELECT s.model_id, s.pack_id, s.metric, s.value, s.generated_at
                          FROM scorecards s
                         WHERE s.model_id = :id
                           AND s.scorecard_id = (SELECT max(l.scorecard_id) FROM scorecards l
                                                  WHERE l.model_id = s.model_id AND l.pack_id = s.pack_id AND l.metric = s.metric)
                         ORDER BY s.pack_id, s.metric""")
                .bind("id", modelId)
                .mapTo(Scorecard.class).list());
    }

    public List<StateCount> countsByState() {
        return registry.read(handle -> handle.createQuery(
                        "SELECT state, count(*) AS count FROM model_registry GROUP BY state ORDER BY state")
                .mapTo(StateCount.class).list());
    }

    public List<String> modelTypes() {
        return registry.read(handle -> handle.createQuery("SELECT DISTINCT model_type FROM model_registry ORDER BY model_type")
                .mapTo(String.class).list());
    }

    public List<RegistryEvent> recentEvents(int limit) {
        return registry.read(handle -> handle.createQuery(
                        "SELECT event_id, event_type, payload_json, created_at, published_at FROM events ORDER BY event_id DESC LIMIT :n")
                .bind("n", limit)
                .mapTo(RegistryEvent.class).list());
    }

    public List<TransitionRequestRow> requests(Optional<String> status) {
        return registry.read(handle -> handle.createQuery("""
                        SELECT r.request_id, r.model_id, m.model_name, m.version, r.from_state, r.to_state, r.requested_by,
                               r.requested_at, r.justification, r.status, r.gate_passed, r.decided_at
                          FROM transition_requests r JOIN model_registry m ON m.model_id = r.model_id
                         WHERE (:status IS NULL OR r.status = :status)
                         ORDER BY r.requested_at DESC""")
                .bind("status", status.orElse(null))
                .mapTo(TransitionRequestRow.class).list());
    }

    public long pendingRequestCount() {
        return registry.read(handle -> handle.createQuery("SELECT count(*) FROM transition_requests WHERE status = 'PENDING'")
                .mapTo(Long.class).one());
    }

    public List<AuditEntry> auditEntries(int limit) {
        return registry.read(handle -> handle.createQuery(
                        "SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log ORDER BY seq DESC LIMIT :n")
                .bind("n", limit)
                .mapTo(AuditEntry.class).list());
    }

    /** The most recent stored result per (model, feature, kind). */
    public List<DriftResultRow> latestDrift() {
        return registry.read(handle -> handle.createQuery("""
                        SELECT d.drift_id, d.model_id, d.feature, d.drift_kind, d.psi, d.ks_statistic, d.ks_pvalue, d.n_reference,
                               d.n_current, d.n_dropped, d.severity, d.window_start, d.window_end, d.computed_at
                          FROM model_drift d
                         WHERE d.drift_id = (SELECT max(l.drift_id) FROM model_drift l
                                              WHERE l.model_id = d.model_id AND l.feature = d.feature AND l.drift_kind = d.drift_kind)
                         ORDER BY d.model_id, d.psi DESC""")
                .mapTo(DriftResultRow.class).list());
    }

    /** Versions whose latest drift result for some feature is SEVERE. */
    public long driftAlertCount() {
        return latestDrift().stream().filter(row -> "SEVERE".equals(row.severity())).map(DriftResultRow::modelId).distinct().count();
    }

    /** The roles of a principal ("ANALYST,RISK_OFFICER"), empty when the user is not in {@code principals} or inactive. */
    public java.util.Set<String> rolesOf(String user) {
        String roles = registry.read(handle -> handle.createQuery("SELECT roles FROM principals WHERE user_name = :u AND active = 1")
                .bind("u", user).mapTo(String.class).findOne().orElse(""));
        java.util.Set<String> result = new java.util.TreeSet<>();
        for (String role : roles.split(",")) {
            if (!role.isBlank()) {
                result.add(role.strip());
            }
        }
        return result;
    }
}
