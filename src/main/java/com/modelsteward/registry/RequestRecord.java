package com.modelsteward.registry;

/** One {@code transition_requests} row as the governance engine reads it; {@code gatePassed} is null when none was stored. */
public record RequestRecord(String requestId, String modelId, String fromState, String toState, String requestedBy, String requestedAt,
                            String justification, String status, String gateReportJson, Boolean gatePassed, long modelRowVersion,
                            String scorecardDigest, int requiredApprovals, String requiredRole, String kind) {
}
