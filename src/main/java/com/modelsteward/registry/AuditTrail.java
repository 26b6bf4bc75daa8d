package com.modelsteward.registry;

import com.modelsteward.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

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

    /**
     * The outcome of walking the chain: how many entries were checked and the first that does not match, if any.
     * {@code whole} is false when only the segments a one-version check needs were walked ({@code trust.ChainCheckpoints}).
     */
    public record Verification(long checked, Optional<Long> firstBadSeq, String problem, boolean whole) {

        /** A walk of the whole chain. */
        public Verification(long checked, Optional<Long> firstBadSeq, String problem) {
            this(checked, firstBadSeq, problem, true);
        }

        public boolean ok() {
            return firstBadSeq.isEmpty();
        }
    }

    private AuditTrail() {
    }

    public static String hash(String prevHash, long seq, String ts, String actor, String action, String entity, String payloadJson) {
        return CanonicalJson.sha256Hex(chainText(prevHash, seq, ts, actor, action, entity, payloadJson).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Walks the whole chain in seq order and names the first entry whose links or hash do not match (the engine's
     * {@link AuditStore#verifyChain}: one forward-only pass, the hot loop of {@code audit verify}).
     */
    public static Verification verify(Registry registry) {
        return registry.read(store -> store.audit().verifyChain());
    }

    /** The text an entry's hash is taken over (docs/schema.md, "Audit chain"). */
    public static String chainText(String prevHash, long seq, String ts, String actor, String action, String entity, String payloadJson) {
        return prevHash + "\n" + seq + "\n" + ts + "\n" + actor + "\n" + action + "\n" + entity + "\n" + payloadJson;
    }
}
