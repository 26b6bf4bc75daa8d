package com.modelsteward.registry.sql;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.DriftIncidentRow;
import com.modelsteward.registry.NewDriftIncident;
import com.modelsteward.registry.RequestQueueRow;
import com.modelsteward.registry.RequestRecord;
import com.modelsteward.registry.RequestStore;
import com.modelsteward.registry.VersionRequestRow;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** {@link RequestStore} in SQL that every engine runs ({@link Dialect}). */
final class SqlRequestStore implements RequestStore {

    private final Handle handle;
    private final Dialect dialect;

    SqlRequestStore(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    // governance engine

    private static final String FIND = """
            SELECT request_id, model_id, from_state, to_state, requested_by, requested_at, justification, status, gate_report_json,
                   gate_passed, model_row_version, scorecard_digest, required_approvals, required_role, kind
              FROM transition_requests WHERE request_id = :r""";

    @Override
    public Optional<RequestRecord> find(String requestId) {
        return handle.createQuery(FIND)
                .bind("r", requestId)
                .map((rs, ctx) -> new RequestRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getObject(10) == null ? null : rs.getInt(10) == 1, rs.getLong(11), rs.getString(12), rs.getInt(13),
                        rs.getString(14), rs.getString(15)))
                .findOne();
    }

    private static final String PENDING_FOR = "SELECT request_id FROM transition_requests WHERE model_id = :m AND status = 'PENDING'";

    @Override
    public Optional<String> pendingFor(String modelId) {
        return handle.createQuery(PENDING_FOR).bind("m", modelId).mapTo(String.class).findFirst();
    }

    @Override
    public long nextNumber() {
        return handle.createQuery(dialect.nextNumberSql("transition_requests")).mapTo(Long.class).one();
    }

    private static final String INSERT_PROMOTION = """
            INSERT INTO transition_requests (request_id, model_id, from_state, to_state, requested_by, requested_at, justification,
                status, gate_report_json, gate_passed, model_row_version, scorecard_digest, required_approvals, required_role,
                kind, policy_name)
            VALUES (:id, :model, :from, :to, :by, :at, :why, 'PENDING', :report, :passed, :rowVersion, :digest, :approvals,
                :role, 'PROMOTION', :policy)""";

    @Override
    public void insertPromotion(String requestId, String modelId, String fromState, String toState, String requestedBy, String requestedAt,
                                String justification, String gateReportJson, boolean gatePassed, long modelRowVersion,
                                String scorecardDigest, int requiredApprovals, String requiredRole, String policyName) {
        handle.createUpdate(INSERT_PROMOTION)
                .bind("id", requestId).bind("model", modelId).bind("from", fromState).bind("to", toState)
                .bind("by", requestedBy).bind("at", requestedAt).bind("why", justification)
                .bind("report", gateReportJson).bind("passed", gatePassed ? 1 : 0)
                .bind("rowVersion", modelRowVersion).bind("digest", scorecardDigest)
                .bind("approvals", requiredApprovals).bind("role", requiredRole)
                .bind("policy", policyName)
                .execute();
    }

    private static final String INSERT_ROLLBACK = """
            INSERT INTO transition_requests (request_id, model_id, from_state, to_state, requested_by, requested_at, justification,
                status, model_row_version, required_approvals, required_role, kind, policy_name)
            VALUES (:id, :model, :from, :to, :by, :at, :why, 'PENDING', :rowVersion, 0, 'RISK_OFFICER', 'ROLLBACK', :policy)""";

    @Override
    public void insertRollback(String requestId, String modelId, String fromState, String toState, String requestedBy, String requestedAt,
                               String justification, long modelRowVersion, String policyName) {
        handle.createUpdate(INSERT_ROLLBACK)
                .bind("id", requestId).bind("model", modelId).bind("from", fromState).bind("to", toState)
                .bind("by", requestedBy).bind("at", requestedAt).bind("why", justification).bind("rowVersion", modelRowVersion)
                .bind("policy", policyName).execute();
    }

    private static final String MARK_EXECUTING = "UPDATE transition_requests SET status = 'EXECUTING', decided_at = :at WHERE request_id = :r";

    @Override
    public void markExecuting(String requestId, String at) {
        handle.createUpdate(MARK_EXECUTING).bind("at", at).bind("r", requestId).execute();
    }

    private static final String MARK_REJECTED = "UPDATE transition_requests SET status = 'REJECTED', decided_at = :at WHERE request_id = :r";

    @Override
    public void markRejected(String requestId, String at) {
        handle.createUpdate(MARK_REJECTED).bind("at", at).bind("r", requestId).execute();
    }

    private static final String MARK_STALE =
            "UPDATE transition_requests SET status = 'STALE', decided_at = :at WHERE request_id = :r AND status = 'PENDING'";

    @Override
    public boolean markStale(String requestId, String at) {
        return handle.createUpdate(MARK_STALE).bind("at", at).bind("r", requestId).execute() > 0;
    }

    private static final String QUEUE = """
            SELECT r.request_id, r.kind, r.model_id, m.model_name, m.version, r.from_state, r.to_state, r.requested_by,
                   r.requested_at, r.justification, r.status, r.gate_report_json, r.required_approvals, r.decided_at,
                   (SELECT count(DISTINCT a.approver) FROM approvals a
                     WHERE a.request_id = r.request_id AND a.decision = 'APPROVE') AS approvals,
                   (SELECT a.approver FROM approvals a WHERE a.request_id = r.request_id
                     ORDER BY a.approval_id DESC LIMIT 1) AS decided_by,
                   (SELECT a.comment FROM approvals a WHERE a.request_id = r.request_id
                     ORDER BY a.approval_id DESC LIMIT 1) AS decision_comment
              FROM transition_requests r JOIN model_registry m ON m.model_id = r.model_id
             ORDER BY r.requested_at DESC, r.request_id DESC""";

    @Override
    public List<RequestQueueRow> queue() {
        return handle.createQuery(QUEUE).mapTo(RequestQueueRow.class).list();
    }

    // lineage, scorecards and drift

    private static final String OPEN_DRIFT_INCIDENT_SQL = """
            SELECT incident_id FROM incidents
             WHERE model_id = :model AND feature = :feature AND drift_kind = :kind AND status = 'OPEN'""";

    @Override
    public Optional<Long> openDriftIncident(String modelId, String feature, String driftKind) {
        return handle.createQuery(OPEN_DRIFT_INCIDENT_SQL)
                .bind("model", modelId).bind("feature", feature).bind("kind", driftKind)
                .mapTo(Long.class).findOne();
    }

    private static final String OPEN_INCIDENT_SQL = """
            INSERT INTO incidents (code, model_id, feature, drift_kind, severity, metric, value, threshold, drift_id,
                                   opened_at, opened_by, details_json)
            VALUES (:code, :model, :feature, :kind, :severity, :metric, :value, :threshold, :drift, :now, :actor, :details)""";

    @Override
    public long openDriftIncident(NewDriftIncident incident) {
        return handle.createUpdate(OPEN_INCIDENT_SQL)
                .bind("code", incident.code()).bind("model", incident.modelId()).bind("feature", incident.feature())
                .bind("kind", incident.driftKind()).bind("severity", incident.severity()).bind("metric", incident.metric())
                .bind("value", incident.value()).bind("threshold", incident.threshold()).bind("drift", incident.driftId())
                .bind("now", incident.openedAt()).bind("actor", incident.openedBy()).bind("details", incident.detailsJson())
                .executeAndReturnGeneratedKeys("incident_id").mapTo(Long.class).one();
    }

    private static final String OPEN_INCIDENTS_SQL = """
            SELECT incident_id, model_id, feature, drift_kind, metric, value, threshold, opened_at
              FROM incidents WHERE model_id = :id AND status = 'OPEN' ORDER BY incident_id DESC""";

    @Override
    public List<DriftIncidentRow> openIncidents(String modelId) {
        return handle.createQuery(OPEN_INCIDENTS_SQL)
                .bind("id", modelId)
                .map((rs, ctx) -> new DriftIncidentRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        (Double) rs.getObject(6), (Double) rs.getObject(7), rs.getString(8)))
                .list();
    }

    // The versions' ids as one JSON array, :ids, read by json_each.
    private static final String OF_VERSIONS_SQL = """
            SELECT model_id, request_id, from_state, to_state, requested_by, requested_at, justification, status, gate_passed,
                   gate_report_json, decided_at, executed_at, required_approvals
              FROM transition_requests WHERE model_id IN (SELECT value FROM json_each(:ids))
             ORDER BY model_id, requested_at, request_id""";

    @Override
    public List<VersionRequestRow> ofVersions(Collection<String> modelIds) {
        return handle.createQuery(OF_VERSIONS_SQL).bind("ids", CanonicalJson.write(List.copyOf(modelIds)))
                .mapTo(VersionRequestRow.class).list();
    }

    // signing and trust

    @Override
    public List<String> idsForModels(List<String> modelIds) {
        return handle.createQuery("SELECT request_id FROM transition_requests WHERE model_id IN (<m>)").bindList("m", modelIds)
                .mapTo(String.class).list();
    }

    private static final String REQUESTS_SQL = """
            SELECT request_id, model_id, from_state, to_state, requested_by, requested_at, justification, status, gate_report_json,
                   model_row_version, scorecard_digest, required_approvals, required_role, kind
              FROM transition_requests""";

    @Override
    public List<Map<String, Object>> rowsAsStored(Set<String> requestIds, Set<String> modelIds) {
        return requestIds == null ? handle.createQuery(REQUESTS_SQL).mapToMap().list()
                : KeyedRows.keyed(handle.createQuery(REQUESTS_SQL + " WHERE request_id IN (<a>) OR model_id IN (<b>)"), requestIds, modelIds);
    }
}
