package com.modelsteward.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.testsupport.TestRegistries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files give a clear message naming the file; a full disk leaves nothing half-written. */
class RegistryFaultsTest {

    private static final Set<String> DAMAGE_CODES = Set.of("E_REGISTRY_CORRUPT", "E_REGISTRY_NOT_SQLITE", "E_REGISTRY_NOT_REGISTRY");

    @TempDir
    Path dir;

    private Path checkpointedDemo() {
        // Closing the last connection checkpoints the WAL into the main file.
        TestRegistries.demo(dir).close();
        return dir.resolve("demo.db");
    }

    @Test
    void aTruncatedFileIsReportedAsDamaged() throws IOException {
        Path file = checkpointedDemo();
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.db");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        RegistryException failure = assertThrows(RegistryException.class, () -> {
            try (Registry registry = Registry.open(truncated)) {
                new ModelCatalog(registry).versions();
                registry.readHandle(h -> h.createQuery("SELECT count(*) FROM drift_samples").mapTo(Long.class).one());
            }
        });
        assertTrue(DAMAGE_CODES.contains(failure.code()), failure.code() + ": " + failure.getMessage());
        assertTrue(failure.getMessage().startsWith(truncated.toString()), failure.getMessage());
    }

    @Test
    void randomBytesOverPagesAreReportedAsDamaged() throws IOException {
        Path file = checkpointedDemo();
        byte[] bytes = Files.readAllBytes(file);
        Random random = new Random(7);
        for (int page = 1; page * 4096 < bytes.length; page += 3) {
            for (int i = 0; i < 512; i++) {
                bytes[page * 4096 + random.nextInt(4096)] = (byte) random.nextInt(256);
            }
        }
        Path damaged = dir.resolve("damaged.db");
        Files.write(damaged, bytes);
        RegistryException failure = assertThrows(RegistryException.class, () -> {
            try (Registry registry = Registry.open(damaged)) {
                new ModelCatalog(registry).versions();
                registry.readHandle(h -> h.createQuery("SELECT sum(value) FROM drift_samples").mapTo(Double.class).one());
                registry.readHandle(h -> h.createQuery("PRAGMA integrity_check").mapTo(String.class).list()).stream()
                        .filter(line -> !line.equals("ok")).findFirst().ifPresent(line -> {
                            throw new RegistryException("E_REGISTRY_CORRUPT", damaged + " is damaged: " + line);
                        });
            }
        });
        assertTrue(DAMAGE_CODES.contains(failure.code()), failure.code() + ": " + failure.getMessage());
    }

    @Test
    void aWalFileFromAnotherDatabaseDoesNotCorruptTheRegistry() throws IOException {
        Path file = checkpointedDemo();
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        Registry.create(other.resolve("stranger.db")).close();
        // While this connection stays open its WAL holds the un-checkpointed insert: copy that WAL next to the registry.
        try (var stranger = java.sql.DriverManager.getConnection("jdbc:sqlite:" + other.resolve("stranger.db"));
             var sql = stranger.createStatement()) {
            sql.execute("PRAGMA journal_mode = WAL");
            sql.execute("PRAGMA wal_autocheckpoint = 0");
            sql.executeUpdate("INSERT INTO events (event_type, payload_json) VALUES ('stranger', '{}')");
            Files.copy(other.resolve("stranger.db-wal"), Path.of(file + "-wal"), StandardCopyOption.REPLACE_EXISTING);
        } catch (java.sql.SQLException impossible) {
            throw new AssertionError(impossible);
        }
        byte[] before = Files.readAllBytes(file);
        RegistryException failure = assertThrows(RegistryException.class, () -> Registry.open(file).close());
        assertEquals("E_REGISTRY_CORRUPT", failure.code());
        assertTrue(failure.getMessage().contains(file + "-wal"), "the message points at the stray log: " + failure.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "the registry itself was not touched");
        Files.delete(Path.of(file + "-wal"));
        try (Registry registry = Registry.open(file)) {
            assertEquals(63, new ModelCatalog(registry).versions().size(), "with the stray log moved away the registry is intact");
        }
    }

    @Test
    void aFullDatabaseRefusesTheWholeWriteWithAClearMessage() {
        try (Registry registry = Registry.create(dir.resolve("full.db"))) {
            long pages = registry.readHandle(h -> h.createQuery("PRAGMA page_count").mapTo(Long.class).one());
            RegistryException failure = assertThrows(RegistryException.class, () -> registry.writeHandle(h -> {
                h.execute("PRAGMA max_page_count = " + (pages + 2));
                for (int i = 0; i < 2_000; i++) {
                    h.execute("INSERT INTO events (event_type, payload_json) VALUES ('bulk', ?)", "x".repeat(400));
                }
                return null;
            }));
            assertEquals("E_REGISTRY_FULL", failure.code(), failure.getMessage());
            assertTrue(failure.getMessage().contains("nothing was written"));
            assertEquals(0L, (long) registry.<Long>readHandle(h -> h.createQuery("SELECT count(*) FROM events").mapTo(Long.class).one()),
                    "all or nothing");
        }
    }
}
