package com.modelsteward.registry;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The store's the hash-chained audit log and its signed heads: {@code audit_log}, {@code audit_signatures}. Bound to one transaction or snapshot by {@link Store}. */
public interface AuditStore {

    // signing and trust

    /** Appends one entry to the chain ({@link AuditTrail#append}); the payload is stored as canonical JSON. */
    AuditEntry append(Clock clock, String actor, String action, String entity, Object payload);

    /** The chain's newest entry; fails on an empty chain. */
    ChainHead head();

    /** The number of the chain's newest entry, 0 when it is empty. */
    long lastSeq();

    /** The stored hash of entry {@code seq}; fails when there is no such entry. */
    String hashAt(long seq);

    /** {@link AuditTrail#intactFrom}: how far the entries after {@code fromSeq} link and hash correctly. */
    long intactFrom(long fromSeq, String fromHash);

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

    /** How many signed heads there are. */
    int signedHeadCount();
}
