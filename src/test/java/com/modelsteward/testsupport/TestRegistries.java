package com.modelsteward.testsupport;

import com.modelsteward.registry.Registry;
import com.modelsteward.registry.demo.DemoGenerator;
import java.nio.file.Path;
import java.time.Instant;

/** Real registry files in a test's temp folder. */
public final class TestRegistries {

    /** The fixed "now" of demo data in tests, so that every run sees the same registry. */
    public static final Instant ANCHOR = Instant.parse("2026-11-01T12:00:00Z");
    public static final String OPERATOR = "test.operator";

    private TestRegistries() {
    }

    public static Registry demo(Path folder) {
        return new DemoGenerator(DemoGenerator.DEFAULT_SEED, ANCHOR, OPERATOR).create(folder.resolve("demo.db"));
    }

    public static Registry empty(Path folder) {
        return Registry.create(folder.resolve("empty.db"));
    }
}
