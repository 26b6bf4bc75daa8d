package com.modelsteward.registry;

/** Every column of a {@code model_registry} row. */
public record ModelVersion(
        String modelId,
        String modelName,
        String modelType,
        String version,
        String state,
        String parentId,
        String pathRef,
        String trainingConfigJson,
        String trainingConfigHash,
        String dataSnapshotRef,
        String dataSnapshotHash,
        String featureGraphHash,
        String codeCommit,
        String createdAt,
        String createdBy,
        String updatedAt,
        long rowVersion,
        String stateChangedAt,
        boolean archived) {
}
