package com.modelsteward.registry;

/** One {@code approvals} row: a person's APPROVE or REJECT of a request, with its signature (null when unsigned). */
public record RecordedDecision(String approver, String decision, String comment, String decidedAt, String signature) {
}
