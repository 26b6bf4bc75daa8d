package com.modelsteward.registry;

/** An approval or rejection as stored, with its id and request and the approver's signature over it. */
public record SignedDecision(long approvalId, String requestId, String approver, String decision, String comment, String decidedAt,
                             String signature) {
}
