package com.modelsteward.registry;

/**
 * One request of the approvals queue: the request, its version's name and number, how many distinct people approved
 * it, and the latest decision's approver and comment (null when undecided).
 */
public record RequestQueueRow(String requestId, String kind, String modelId, String modelName, String version, String fromState,
                              String toState, String requestedBy, String requestedAt, String justification, String status,
                              String gateReportJson, int requiredApprovals, String decidedAt, int approvals, String decidedBy,
                              String decisionComment) {
}
