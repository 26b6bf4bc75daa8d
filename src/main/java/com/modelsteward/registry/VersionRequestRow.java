package com.modelsteward.registry;

/** A {@code transition_requests} row of a version, as its lineage shows it (its approvals are read apart). */
public record VersionRequestRow(String modelId, String requestId, String fromState, String toState, String requestedBy, String requestedAt,
                                String justification, String status, Boolean gatePassed, String gateReportJson, String decidedAt,
                                String executedAt, int requiredApprovals) {
}
