package com.modelsteward.registry;

/** A version's state and when it entered it. */
public record VersionState(String state, String stateChangedAt) {
}
