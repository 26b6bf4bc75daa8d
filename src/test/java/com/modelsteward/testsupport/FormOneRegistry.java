package com.modelsteward.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The registry written in canonical JSON form 1, before RFC 8785 (src/test/resources/canonical/form1, made once by
 * MakeFormOneRegistry with the code of commit 8db3e4a), copied for one test.
 */
public final class FormOneRegistry {

    private static final String FIXTURE = "/canonical/form1/";

    private FormOneRegistry() {
    }

    /** Copies the registry to {@code dir}/form1.db and returns its path. */
    public static Path copyTo(Path dir) {
        Path db = dir.resolve("form1.db");
        copy("form1.db", db);
        return db;
    }

    /**
     * Copies the private keys of the registry's principals (alice, bob, ines, omar, rachel, tara) to {@code home}/keys,
     * readable by their owner only as the app requires, so that a test run with that data folder can sign as them.
     */
    public static void copyKeysTo(Path home) {
        try {
            Path keys = Files.createDirectories(home.resolve("keys"));
            Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
            for (String user : List.of("alice", "bob", "ines", "omar", "rachel", "tara")) {
                copy("home/keys/" + user + ".pub", keys.resolve(user + ".pub"));
                copy("home/keys/" + user + ".key", keys.resolve(user + ".key"));
                Files.setPosixFilePermissions(keys.resolve(user + ".key"), PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private static void copy(String resource, Path target) {
        try (InputStream in = FormOneRegistry.class.getResourceAsStream(FIXTURE + resource)) {
            Files.copy(in, target);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
