package com.modelsteward.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's own wording never reaches a user: each failure becomes one sentence naming the registry file. */
class SqliteDialectTest {

    @TempDir
    Path dir;

    @Test
    void aUniqueViolationSaysWhatTheRegistryAlreadyHolds() {
        try (Registry registry = Registry.create(dir.resolve("unique.db"))) {
            RegistryException refused = assertThrows(RegistryException.class,
                    () -> registry.writeHandle(h -> h.execute("INSERT INTO schema_version (version, description) VALUES (1, 'again')")));
            assertEquals("E_REGISTRY_REFUSED", refused.code());
            assertEquals(registry.file() + ": the registry already holds a schema_version row with this version; nothing was written",
                    refused.getMessage());
        }
    }

    @Test
    void aMissingTableSaysTheFileIsNotACompleteRegistry() {
        try (Registry registry = Registry.create(dir.resolve("partial.db"))) {
            registry.writeHandle(h -> h.execute("DROP TABLE scorecard_imports"));
            RegistryException refused = assertThrows(RegistryException.class,
                    () -> registry.readHandle(h -> h.createQuery("SELECT count(*) FROM scorecard_imports").mapTo(Long.class).one()));
            assertEquals("E_REGISTRY_NOT_REGISTRY", refused.code());
            assertEquals(registry.file() + " has no table scorecard_imports: it is not a complete Model Steward registry (was it changed"
                    + " by another program?)", refused.getMessage());
        }
    }
}
