package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.ApprovalStore;
import com.modelsteward.registry.RecordedDecision;
import com.modelsteward.registry.SignedDecision;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** {@link ApprovalStore} on SQLite. */
final class SqliteApprovalStore implements ApprovalStore {

    private final Handle handle;

    SqliteApprovalStore(Handle handle) {
        this.handle = handle;
    }

    // signing and trust

    private static final String FOR_REQUEST =
            "SELECT approver, decision, comment, decided_at, signature FROM approvals WHERE request_id = :r ORDER BY approval_id";

    @Override
    public List<RecordedDecision> forRequest(String requestId) {
        return handle.createQuery(FOR_REQUEST).bind("r", requestId)
                .map((rs, ctx) -> new RecordedDecision(rs.getString("approver"), rs.getString("decision"), rs.getString("comment"),
                        rs.getString("decided_at"), rs.getString("signature"))).list();
    }

    @Override
    public List<SignedDecision> allSignedDecisions() {
        return handle.createQuery("""
                        SELECT a.approval_id, a.approver, a.decision, a.comment, a.decided_at, a.signature, a.request_id
                          FROM approvals a ORDER BY a.approval_id""")
                .map((row, ctx) -> new SignedDecision(row.getLong("approval_id"), row.getString("request_id"), row.getString("approver"),
                        row.getString("decision"), row.getString("comment"), row.getString("decided_at"), row.getString("signature")))
                .list();
    }

    private static final String APPROVALS_SQL = "SELECT approval_id, request_id, approver, decision, comment, decided_at, signature FROM approvals";

    @Override
    public List<Map<String, Object>> rowsAsStored(Set<String> requestIds) {
        return requestIds == null ? handle.createQuery(APPROVALS_SQL).mapToMap().list()
                : KeyedRows.keyed(handle.createQuery(APPROVALS_SQL + " WHERE request_id IN (<a>)"), requestIds, null);
    }
}
