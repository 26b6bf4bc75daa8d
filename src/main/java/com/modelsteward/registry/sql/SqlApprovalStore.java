package com.modelsteward.registry.sql;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.ApprovalStore;
import com.modelsteward.registry.GrantedApproval;
import com.modelsteward.registry.RecordedDecision;
import com.modelsteward.registry.RequestApprovalRow;
import com.modelsteward.registry.SignedDecision;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** {@link ApprovalStore} in SQL that every engine runs ({@link Dialect}). */
final class SqlApprovalStore implements ApprovalStore {

    private final Handle handle;

    SqlApprovalStore(Handle handle) {
        this.handle = handle;
    }

    // governance engine

    private static final String APPROVERS = "SELECT approver FROM approvals WHERE request_id = :r";

    @Override
    public List<String> approvers(String requestId) {
        return handle.createQuery(APPROVERS).bind("r", requestId).mapTo(String.class).list();
    }

    private static final String HAS_DECIDED = "SELECT count(*) FROM approvals WHERE request_id = :r AND approver = :u";

    @Override
    public boolean hasDecided(String requestId, String approver) {
        return handle.createQuery(HAS_DECIDED).bind("r", requestId).bind("u", approver).mapTo(Integer.class).one() > 0;
    }

    private static final String INSERT = """
            INSERT INTO approvals (request_id, approver, decision, comment, decided_at, signature)
            VALUES (:r, :u, :d, :c, :at, :sig)""";

    @Override
    public void insert(String requestId, String approver, String decision, String comment, String decidedAt, String signature) {
        handle.createUpdate(INSERT).bind("r", requestId).bind("u", approver).bind("d", decision).bind("c", comment)
                .bind("at", decidedAt).bind("sig", signature).execute();
    }

    private static final String APPROVING_COUNT =
            "SELECT count(DISTINCT approver) FROM approvals WHERE request_id = :r AND decision = 'APPROVE'";

    @Override
    public int approvingCount(String requestId) {
        return handle.createQuery(APPROVING_COUNT).bind("r", requestId).mapTo(Integer.class).one();
    }

    private static final String GRANTED =
            "SELECT approver, comment, decided_at FROM approvals WHERE request_id = :r AND decision = 'APPROVE' ORDER BY approval_id";

    @Override
    public List<GrantedApproval> granted(String requestId) {
        return handle.createQuery(GRANTED).bind("r", requestId)
                .map((rs, ctx) -> new GrantedApproval(rs.getString("approver"), rs.getString("comment"), rs.getString("decided_at"))).list();
    }

    private static final String FOR_REQUEST =
            "SELECT approver, decision, comment, decided_at, signature FROM approvals WHERE request_id = :r ORDER BY approval_id";

    @Override
    public List<RecordedDecision> forRequest(String requestId) {
        return handle.createQuery(FOR_REQUEST).bind("r", requestId)
                .map((rs, ctx) -> new RecordedDecision(rs.getString("approver"), rs.getString("decision"), rs.getString("comment"),
                        rs.getString("decided_at"), rs.getString("signature"))).list();
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
                .mapTo(RequestApprovalRow.class).list();
    }

    // signing and trust

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
