package com.modelsteward.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry reuses its connections between operations, never one a failed operation may have left in a strange state. */
class ConnectionPoolTest {

    @TempDir
    Path dir;

    @Test
    void consecutiveOperationsReuseOneConnection() {
        try (Registry registry = Registry.create(dir.resolve("pool.db"))) {
            Connection first = registry.readHandle(h -> h.getConnection());
            Connection second = registry.writeHandle(h -> {
                h.execute("INSERT INTO events (event_type, payload_json) VALUES ('x', '{}')");
                return h.getConnection();
            });
            assertSame(first, second, "the schema is parsed once, not per operation");
            assertSame(first, registry.readHandle(h -> h.getConnection()));
        }
    }

    @Test
    void aConnectionWhoseWriteFailedIsNotReused() {
        try (Registry registry = Registry.create(dir.resolve("pool.db"))) {
            Connection used = registry.readHandle(h -> h.getConnection());
            // The failed callback leaves a pragma on its connection that would make every later insert fail.
            assertThrows(RegistryException.class, () -> registry.writeHandle(h -> {
                h.execute("PRAGMA max_page_count = 1");
                h.execute("INSERT INTO no_such_table VALUES (1)");
                return null;
            }));
            Connection next = registry.writeHandle(h -> {
                for (int i = 0; i < 200; i++) {
                    h.execute("INSERT INTO events (event_type, payload_json) VALUES ('bulk', ?)", "x".repeat(400));
                }
                return h.getConnection();
            });
            assertNotSame(used, next);
            assertEquals(200L, (long) registry.<Long>readHandle(h -> h.createQuery("SELECT count(*) FROM events").mapTo(Long.class).one()));
        }
    }

    @Test
    void closingTheRegistryClosesItsConnectionsAndCheckpointsTheLog() throws Exception {
        Path file = dir.resolve("pool.db");
        Connection kept;
        try (Registry registry = Registry.create(file)) {
            kept = registry.writeHandle(h -> {
                h.execute("INSERT INTO events (event_type, payload_json) VALUES ('x', '{}')");
                return h.getConnection();
            });
            assertFalse(kept.isClosed(), "kept open between operations");
        }
        assertTrue(kept.isClosed());
        assertFalse(Files.exists(Path.of(file + "-wal")), "the last connection's close folds the log into the file");
    }
}
