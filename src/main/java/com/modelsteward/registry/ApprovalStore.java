package com.modelsteward.registry;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The store's maker-checker decisions: {@code approvals}. Bound to one transaction or snapshot by {@link Store}. */
public interface ApprovalStore {

    // governance engine

    /** Everyone who decided the request so far. */
    List<String> approvers(String requestId);

    boolean hasDecided(String requestId, String approver);

    void insert(String requestId, String approver, String decision, String comment, String decidedAt, String signature);

    /** How many distinct people approved the request. */
    int approvingCount(String requestId);

    /** The request's APPROVE decisions, in the order they were recorded. */
    List<GrantedApproval> granted(String requestId);

    /** The request's decisions, in the order they were recorded. */
    List<RecordedDecision> forRequest(String requestId);

    // lineage, scorecards and drift

    /** The decisions on the transition requests of {@code modelIds}, in the order they were made. */
    List<RequestApprovalRow> ofVersions(Collection<String> modelIds);

    // signing and trust

    /** Every decision of the registry, as recorded. */
    List<SignedDecision> allSignedDecisions();

    /**
     * The approvals as stored, keyed by column (untyped: a replay of the signed history compares what is there); those of
     * {@code requestIds} only, or all when {@code requestIds} is null.
     */
    List<Map<String, Object>> rowsAsStored(Set<String> requestIds);
}
