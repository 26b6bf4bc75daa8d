package com.modelsteward.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Folders the test support makes in the system's temporary folder, removed with everything in them: a test run
 * leaves nothing behind (repeated runs had filled a developer's disk with per-JVM demo templates).
 */
public final class TempFolders {

    private static final List<Path> AT_EXIT = new ArrayList<>();

    private TempFolders() {
    }

    /** Removes {@code folder} and its content when this JVM exits. */
    public static synchronized void deleteAtExit(Path folder) {
        if (AT_EXIT.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(TempFolders::deleteRegistered, "temp-folders"));
        }
        AT_EXIT.add(folder);
    }

    /** Removes {@code folder} and everything in it now; a folder already gone is fine. */
    public static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private static synchronized void deleteRegistered() {
        for (Path folder : AT_EXIT) {
            try {
                delete(folder);
            } catch (UncheckedIOException leftBehind) {
                // At exit there is no one to tell: the folder stays, as it did before.
            }
        }
    }
}
