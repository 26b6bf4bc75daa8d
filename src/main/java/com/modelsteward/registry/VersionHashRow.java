package com.modelsteward.registry;

/** The hashes {@code model_registry} keeps of one version (any may be null). */
public record VersionHashRow(String modelId, String trainingConfigHash, String dataSnapshotHash, String featureGraphHash, String codeCommit) {
}
