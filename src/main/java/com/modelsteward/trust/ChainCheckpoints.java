package com.modelsteward.trust;

import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.SignedHead;
import com.modelsteward.registry.Store;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The audit chain verified only where a one-version check needs it, from signed heads as checkpoints (docs/security.md,
 * "Checking one version"). A checkpoint is a signed head whose signature verifies by a trusted key and whose hash is the
 * chain's at its entry: whoever writes the file cannot make one for entries they changed without a trusted private key.
 *
 * <p>Verified: for each entry asked about, the chain from the checkpoint before it (or the first entry) to the checkpoint
 * after it, every link and hash; and the tail from the newest checkpoint to the last entry, so an entry changed after the
 * last signed head is found as well. A head that verifies but no longer matches the chain (the history rewritten after it
 * was signed) at or after the first entry asked about fails the check. With no checkpoint at all, the whole chain is walked.
 * What this does not see: an entry changed or removed between two checkpoints that enclose none of the entries asked
 * about; {@code audit verify} walks everything.
 */
public final class ChainCheckpoints {

    private final Store store;
    private final Map<String, Signatures.KeyCheck> keys = new HashMap<>();
    /** Every head on the chain by seq; whether one at that seq verifies is decided on first need. */
    private final TreeMap<Long, List<SignedHead>> heads = new TreeMap<>();
    private final Map<Long, Boolean> valid = new HashMap<>();

    private ChainCheckpoints(Store store) {
        this.store = store;
    }

    /**
     * Verifies the segments of the chain that enclose {@code seqs}, and the tail. {@code checked} counts the entries walked;
     * the problem names the first entry that does not match, in the words of {@link AuditTrail#verify}.
     */
    public static AuditTrail.Verification verify(Store store, Collection<Long> seqs) {
        return new ChainCheckpoints(store).run(new TreeSet<>(seqs));
    }

    private AuditTrail.Verification run(TreeSet<Long> seqs) {
        long last = store.audit().lastSeq();
        for (SignedHead head : store.audit().signedHeadsOnChain(0, last)) {
            heads.computeIfAbsent(head.seq(), seq -> new ArrayList<>()).add(head);
        }
        Optional<Long> newest = previousCheckpoint(last + 1);
        if (newest.isEmpty()) {
            return store.audit().verifyChain();
        }
        long firstAsked = seqs.isEmpty() ? newest.get() : seqs.first();
        for (SignedHead head : store.audit().signedHeadsOffChain()) {
            if (head.seq() >= firstAsked && verifies(head)) {
                return new AuditTrail.Verification(0, Optional.of(head.seq()), "entry " + head.seq()
                        + " is not the entry its signed head (by " + head.signer() + ") vouches for: the history was rewritten from there on", false);
            }
        }
        // Segments as (from, to]: from a checkpoint (or 0, the genesis) to the next checkpoint (or the last entry).
        TreeMap<Long, Long> segments = new TreeMap<>();
        segments.put(newest.get(), last);
        for (long seq : seqs) {
            if (seq > newest.get() || seq < 1 || seq > last) {
                continue;
            }
            long from = previousCheckpoint(seq).orElse(0L);
            long to = nextCheckpoint(seq).orElse(last);
            segments.merge(from, to, Math::max);
        }
        long checked = 0;
        long walkedTo = -1;
        for (Map.Entry<Long, Long> segment : segments.entrySet()) {
            long from = Math.max(segment.getKey(), walkedTo);
            long to = segment.getValue();
            if (to <= from) {
                continue;
            }
            Optional<AuditTrail.Verification> broken = walk(from, to, checked);
            if (broken.isPresent()) {
                return broken.get();
            }
            checked += to - from;
            walkedTo = to;
        }
        return new AuditTrail.Verification(checked, Optional.empty(), "", false);
    }

    /** The newest checkpoint before {@code seq}. */
    private Optional<Long> previousCheckpoint(long seq) {
        for (Long at = heads.lowerKey(seq); at != null; at = heads.lowerKey(at)) {
            if (checkpoint(at)) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    /** The oldest checkpoint at or after {@code seq}. */
    private Optional<Long> nextCheckpoint(long seq) {
        for (Long at = heads.ceilingKey(seq); at != null; at = heads.higherKey(at)) {
            if (checkpoint(at)) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    private boolean checkpoint(long seq) {
        return valid.computeIfAbsent(seq, at -> heads.get(at).stream().anyMatch(this::verifies));
    }

    private boolean verifies(SignedHead head) {
        Signatures.KeyCheck key = keys.computeIfAbsent(head.signer(), user -> Signatures.trustedKey(store, user));
        return key.trusted() && Keys.verifyCanonical(key.publicKey(), Signatures.headFields(head.seq(), head.headHash(), head.signer(),
                head.signedAt()), head.signature());
    }

    /** Walks entries {@code from + 1} … {@code to}, linking the first to the hash at {@code from}. */
    private Optional<AuditTrail.Verification> walk(long from, long to, long checkedBefore) {
        String[] expectedPrev = {from == 0 ? AuditTrail.GENESIS : store.audit().hashAt(from)};
        long[] expectedSeq = {from + 1};
        AuditTrail.Verification[] broken = {null};
        store.audit().walkFrom(from + 1, entry -> {
            long seq = entry.seq();
            String problem = null;
            if (seq != expectedSeq[0]) {
                problem = "entry " + expectedSeq[0] + " is missing (next entry is " + seq + ")";
            } else if (!expectedPrev[0].equals(entry.prevHash())) {
                problem = "entry " + seq + " does not link to the entry before it (prev_hash differs)";
            } else if (!AuditTrail.hash(entry.prevHash(), seq, entry.ts(), entry.actor(), entry.action(), entry.entity(), entry.payloadJson())
                    .equals(entry.hash())) {
                problem = "entry " + seq + " was altered (its hash does not match its content)";
            }
            if (problem != null) {
                broken[0] = new AuditTrail.Verification(checkedBefore + seq - from - 1, Optional.of(seq), problem, false);
                return false;
            }
            expectedPrev[0] = entry.hash();
            expectedSeq[0] = seq + 1;
            return seq < to;
        });
        if (broken[0] == null && expectedSeq[0] <= to) {
            broken[0] = new AuditTrail.Verification(checkedBefore + expectedSeq[0] - from - 1, Optional.of(expectedSeq[0]),
                    "entry " + expectedSeq[0] + " is missing (the log ends before it)", false);
        }
        return Optional.ofNullable(broken[0]);
    }
}
