package com.modelsteward.registry;

/** What a new {@code model_registry} row is registered with, apart from its state, creator and times. */
public record VersionRegistration(String modelId, String modelName, String modelType, String version, String parentId, String pathRef,
                                  String trainingConfigJson, String trainingConfigHash, String dataSnapshotRef, String dataSnapshotHash,
                                  String featureGraphHash, String codeCommit) {
}
