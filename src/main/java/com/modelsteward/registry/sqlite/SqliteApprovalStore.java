package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.ApprovalStore;
import com.modelsteward.registry.CanonicalJson;
import com.modelsteward.registry.RequestApprovalRow;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** {@link ApprovalStore} on SQLite. */
final class SqliteApprovalStore implements ApprovalStore {

    private final Handle handle;

    SqliteApprovalStore(Handle handle) {
        this.handle = handle;
    }

    // lineage, scorecards and drift

    // The versions' ids as one JSON array, :ids, read by json_each.
    private static final String OF_VERSIONS_SQL = """
            SELECT a.request_id, a.approver, a.decision, a.comment, a.decided_at
              FROM approvals a JOIN transition_requests r ON r.request_id = a.request_id
             WHERE r.model_id IN (SELECT value FROM json_each(:ids))
             ORDER BY a.decided_at, a.approval_id""";

    @Override
    public List<RequestApprovalRow> ofVersions(Collection<String> modelIds) {
        return handle.createQuery(OF_VERSIONS_SQL).bind("ids", CanonicalJson.write(List.copyOf(modelIds)))
                .map(ConstructorMapper.of(RequestApprovalRow.class)).list();
    }
}
