package com.modelsteward.registry;

import java.time.Clock;
import java.util.List;

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
}
