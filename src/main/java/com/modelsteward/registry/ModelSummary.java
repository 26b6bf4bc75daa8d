package com.modelsteward.registry;

/** One row of the Models table: the columns a list needs, none of the large ones. */
public record ModelSummary(
        String modelId,
        String modelName,
        String modelType,
        String version,
        String state,
        String parentId,
        String createdAt,
        String createdBy,
        boolean archived) {
}
