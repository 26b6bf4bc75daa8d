package com.modelsteward.registry;

/** One APPROVE decision of a request, as an execution records it: who, with what comment, when. */
public record GrantedApproval(String approver, String comment, String decidedAt) {
}
