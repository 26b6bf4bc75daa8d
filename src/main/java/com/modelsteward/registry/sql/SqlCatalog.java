package com.modelsteward.registry.sql;

import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.CatalogStore;
import com.modelsteward.registry.DriftResultRow;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.RegistryEvent;
import com.modelsteward.registry.StateCount;
import com.modelsteward.registry.TransitionRequestRow;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link CatalogStore} for every engine: the statements behind {@link ModelCatalog}. */
final class SqlCatalog implements CatalogStore {

    private static final String SUMMARY_COLUMNS =
            "model_id, model_name, model_type, version, state, parent_id, created_at, created_by, archived";

    // Every query is a constant so that CatalogQueryPlanTest checks the very SQL that runs (EXPLAIN QUERY PLAN): none
    // may scan a large table without an index. Parameters are named; unbound they are NULL, which is enough for a plan.

    /** Newest first, read in the order of model_registry_created (V005): no sort of 100 000 rows. */
    static final String VERSIONS_SQL = "SELECT " + SUMMARY_COLUMNS + " FROM model_registry ORDER BY created_at DESC, model_id";
    /** The first screenful of {@link #VERSIONS_SQL}: the same index, stopped after :n rows. */
    static final String VERSIONS_PAGE_SQL = VERSIONS_SQL + " LIMIT :n";
    static final String VERSION_COUNT_SQL = "SELECT count(*) FROM model_registry";
    static final String VERSIONS_OF_SQL =
            "SELECT " + SUMMARY_COLUMNS + " FROM model_registry WHERE model_name = :name ORDER BY created_at, model_id";
    static final String VERSION_SQL = "SELECT * FROM model_registry WHERE model_id = :id";
    static final String ACTIVE_VERSION_OF_SQL =
            "SELECT " + SUMMARY_COLUMNS + " FROM model_registry WHERE model_name = :name AND state = :state";
    static final String VERSIONS_IN_STATE_SQL =
            "SELECT " + SUMMARY_COLUMNS + " FROM model_registry WHERE state = :state ORDER BY created_at DESC, model_id";
    /**
     * Up the parents by primary key while the parent has the same name; UNION (not UNION ALL) keeps each id once, so a
     * loop of parents ends. A line's length is the work, not the registry's size.
     */
    static final String LINE_ROWS_SQL = """
            WITH RECURSIVE line(model_id) AS (
                SELECT CAST(:id AS TEXT)
                UNION
                SELECT p.model_id FROM line
                  JOIN model_registry c ON c.model_id = line.model_id
                  JOIN model_registry p ON p.model_id = c.parent_id AND p.model_name = c.model_name)
            SELECT m.* FROM line JOIN model_registry m ON m.model_id = line.model_id""";
    static final String COUNTS_BY_STATE_SQL = "SELECT state, count(*) AS count FROM model_registry GROUP BY state ORDER BY state";
    static final String MODEL_TYPES_SQL = "SELECT DISTINCT model_type FROM model_registry ORDER BY model_type";
    /** Distinct over the model_registry_name index: the pickers need the names, not 100 000 versions. */
    static final String MODEL_NAMES_SQL = "SELECT DISTINCT model_name FROM model_registry ORDER BY model_name";
    static final String RECENT_EVENTS_SQL =
            "SELECT event_id, event_type, payload_json, created_at, published_at FROM events ORDER BY event_id DESC LIMIT :n";
    private static final String REQUEST_COLUMNS = """
            SELECT r.request_id, r.model_id, m.model_name, m.version, r.from_state, r.to_state, r.requested_by,
                   r.requested_at, r.justification, r.status, r.gate_passed, r.decided_at
              FROM transition_requests r JOIN model_registry m ON m.model_id = r.model_id
            """;
    static final String REQUESTS_SQL = REQUEST_COLUMNS + " ORDER BY r.requested_at DESC";
    /** Split from {@link #REQUESTS_SQL}: "(:status IS NULL OR …)" would keep SQLite from using transition_requests_status. */
    static final String REQUESTS_WITH_STATUS_SQL = REQUEST_COLUMNS + " WHERE r.status = :status ORDER BY r.requested_at DESC";
    static final String PENDING_REQUEST_COUNT_SQL = "SELECT count(*) FROM transition_requests WHERE status = 'PENDING'";
    static final String AUDIT_ENTRIES_SQL =
            "SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log ORDER BY seq DESC LIMIT :n";
    /**
     * The entries of the whole trail that pass the Audit view's filters, newest first: a walk down the primary key that
     * stops at the limit (a negative limit: none, bound as the largest long, which both engines read as "no limit"). A filter left NULL lets every entry through; the text is matched lower-case in
     * the entity and the payload.
     */
    static final String AUDIT_SEARCH_SQL = """
            SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log
             WHERE (:actor IS NULL OR actor = :actor)
               AND (:action IS NULL OR action = :action)
               AND (:text IS NULL OR instr(lower(entity), :text) > 0 OR instr(lower(payload_json), :text) > 0)
               AND (:fromDay IS NULL OR substr(ts, 1, 10) >= :fromDay)
               AND (:toDay IS NULL OR substr(ts, 1, 10) <= :toDay)
             ORDER BY seq DESC LIMIT :n""";
    static final String AUDIT_ENTRY_SQL = "SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log WHERE seq = :seq";
    static final String AUDIT_COUNT_SQL = "SELECT count(*) FROM audit_log";
    /** Every actor and action in the trail, for the filters' choices: one pass over the log per load, in the background. */
    static final String AUDIT_ACTORS_SQL = "SELECT DISTINCT actor FROM audit_log ORDER BY actor";
    static final String AUDIT_ACTIONS_SQL = "SELECT DISTINCT action FROM audit_log ORDER BY action";
    /**
     * The newest result id per (model, feature, kind), grouped over the covering index model_drift_latest (V005). The
     * correlated "drift_id = (SELECT max …)" it replaces ran one subquery per stored result: seconds on years of history.
     */
    private static final String LATEST_DRIFT_IDS =
            " (SELECT max(drift_id) AS drift_id FROM model_drift GROUP BY model_id, feature, drift_kind) latest ";
    static final String LATEST_DRIFT_SQL = """
            SELECT d.drift_id, d.model_id, d.feature, d.drift_kind, d.psi, d.ks_statistic, d.ks_pvalue, d.n_reference,
                   d.n_current, d.n_dropped, d.severity, d.window_start, d.window_end, d.computed_at
              FROM""" + LATEST_DRIFT_IDS + """
             JOIN model_drift d ON d.drift_id = latest.drift_id
             ORDER BY d.model_id, d.psi DESC""";
    static final String DRIFT_ALERT_COUNT_SQL = "SELECT count(DISTINCT d.model_id) FROM " + LATEST_DRIFT_IDS + """
             JOIN model_drift d ON d.drift_id = latest.drift_id
             JOIN model_registry m ON m.model_id = d.model_id
             WHERE d.severity = 'SEVERE' AND m.state = :live""";
    /**
     * The latest SEVERE results of versions in the live state, a version's worst first: what the Overview's inbox lists,
     * at every refresh. Grouping every drift row (as {@link #LATEST_DRIFT_SQL} does) costs as much as the drift history
     * is long; this seeks instead, from each live version, the latest result of each of its (feature, kind) in turn,
     * backwards over model_drift_latest: one index seek per result. The next (feature, kind) below the current one is
     * the same feature's lower kind or else a lower feature (two seeks, not a row-value comparison, which SQLite does
     * not bound an index range by).
     */
    static final String SEVERE_LIVE_DRIFT_SQL = """
            WITH RECURSIVE latest(drift_id) AS (
                SELECT (SELECT x.drift_id FROM model_drift x WHERE x.model_id = m.model_id
                         ORDER BY x.model_id DESC, x.feature DESC, x.drift_kind DESC, x.drift_id DESC LIMIT 1)
                  FROM model_registry m WHERE m.state = :live
                UNION ALL
                SELECT coalesce(
                         (SELECT x.drift_id FROM model_drift x
                           WHERE x.model_id = c.model_id AND x.feature = c.feature AND x.drift_kind < c.drift_kind
                           ORDER BY x.model_id DESC, x.feature DESC, x.drift_kind DESC, x.drift_id DESC LIMIT 1),
                         (SELECT x.drift_id FROM model_drift x
                           WHERE x.model_id = c.model_id AND x.feature < c.feature
                           ORDER BY x.model_id DESC, x.feature DESC, x.drift_kind DESC, x.drift_id DESC LIMIT 1))
                  FROM latest l JOIN model_drift c ON c.drift_id = l.drift_id)
            SELECT d.drift_id, d.model_id, d.feature, d.drift_kind, d.psi, d.ks_statistic, d.ks_pvalue, d.n_reference,
                   d.n_current, d.n_dropped, d.severity, d.window_start, d.window_end, d.computed_at
              FROM latest l JOIN model_drift d ON d.drift_id = l.drift_id
             WHERE d.severity = 'SEVERE'
             ORDER BY d.model_id, d.psi DESC, d.feature, d.drift_kind""";
    /** Every version in one state (few: the shadows, the live ones), over model_registry_state. */
    static final String VERSION_ROWS_IN_STATE_SQL = "SELECT * FROM model_registry WHERE state = :state ORDER BY model_name, model_id";
    static final String ROLES_OF_SQL = "SELECT roles FROM principals WHERE user_name = :u AND active = 1";


    private final Handle handle;
    private final Dialect dialect;

    SqlCatalog(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    @Override
    public List<ModelSummary> versions() {
        return handle.createQuery(VERSIONS_SQL).mapTo(ModelSummary.class).list();
    }

    @Override
    public List<ModelSummary> newestVersions(int limit) {
        return handle.createQuery(VERSIONS_PAGE_SQL).bind("n", limit).mapTo(ModelSummary.class).list();
    }

    @Override
    public long versionCount() {
        return handle.createQuery(VERSION_COUNT_SQL).mapTo(Long.class).one();
    }

    @Override
    public List<ModelSummary> versionsOf(String modelName) {
        return handle.createQuery(VERSIONS_OF_SQL).bind("name", modelName).mapTo(ModelSummary.class).list();
    }

    @Override
    public Optional<ModelVersion> version(String modelId) {
        return handle.createQuery(VERSION_SQL).bind("id", modelId).mapTo(ModelVersion.class).findOne();
    }

    @Override
    public List<ModelSummary> versionsInState(String state) {
        return handle.createQuery(VERSIONS_IN_STATE_SQL).bind("state", state).mapTo(ModelSummary.class).list();
    }

    @Override
    public List<ModelVersion> lineRows(String modelId) {
        return handle.createQuery(LINE_ROWS_SQL).bind("id", modelId).mapTo(ModelVersion.class).list();
    }

    @Override
    public Optional<ModelSummary> liveVersionOf(String modelName, String liveState) {
        return handle.createQuery(ACTIVE_VERSION_OF_SQL).bind("name", modelName).bind("state", liveState).mapTo(ModelSummary.class).findOne();
    }


    @Override
    public List<StateCount> countsByState() {
        return handle.createQuery(COUNTS_BY_STATE_SQL).mapTo(StateCount.class).list();
    }

    @Override
    public List<String> modelTypes() {
        return handle.createQuery(MODEL_TYPES_SQL).mapTo(String.class).list();
    }

    @Override
    public List<String> modelNames() {
        return handle.createQuery(MODEL_NAMES_SQL).mapTo(String.class).list();
    }

    @Override
    public List<RegistryEvent> recentEvents(int limit) {
        return handle.createQuery(RECENT_EVENTS_SQL).bind("n", limit).mapTo(RegistryEvent.class).list();
    }

    @Override
    public List<TransitionRequestRow> requests(Optional<String> status) {
        return status.isPresent()
                ? handle.createQuery(REQUESTS_WITH_STATUS_SQL).bind("status", status.get()).mapTo(TransitionRequestRow.class).list()
                : handle.createQuery(REQUESTS_SQL).mapTo(TransitionRequestRow.class).list();
    }

    @Override
    public long pendingRequestCount() {
        return handle.createQuery(PENDING_REQUEST_COUNT_SQL).mapTo(Long.class).one();
    }

    @Override
    public List<AuditEntry> auditEntries(int limit) {
        return handle.createQuery(AUDIT_ENTRIES_SQL).bind("n", limit).mapTo(AuditEntry.class).list();
    }

    @Override
    public List<AuditEntry> searchAudit(ModelCatalog.AuditFilter filter, int limit) {
        return handle.createQuery(dialect.textSearch(AUDIT_SEARCH_SQL))
                .bind("actor", filter.actor())
                .bind("action", filter.action())
                .bind("text", filter.text() == null ? null : filter.text().toLowerCase(Locale.ROOT))
                .bind("fromDay", filter.fromDay())
                .bind("toDay", filter.toDay())
                .bind("n", limit < 0 ? Long.MAX_VALUE : limit)
                .mapTo(AuditEntry.class).list();
    }

    @Override
    public Optional<AuditEntry> auditEntry(long seq) {
        return handle.createQuery(AUDIT_ENTRY_SQL).bind("seq", seq).mapTo(AuditEntry.class).findOne();
    }

    @Override
    public long auditCount() {
        return handle.createQuery(AUDIT_COUNT_SQL).mapTo(Long.class).one();
    }

    @Override
    public List<String> auditActors() {
        return handle.createQuery(AUDIT_ACTORS_SQL).mapTo(String.class).list();
    }

    @Override
    public List<String> auditActions() {
        return handle.createQuery(AUDIT_ACTIONS_SQL).mapTo(String.class).list();
    }

    @Override
    public List<DriftResultRow> latestDrift() {
        return handle.createQuery(LATEST_DRIFT_SQL).mapTo(DriftResultRow.class).list();
    }

    @Override
    public long driftAlertCount(String liveState) {
        return handle.createQuery(DRIFT_ALERT_COUNT_SQL).bind("live", liveState).mapTo(Long.class).one();
    }

    @Override
    public List<DriftResultRow> severeLiveDrift(String liveState) {
        return handle.createQuery(SEVERE_LIVE_DRIFT_SQL).bind("live", liveState).mapTo(DriftResultRow.class).list();
    }

    @Override
    public List<ModelVersion> versionRowsInState(String state) {
        return handle.createQuery(VERSION_ROWS_IN_STATE_SQL).bind("state", state).mapTo(ModelVersion.class).list();
    }

    @Override
    public String rolesOf(String user) {
        return handle.createQuery(ROLES_OF_SQL).bind("u", user).mapTo(String.class).findOne().orElse("");
    }
}
