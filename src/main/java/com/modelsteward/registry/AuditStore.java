package com.modelsteward.registry;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/** The store's the hash-chained audit log and its signed heads: {@code audit_log}, {@code audit_signatures}. Bound to one transaction or snapshot by {@link Store}. */
public interface AuditStore {

    // governance engine

    /** Appends one hash-chained entry ({@link AuditTrail#append}); the payload is stored as canonical JSON. */
    AuditEntry append(Clock clock, String actor, String action, String entity, Object payload);

    /** The ACTIVE_CHANGED entries of an entity, oldest first. */
    List<AuditLine> activeChanges(String entity);

    /** The payloads of the ACTIVE_CHANGED entries of an entity, oldest first. */
    List<String> activeChangePayloads(String entity);

    /** The payloads of the TRANSITION entries of an entity, oldest first. */
    List<String> transitionPayloads(String entity);

    /** The APPROVE and REJECT entries of an entity, oldest first. */
    List<ActorPayload> decisionEntries(String entity);

    // lineage, scorecards and drift

    /**
     * The entries that name one version ({@link AuditMentions}: by entity or by a string of the payload), in {@code seq}
     * order, found through {@code audit_mentions}.
     */
    List<AuditEntry> about(String modelId);

    /** {@link #about} for many versions in one query: each asked id that some entry names, with its entries in {@code seq} order. */
    Map<String, List<AuditEntry>> mentioning(Collection<String> modelIds);

    /** Every row of {@code audit_mentions} as stored, in {@code (seq, model_id)} order: what {@code audit verify} checks. */
    void mentionRows(BiConsumer<Long, String> each);

    // rules, policy, command line and demo data

    /** The payload of the newest POLICY_SET entry. */
    Optional<String> latestPolicySetPayload();

    /** The hash of the newest entry, empty on an empty log. */
    Optional<String> headHash();

    /** The newest entry's seq, 0 on an empty log. Also on store-trust: keep one when merging. */
    long lastSeq();

    /** Inserts entries already chained (seq, prev_hash and hash computed by the caller) in one batch. */
    void insertChained(List<AuditEntry> entries);

    // signing and trust

    /** The chain's newest entry; fails on an empty chain. */
    ChainHead head();

    /** The stored hash of entry {@code seq}; fails when there is no such entry. */
    String hashAt(long seq);

    /**
     * The last sequence number up to which the entries after {@code fromSeq} (whose hash is {@code fromHash}) link and
     * hash correctly; {@code fromSeq} itself when the next entry is already broken.
     */
    default long intactFrom(long fromSeq, String fromHash) {
        return intactFrom(fromSeq, fromHash, walked -> {
        });
    }

    /** The same, telling {@code walked} how many entries have been walked, every {@link AuditTrail#PROGRESS_EVERY} entries. */
    long intactFrom(long fromSeq, String fromHash, LongConsumer walked);

    /**
     * Walks the whole chain in {@code seq} order over one forward-only cursor, until {@code visitor} returns false.
     * Fails with an {@link IllegalStateException} when the log cannot be read.
     */
    void walk(Predicate<AuditEntry> visitor);

    /** {@link #walk} from entry {@code fromSeq} on. */
    void walkFrom(long fromSeq, Predicate<AuditEntry> visitor);

    /** The entries about any of {@code entities}, in {@code seq} order. */
    List<AuditAction> actionsOn(List<String> entities);

    /** Entry {@code seq}, if there is one. */
    Optional<AuditAction> action(long seq);

    /** Stores a signed head: {@code signer}'s signature over the chain's hash at {@code seq}. */
    void addSignedHead(long seq, String headHash, String signer, String signedAt, String signature);

    /** Every signed head, by {@code seq} then as stored. */
    List<SignedHead> signedHeads();

    /** The signed heads at entry {@code seq}, as stored ({@code signatureId} not read). */
    List<SignedHead> signedHeadsAt(long seq);

    /**
     * The signed heads after {@code afterSeq} up to {@code upToSeq} whose hash is the chain's at their entry, newest
     * first ({@code signatureId} not read).
     */
    List<SignedHead> signedHeadsOnChain(long afterSeq, long upToSeq);

    /**
     * The signed heads whose hash is not the chain's at their entry, or whose entry is gone, by {@code seq}
     * ({@code signatureId} not read): where the history was rewritten or cut after it was signed.
     */
    List<SignedHead> signedHeadsOffChain();

    /** How many signed heads there are. */
    int signedHeadCount();

    /** The whole chain walked in seq order: how many entries were checked and the first that does not match, if any. */
    default AuditTrail.Verification verifyChain() {
        return verifyChain(checked -> {
        });
    }

    /**
     * The same, telling {@code checked} how many entries have been checked, every {@link AuditTrail#PROGRESS_EVERY}
     * entries, on the caller's thread.
     */
    AuditTrail.Verification verifyChain(LongConsumer checked);
}
