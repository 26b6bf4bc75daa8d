package com.modelsteward.registry;

/** One {@code approvals} row: a decision on a transition request. */
public record RequestApprovalRow(String requestId, String approver, String decision, String comment, String decidedAt) {
}
