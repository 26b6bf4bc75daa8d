package com.modelsteward.registry;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

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
     * The entries about one version, in {@code seq} order. The writers name the entity either by the bare model id or
     * with a prefix ("model:ID", "model/ID"), and request entries carry the model id in their payload; all of these count.
     */
    List<AuditEntry> about(String modelId);

    /**
     * One pass over the whole log in {@code seq} order: {@code select} sees each entry's entity and payload, and only
     * the entries it returns a value for (not null) are read whole and handed to {@code found} with that value.
     */
    <T> void scan(BiFunction<String, String, T> select, BiConsumer<T, AuditEntry> found);

    // rules, policy, command line and demo data

    /** The payload of the newest POLICY_SET entry. */
    Optional<String> latestPolicySetPayload();

    /** The hash of the newest entry, empty on an empty log. */
    Optional<String> headHash();

    /** The newest entry's seq, 0 on an empty log. Also on store-trust: keep one when merging. */
    long lastSeq();

    /** Inserts entries already chained (seq, prev_hash and hash computed by the caller) in one batch. */
    void insertChained(List<AuditEntry> entries);
}
