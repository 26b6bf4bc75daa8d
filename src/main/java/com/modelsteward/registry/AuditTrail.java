package com.modelsteward.registry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
        String text = prevHash + "\n" + seq + "\n" + ts + "\n" + actor + "\n" + action + "\n" + entity + "\n" + payloadJson;
        return CanonicalJson.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Walks the whole chain in seq order, streaming; names the first entry whose links or hash do not match. */
    public static Verification verify(Registry registry) {
        return registry.read(handle -> {
            AtomicLong checked = new AtomicLong();
            AtomicReference<String> expectedPrev = new AtomicReference<>(GENESIS);
            AtomicLong expectedSeq = new AtomicLong(1);
            AtomicReference<Verification> failure = new AtomicReference<>();
            try (var rows = handle.createQuery(
                            "SELECT seq, ts, actor, action, entity, payload_json, prev_hash, hash FROM audit_log ORDER BY seq")
                    .mapTo(AuditEntry.class).stream()) {
                rows.takeWhile(entry -> failure.get() == null).forEach(entry -> {
                    String problem = null;
                    if (entry.seq() != expectedSeq.get()) {
                        problem = "entry " + expectedSeq.get() + " is missing (next entry is " + entry.seq() + ")";
                    } else if (!entry.prevHash().equals(expectedPrev.get())) {
                        problem = "entry " + entry.seq() + " does not link to the entry before it (prev_hash differs)";
                    } else if (!entry.hash().equals(hash(entry.prevHash(), entry.seq(), entry.ts(), entry.actor(), entry.action(),
                            entry.entity(), entry.payloadJson()))) {
                        problem = "entry " + entry.seq() + " was altered (its hash does not match its content)";
                    }
                    if (problem != null) {
                        failure.set(new Verification(checked.get(), Optional.of(entry.seq()), problem));
                        return;
                    }
                    checked.incrementAndGet();
                    expectedSeq.incrementAndGet();
                    expectedPrev.set(entry.hash());
                });
            }
            return failure.get() != null ? failure.get() : new Verification(checked.get(), Optional.empty(), "");
        });
    }
}
