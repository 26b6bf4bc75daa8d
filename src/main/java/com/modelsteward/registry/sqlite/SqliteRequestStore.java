package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.RequestStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** {@link RequestStore} on SQLite. */
final class SqliteRequestStore implements RequestStore {

    private final Handle handle;

    SqliteRequestStore(Handle handle) {
        this.handle = handle;
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
