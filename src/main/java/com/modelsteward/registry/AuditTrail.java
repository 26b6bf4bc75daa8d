package com.modelsteward.registry;

import com.modelsteward.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
     * {@link AuditStore#verifyChain}: one forward-only pass). {@code audit verify} makes the same checks, with the same
     * sentences, inside the signed history's replay ({@code SignedHistory.checkWithChain}), so that each entry is read
     * and hashed once.
     */
    public static Verification verify(Registry registry) {
        return registry.read(store -> store.audit().verifyChain());
    }

    /** Entries a walk of the chain checks between two reports of its progress. */
    public static final int PROGRESS_EVERY = 4096;

    /** How far a walk of the chain has come. */
    @FunctionalInterface
    public interface Progress {
        /** {@code checked} entries of about {@code total} (the log's last sequence number when the walk began). */
        void update(long checked, long total);
    }

    /** {@link #verify(Registry)}, telling {@code progress} every {@link #PROGRESS_EVERY} entries (the console's count). */
    public static Verification verify(Registry registry, Progress progress) {
        return registry.read(store -> {
            long total = store.audit().lastSeq();
            return store.audit().verifyChain(checked -> progress.update(checked, total));
        });
    }

    /**
     * Checks entries' stored hashes the way {@link #hash} computes them, without building the text or the hex: one digest
     * reused, each column's UTF-8 bytes fed in turn (the separators are ASCII, so the bytes are those of {@link #chainText}),
     * and the digest compared with the stored lower-case hex in place. One per thread.
     */
    public static final class Hasher {

        private static final byte[] NEWLINE = {'\n'};
        private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
        private static final char[] HEX = "0123456789abcdef".toCharArray();

        private final MessageDigest sha256;

        public Hasher() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("every JDK has SHA-256", impossible);
            }
        }

        /** True when {@code hash} is exactly {@link #hash} of the other columns. */
        public boolean matches(String prevHash, long seq, String ts, String actor, String action, String entity, String payloadJson,
                               String hash) {
            feed(prevHash);
            sha256.update(NEWLINE);
            sha256.update(Long.toString(seq).getBytes(StandardCharsets.US_ASCII));
            sha256.update(NEWLINE);
            feed(ts);
            sha256.update(NEWLINE);
            feed(actor);
            sha256.update(NEWLINE);
            feed(action);
            sha256.update(NEWLINE);
            feed(entity);
            sha256.update(NEWLINE);
            feed(payloadJson);
            byte[] digest = sha256.digest();
            if (hash == null || hash.length() != 2 * digest.length) {
                return false;
            }
            for (int i = 0; i < digest.length; i++) {
                if (hash.charAt(2 * i) != HEX[(digest[i] >> 4) & 0xF] || hash.charAt(2 * i + 1) != HEX[digest[i] & 0xF]) {
                    return false;
                }
            }
            return true;
        }

        /** A column as string concatenation would write it: a null column is the text "null". */
        private void feed(String column) {
            sha256.update(column == null ? NULL : column.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The text an entry's hash is taken over (docs/schema.md, "Audit chain"). */
    public static String chainText(String prevHash, long seq, String ts, String actor, String action, String entity, String payloadJson) {
        return prevHash + "\n" + seq + "\n" + ts + "\n" + actor + "\n" + action + "\n" + entity + "\n" + payloadJson;
    }
}
