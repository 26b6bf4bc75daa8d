package com.modelsteward.registry.sql;

import com.modelsteward.registry.RuleChangeRow;
import com.modelsteward.registry.RuleStore;
import com.modelsteward.registry.StoredPolicy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link RuleStore} in SQL that every engine runs ({@link Dialect}). */
final class SqlRuleStore implements RuleStore {

    private final Handle handle;
    private final Dialect dialect;

    SqlRuleStore(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    // rules, policy, command line and demo data

    private static final String SELECT_CHANGE = """
            SELECT change_id, kind, target, target_user, role, policy_name, policy_text, policy_format, policy_sha256, base_sha256,
                   requested_by, requested_at, requester_signature, four_eyes, status, decided_by, decided_at, decision_comment,
                   decision_signature
              FROM rule_changes""";

    private static final String ALL_CHANGES = SELECT_CHANGE + " ORDER BY change_id DESC";

    @Override
    public List<RuleChangeRow> all() {
        return handle.createQuery(ALL_CHANGES).map((rs, ctx) -> change(rs)).list();
    }

    private static final String FIND_CHANGE = SELECT_CHANGE + " WHERE change_id = :id";

    @Override
    public Optional<RuleChangeRow> find(String changeId) {
        return handle.createQuery(FIND_CHANGE).bind("id", changeId).map((rs, ctx) -> change(rs)).findOne();
    }

    private static RuleChangeRow change(ResultSet rs) throws SQLException {
        return new RuleChangeRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getInt(14) == 1, rs.getString(15), rs.getString(16), rs.getString(17),
                rs.getString(18), rs.getString(19));
    }

    private static final String PENDING_COUNT = "SELECT count(*) FROM rule_changes WHERE status = 'PENDING'";

    @Override
    public long pendingCount() {
        return handle.createQuery(PENDING_COUNT).mapTo(Long.class).one();
    }

    @Override
    public long nextNumber() {
        return handle.createQuery(dialect.nextNumberSql("rule_changes")).mapTo(Long.class).one();
    }

    private static final String INSERT_REQUEST = """
            INSERT INTO rule_changes (change_id, kind, target, target_user, role, policy_name, policy_text, policy_format,
                policy_sha256, base_sha256, requested_by, requested_at, requester_signature, four_eyes)
            VALUES (:id, :kind, :target, :user, :role, :policy, :text, :format, :sha, :base, :by, :at, :sig, :fourEyes)""";

    @Override
    public void insertRequest(RuleChangeRow change) {
        handle.createUpdate(INSERT_REQUEST)
                .bind("id", change.changeId()).bind("kind", change.kind()).bind("target", change.target())
                .bind("user", change.targetUser()).bind("role", change.role()).bind("policy", change.policyName())
                .bind("text", change.policyText()).bind("format", change.policyFormat()).bind("sha", change.policySha256())
                .bind("base", change.baseSha256()).bind("by", change.requestedBy()).bind("at", change.requestedAt())
                .bind("sig", change.requesterSignature()).bind("fourEyes", change.fourEyes() ? 1 : 0).execute();
    }

    private static final String RECORD_DECISION = """
            UPDATE rule_changes SET status = :s, decided_by = :by, decided_at = :at, decision_comment = :c, decision_signature = :sig
             WHERE change_id = :id AND status = 'PENDING'""";

    @Override
    public void recordDecision(String changeId, String status, String decidedBy, String decidedAt, String comment, String signature) {
        handle.createUpdate(RECORD_DECISION)
                .bind("s", status).bind("by", decidedBy).bind("at", decidedAt).bind("c", comment).bind("sig", signature)
                .bind("id", changeId).execute();
    }

    private static final String APPLIED_POLICY_TEXT =
            "SELECT policy_text FROM rule_changes WHERE policy_sha256 = :s AND status = 'APPLIED' ORDER BY change_id DESC LIMIT 1";

    @Override
    public Optional<String> appliedPolicyText(String sha256) {
        return handle.createQuery(APPLIED_POLICY_TEXT).bind("s", sha256).mapTo(String.class).findOne();
    }

    private static final String STORED_POLICY = "SELECT key, value FROM registry_meta WHERE key IN (:text, :format)";

    @Override
    public StoredPolicy storedPolicy() {
        Map<String, String> values = new LinkedHashMap<>();
        handle.createQuery(STORED_POLICY)
                .bind("text", POLICY_TEXT_KEY).bind("format", POLICY_FORMAT_KEY)
                .map((rows, ctx) -> values.put(rows.getString(1), rows.getString(2))).list();
        return new StoredPolicy(values.get(POLICY_TEXT_KEY), values.get(POLICY_FORMAT_KEY));
    }

    private static final String STORED_POLICY_TEXT = "SELECT value FROM registry_meta WHERE key = :k";

    @Override
    public Optional<String> storedPolicyText() {
        return handle.createQuery(STORED_POLICY_TEXT).bind("k", POLICY_TEXT_KEY).mapTo(String.class).findOne();
    }

    private static final String UPSERT_META =
            "INSERT INTO registry_meta (key, value) VALUES (:k, :v) ON CONFLICT (key) DO UPDATE SET value = excluded.value";

    @Override
    public void storePolicy(String text, String format) {
        for (Map.Entry<String, String> entry : Map.of(POLICY_TEXT_KEY, text, POLICY_FORMAT_KEY, format).entrySet()) {
            handle.createUpdate(UPSERT_META).bind("k", entry.getKey()).bind("v", entry.getValue()).execute();
        }
    }

    // signing and trust

    @Override
    public List<Map<String, Object>> changeRowsAsStored() {
        return handle.createQuery("SELECT change_id, kind, target, role, policy_sha256, requested_by, status, decided_by FROM rule_changes")
                .mapToMap().list();
    }
}
