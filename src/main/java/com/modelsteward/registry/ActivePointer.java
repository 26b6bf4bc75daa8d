package com.modelsteward.registry;

/** The {@code active_pointer} row of a model name: its live version and the last-known-good one (either may be null). */
public record ActivePointer(String activeModelId, String lastKnownGoodId) {
}
