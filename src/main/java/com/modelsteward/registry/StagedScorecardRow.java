package com.modelsteward.registry;

/** A row of an import's staging file with the line of the imported file it came from. */
public record StagedScorecardRow(long line, String modelId, String packId, String metric, String generatedAt) {
}
