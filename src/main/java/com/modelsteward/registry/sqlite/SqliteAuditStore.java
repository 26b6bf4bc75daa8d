package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.AuditStore;
import com.modelsteward.registry.AuditTrail;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** {@link AuditStore} on SQLite. */
final class SqliteAuditStore implements AuditStore {

    private final Handle handle;

    SqliteAuditStore(Handle handle) {
        this.handle = handle;
    }

    // rules, policy, command line and demo data

    @Override
    public AuditEntry append(Clock clock, String actor, String action, String entity, Object payload) {
        return AuditTrail.append(handle, clock, actor, action, entity, payload);
    }

    private static final String LATEST_POLICY_SET =
            "SELECT payload_json FROM audit_log WHERE action = 'POLICY_SET' ORDER BY seq DESC LIMIT 1";

    @Override
    public Optional<String> latestPolicySetPayload() {
        return handle.createQuery(LATEST_POLICY_SET).mapTo(String.class).findOne();
    }

    private static final String HEAD_HASH = "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1";

    @Override
    public Optional<String> headHash() {
        return handle.createQuery(HEAD_HASH).mapTo(String.class).findOne();
    }

    private static final String LAST_SEQ = "SELECT coalesce(max(seq), 0) FROM audit_log";

    @Override
    public long lastSeq() {
        return handle.createQuery(LAST_SEQ).mapTo(Long.class).one();
    }

    private static final String INSERT_CHAINED = """
            INSERT INTO audit_log (seq, ts, actor, action, entity, payload_json, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

    /** A plain JDBC batch with positional parameters: binding by name cost a map lookup per value (scale registries). */
    @Override
    public void insertChained(List<AuditEntry> entries) {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(INSERT_CHAINED)) {
            for (AuditEntry entry : entries) {
                statement.setLong(1, entry.seq());
                statement.setString(2, entry.ts());
                statement.setString(3, entry.actor());
                statement.setString(4, entry.action());
                statement.setString(5, entry.entity());
                statement.setString(6, entry.payloadJson());
                statement.setString(7, entry.prevHash());
                statement.setString(8, entry.hash());
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException failed) {
            throw new IllegalStateException(failed.getMessage(), failed);
        }
    }
}
