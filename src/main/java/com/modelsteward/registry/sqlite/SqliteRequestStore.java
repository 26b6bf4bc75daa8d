package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.CanonicalJson;
import com.modelsteward.registry.DriftIncidentRow;
import com.modelsteward.registry.NewDriftIncident;
import com.modelsteward.registry.RequestStore;
import com.modelsteward.registry.VersionRequestRow;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** {@link RequestStore} on SQLite. */
final class SqliteRequestStore implements RequestStore {

    private final Handle handle;

    SqliteRequestStore(Handle handle) {
        this.handle = handle;
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
                .map(ConstructorMapper.of(VersionRequestRow.class)).list();
    }
}
