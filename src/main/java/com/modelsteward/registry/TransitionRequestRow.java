package com.modelsteward.registry;

/** One row of {@code transition_requests}, joined with the model's name and version for display. */
public record TransitionRequestRow(
        String requestId,
        String modelId,
        String modelName,
        String version,
        String fromState,
        String toState,
        String requestedBy,
        String requestedAt,
        String justification,
        String status,
        Boolean gatePassed,
        String decidedAt) {
}
