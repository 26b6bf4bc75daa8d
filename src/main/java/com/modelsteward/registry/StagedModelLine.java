package com.modelsteward.registry;

/** The line of an import's staging file that names {@code modelId}. */
public record StagedModelLine(long line, String modelId) {
}
