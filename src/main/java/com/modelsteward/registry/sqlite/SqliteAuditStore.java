package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.AuditAction;
import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.AuditStore;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.ChainHead;
import com.modelsteward.registry.SignedHead;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;

/** {@link AuditStore} on SQLite. */
final class SqliteAuditStore implements AuditStore {

    private final Handle handle;

    SqliteAuditStore(Handle handle) {
        this.handle = handle;
    }

    // signing and trust

    @Override
    public AuditEntry append(Clock clock, String actor, String action, String entity, Object payload) {
        return AuditTrail.append(handle, clock, actor, action, entity, payload);
    }

    @Override
    public ChainHead head() {
        return handle.createQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
                .map((row, ctx) -> new ChainHead(row.getLong("seq"), row.getString("hash"))).one();
    }

    @Override
    public long lastSeq() {
        return handle.createQuery("SELECT coalesce(max(seq), 0) FROM audit_log").mapTo(Long.class).one();
    }

    @Override
    public String hashAt(long seq) {
        return handle.createQuery("SELECT hash FROM audit_log WHERE seq = :s").bind("s", seq).mapTo(String.class).one();
    }

    @Override
    public long intactFrom(long fromSeq, String fromHash) {
        return AuditTrail.intactFrom(handle, fromSeq, fromHash);
    }

    @Override
    public void walk(Predicate<AuditEntry> visitor) {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(
                "SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log ORDER BY seq")) {
            visit(statement, visitor);
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot read the audit log: " + failed.getMessage(), failed);
        }
    }

    @Override
    public void walkFrom(long fromSeq, Predicate<AuditEntry> visitor) {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(
                "SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log WHERE seq >= ? ORDER BY seq")) {
            statement.setLong(1, fromSeq);
            visit(statement, visitor);
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot read the audit log: " + failed.getMessage(), failed);
        }
    }

    /** One forward-only cursor, no row objects kept: the replay of the whole history is the hot loop of {@code audit verify}. */
    private static void visit(PreparedStatement statement, Predicate<AuditEntry> visitor) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                AuditEntry entry = new AuditEntry(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                        rows.getString(6), rows.getString(7), rows.getString(8));
                if (!visitor.test(entry)) {
                    return;
                }
            }
        }
    }

    @Override
    public List<AuditAction> actionsOn(List<String> entities) {
        return handle.createQuery("SELECT seq, actor, action, entity, payload_json FROM audit_log WHERE entity IN (<e>) ORDER BY seq")
                .bindList("e", entities)
                .map((row, ctx) -> new AuditAction(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5)))
                .list();
    }

    @Override
    public Optional<AuditAction> action(long seq) {
        return handle.createQuery("SELECT seq, actor, action, entity, payload_json FROM audit_log WHERE seq = :s").bind("s", seq)
                .map((row, ctx) -> new AuditAction(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5)))
                .findOne();
    }

    @Override
    public void addSignedHead(long seq, String headHash, String signer, String signedAt, String signature) {
        handle.createUpdate("INSERT INTO audit_signatures (seq, head_hash, signer, signed_at, signature) VALUES (:s, :h, :u, :at, :sig)")
                .bind("s", seq).bind("h", headHash).bind("u", signer).bind("at", signedAt).bind("sig", signature).execute();
    }

    @Override
    public List<SignedHead> signedHeads() {
        return handle.createQuery(
                        "SELECT signature_id, seq, head_hash, signer, signed_at, signature FROM audit_signatures ORDER BY seq, signature_id")
                .map((row, ctx) -> new SignedHead(row.getLong("signature_id"), row.getLong("seq"), row.getString("head_hash"),
                        row.getString("signer"), row.getString("signed_at"), row.getString("signature")))
                .list();
    }

    @Override
    public List<SignedHead> signedHeadsAt(long seq) {
        return handle.createQuery("SELECT head_hash, signer, signed_at, signature FROM audit_signatures WHERE seq = :s ORDER BY signature_id")
                .bind("s", seq)
                .map((row, ctx) -> new SignedHead(0, seq, row.getString("head_hash"), row.getString("signer"), row.getString("signed_at"),
                        row.getString("signature")))
                .list();
    }

    @Override
    public List<SignedHead> signedHeadsOnChain(long afterSeq, long upToSeq) {
        return handle.createQuery("""
                        SELECT s.seq, s.head_hash, s.signer, s.signed_at, s.signature FROM audit_signatures s
                          JOIN audit_log l ON l.seq = s.seq AND l.hash = s.head_hash
                         WHERE s.seq > :from AND s.seq <= :to ORDER BY s.seq DESC""")
                .bind("from", afterSeq).bind("to", upToSeq)
                .map((row, ctx) -> new SignedHead(0, row.getLong("seq"), row.getString("head_hash"), row.getString("signer"),
                        row.getString("signed_at"), row.getString("signature")))
                .list();
    }

    @Override
    public int signedHeadCount() {
        return handle.createQuery("SELECT count(*) FROM audit_signatures").mapTo(Integer.class).one();
    }
}
