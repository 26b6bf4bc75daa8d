package com.modelsteward.testsupport;

import com.modelsteward.demo.DemoGenerator;
import com.modelsteward.registry.Registry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Real registry files in a test's temp folder. */
public final class TestRegistries {

    /** The fixed "now" of demo data in tests, so that every run sees the same registry. */
    public static final Instant ANCHOR = Instant.parse("2026-11-01T12:00:00Z");
    public static final String OPERATOR = "test.operator";

    private static Path template;

    private TestRegistries() {
    }

    /**
     * A demo registry at {@code folder/demo.db}. The generator is deterministic, so it runs once per test JVM and every
     * caller gets its own copy of that file (generation takes seconds; a copy, milliseconds).
     */
    public static Registry demo(Path folder) {
        Path target = folder.resolve("demo.db");
        try {
            Files.copy(template(), target);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        return Registry.open(target);
    }

    /** Generates a fresh demo (for tests of the generator itself). */
    public static Registry generateDemo(Path folder) {
        return new DemoGenerator(DemoGenerator.DEFAULT_SEED, ANCHOR, OPERATOR).create(folder.resolve("demo.db"));
    }

    public static Registry empty(Path folder) {
        return Registry.create(folder.resolve("empty.db"));
    }

    private static synchronized Path template() throws IOException {
        if (template == null) {
            Path folder = Files.createTempDirectory("steward-demo-template");
            // Closing the registry checkpoints its WAL, so the single file is complete and can be copied.
            generateDemo(folder).close();
            template = folder.resolve("demo.db");
            TempFolders.deleteAtExit(folder);
        }
        return template;
    }
}
