package com.modelsteward.registry;

/** One metric of one model on one benchmark pack. {@code value} is null when a writer stored NULL. */
public record Scorecard(String modelId, String packId, String metric, Double value, String generatedAt) {
}
