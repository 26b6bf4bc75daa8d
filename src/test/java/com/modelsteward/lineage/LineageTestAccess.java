package com.modelsteward.lineage;

import com.modelsteward.registry.Registry;

/** Lets tests in other packages build the complete-lineage fixture. */
public final class LineageTestAccess {

    private LineageTestAccess() {
    }

    public static void insertComplete(Registry registry, String modelId) {
        LineageFixtures.insertComplete(registry, modelId, null);
    }
}
