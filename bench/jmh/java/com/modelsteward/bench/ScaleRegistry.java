package com.modelsteward.bench;

import com.modelsteward.config.AppDirs;
import com.modelsteward.registry.Registry;
import com.modelsteward.demo.ScaleGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A scale registry in a temporary folder of its own, made as the end-to-end harnesses make theirs (same seed and anchor,
 * so the JMH figures and theirs are over the same data). Closing it deletes the folder.
 */
final class ScaleRegistry implements AutoCloseable {

    static final long SEED = 20261122L;
    private static final Instant ANCHOR = Instant.parse("2026-11-01T12:00:00Z");

    private final Path dir;
    private final Registry registry;

    private ScaleRegistry(Path dir, Registry registry) {
        this.dir = dir;
        this.registry = registry;
    }

    static ScaleRegistry create(int versions) throws IOException {
        Path dir = Files.createTempDirectory("steward-jmh");
        // Nothing a benchmark runs may read or write the user's own settings or keys.
        System.setProperty(AppDirs.HOME_PROPERTY, dir.resolve("home").toString());
        try {
            return new ScaleRegistry(dir, new ScaleGenerator(SEED, ANCHOR, "bench").create(dir.resolve("scale-" + versions + ".db"), versions,
                    done -> { }));
        } catch (RuntimeException failed) {
            delete(dir);
            throw failed;
        }
    }

    Registry registry() {
        return registry;
    }

    @Override
    public void close() throws IOException {
        registry.close();
        delete(dir);
    }

    private static void delete(Path dir) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.delete(path);
        }
    }
}
