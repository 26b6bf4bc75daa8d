package com.modelsteward.registry;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The store's the hash-chained audit log and its signed heads: {@code audit_log}, {@code audit_signatures}. Bound to one transaction or snapshot by {@link Store}. */
public interface AuditStore {

    // rules, policy, command line and demo data
    /** Appends one entry to the chain; the payload is stored as canonical JSON ({@link AuditTrail#append}). Also on store-engine and store-trust: keep one when merging. */
    AuditEntry append(Clock clock, String actor, String action, String entity, Object payload);

    /** The payload of the newest POLICY_SET entry. */
    Optional<String> latestPolicySetPayload();

    /** The hash of the newest entry, empty on an empty log. */
    Optional<String> headHash();

    /** The newest entry's seq, 0 on an empty log. Also on store-trust: keep one when merging. */
    long lastSeq();

    /** Inserts entries already chained (seq, prev_hash and hash computed by the caller) in one batch. */
    void insertChained(List<AuditEntry> entries);
}
