package com.modelsteward.testsupport;

import com.modelsteward.registry.Registry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * A demo registry generated once per test JVM and copied for each test: the generator takes seconds, a copy
 * milliseconds, and every test still gets its own file to change.
 */
public final class DemoTemplate {

    private static Path template;

    private DemoTemplate() {
    }

    /** A fresh copy of the demo registry in {@code folder}, after {@code prepare} ran once on the template. */
    public static synchronized Path copyTo(Path folder, String templateName, Consumer<Registry> prepare) {
        try {
            Path source = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "model-steward-templates",
                    templateName + "-" + ProcessHandle.current().pid()));
            Path db = source.resolve("demo.db");
            if (!Files.exists(db)) {
                TempFolders.deleteAtExit(source);
                try (Registry registry = TestRegistries.demo(source)) {
                    prepare.accept(registry);
                }
            }
            template = db;
            Files.createDirectories(folder);
            Path copy = folder.resolve("demo.db");
            Files.copy(template, copy, StandardCopyOption.REPLACE_EXISTING);
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path side = template.resolveSibling(template.getFileName() + suffix);
                if (Files.exists(side)) {
                    Files.copy(side, folder.resolve("demo.db" + suffix), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return copy;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
