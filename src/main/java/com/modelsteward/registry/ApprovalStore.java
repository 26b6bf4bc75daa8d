package com.modelsteward.registry;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The store's maker-checker decisions: {@code approvals}. Bound to one transaction or snapshot by {@link Store}. */
public interface ApprovalStore {

    // signing and trust

    /** The request's decisions, in the order they were recorded. The same method as on branch store-engine: keep one. */
    List<RecordedDecision> forRequest(String requestId);

    /** Every decision of the registry, as recorded. */
    List<SignedDecision> allSignedDecisions();

    /**
     * The approvals as stored, keyed by column (untyped: a replay of the signed history compares what is there); those of
     * {@code requestIds} only, or all when {@code requestIds} is null.
     */
    List<Map<String, Object>> rowsAsStored(Set<String> requestIds);
}
