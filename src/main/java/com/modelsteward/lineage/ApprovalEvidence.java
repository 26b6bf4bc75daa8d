package com.modelsteward.lineage;

/** One decision of a risk officer on a transition request. */
public record ApprovalEvidence(String requestId, String approver, String decision, String comment, String decidedAt) {
}
