package com.modelsteward.registry;

/**
 * An approval or rejection as stored, with the approver's signature over it. {@code approvalId} is 0 where the reading
 * method says it is not read.
 */
public record SignedDecision(long approvalId, String requestId, String approver, String decision, String comment, String decidedAt,
                             String signature) {
}
