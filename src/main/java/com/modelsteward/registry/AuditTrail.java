package com.modelsteward.registry;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.sqlite.SqliteDialect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The append-only, hash-chained audit log. Each entry's hash is SHA-256 over the entry's stored text (docs/schema.md,
 * "Audit chain"), so an auditor re-verifies it from the columns alone without re-serialising any JSON:
 *
 * <pre>hash = sha256_hex( prev_hash + "\n" + seq + "\n" + ts + "\n" + actor + "\n" + action + "\n" + entity + "\n" + payload_json )</pre>
 *
 * with {@code prev_hash} of the first entry sixty-four zeros.
 */
public final class AuditTrail {

    public static final String GENESIS = "0".repeat(64);

    /** The outcome of walking the chain: how many entries were checked and the first that does not match, if any. */
    public record Verification(long checked, Optional<Long> firstBadSeq, String problem) {

        public boolean ok() {
            return firstBadSeq.isEmpty();
        }
    }

    private AuditTrail() {
    }

    /** Appends one entry inside the caller's write transaction; the payload is stored as canonical JSON. */
    public static AuditEntry append(Handle handle, Clock clock, String actor, String action, String entity, Object payload) {
        String payloadJson = CanonicalJson.write(payload);
        var head = handle.createQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
                .map((rows, ctx) -> new Object[] {rows.getLong(1), rows.getString(2)}).findOne();
        long seq = head.map(row -> (Long) row[0] + 1).orElse(1L);
        String prevHash = head.map(row -> (String) row[1]).orElse(GENESIS);
        String ts = Timestamps.now(clock);
        String hash = hash(prevHash, seq, ts, actor, action, entity, payloadJson);
        handle.createUpdate("""
                        INSERT INTO audit_log (seq, ts, actor, action, entity, payload_json, prev_hash, hash)
                        VALUES (:seq, :ts, :actor, :action, :entity, :payload, :prev, :hash)""")
                .bind("seq", seq).bind("ts", ts).bind("actor", actor).bind("action", action).bind("entity", entity)
                .bind("payload", payloadJson).bind("prev", prevHash).bind("hash", hash)
                .execute();
        return new AuditEntry(seq, ts, actor, action, entity, payloadJson, prevHash, hash);
    }

    public static String hash(String prevHash, long seq, String ts, String actor, String action, String entity, String payloadJson) {
        return CanonicalJson.sha256Hex(chainText(prevHash, seq, ts, actor, action, entity, payloadJson).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Walks the whole chain in seq order over one forward-only cursor (no row objects, one reused digest: this is the
     * hot loop of {@code audit verify}); names the first entry whose links or hash do not match.
     */
    public static Verification verify(Registry registry) {
        return registry.readHandle(handle -> {
            try (PreparedStatement statement = handle.getConnection().prepareStatement(
                         "SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log ORDER BY seq");
                 ResultSet rows = statement.executeQuery()) {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                HexFormat hex = HexFormat.of();
                String expectedPrev = GENESIS;
                long checked = 0;
                while (rows.next()) {
                    long seq = rows.getLong(1);
                    String prevHash = rows.getString(7);
                    String problem = null;
                    if (seq != checked + 1) {
                        problem = "entry " + (checked + 1) + " is missing (next entry is " + seq + ")";
                    } else if (!expectedPrev.equals(prevHash)) {
                        problem = "entry " + seq + " does not link to the entry before it (prev_hash differs)";
                    } else {
                        String text = chainText(prevHash, seq, rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
                                rows.getString(6));
                        String hash = rows.getString(8);
                        if (!hex.formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8))).equals(hash)) {
                            problem = "entry " + seq + " was altered (its hash does not match its content)";
                        }
                        expectedPrev = hash;
                    }
                    if (problem != null) {
                        return new Verification(checked, Optional.of(seq), problem);
                    }
                    checked++;
                }
                return new Verification(checked, Optional.empty(), "");
            } catch (SQLException failed) {
                throw SqliteDialect.translate(failed, registry.file());
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("every JDK has SHA-256", impossible);
            }
        });
    }

    /**
     * The last sequence number up to which the entries after {@code fromSeq} (whose hash is {@code fromHash}) link and
     * hash correctly; {@code fromSeq} itself when the next entry is already broken.
     */
    public static long intactFrom(Handle handle, long fromSeq, String fromHash) {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(
                "SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq")) {
            statement.setLong(1, fromSeq);
            try (ResultSet rows = statement.executeQuery()) {
                long last = fromSeq;
                String prev = fromHash;
                while (rows.next()) {
                    long seq = rows.getLong(1);
                    String hash = rows.getString(8);
                    if (seq != last + 1 || !prev.equals(rows.getString(7)) || !hash(rows.getString(7), seq, rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6)).equals(hash)) {
                        break;
                    }
                    last = seq;
                    prev = hash;
                }
                return last;
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot read the audit log: " + failed.getMessage(), failed);
        }
    }

    private static String chainText(String prevHash, long seq, String ts, String actor, String action, String entity, String payloadJson) {
        return prevHash + "\n" + seq + "\n" + ts + "\n" + actor + "\n" + action + "\n" + entity + "\n" + payloadJson;
    }
}
