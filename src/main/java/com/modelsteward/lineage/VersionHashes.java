package com.modelsteward.lineage;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The hashes of a version a user may search for. */
public record VersionHashes(String modelId, String trainingConfigHash, String dataSnapshotHash, String featureGraphHash, String codeCommit) {

    public Set<String> all() {
        return Stream.of(trainingConfigHash, dataSnapshotHash, featureGraphHash, codeCommit)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
    }
}
