package com.modelsteward.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.modelsteward.demo.ScaleGenerator;
import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Role;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-memory ACTIVE cache answers from memory while nothing is committed, and answers the new ACTIVE version after a
 * commit by this registry (its own commit count) or by any other connection to the file (SQLite's data_version).
 */
class ActiveCacheTest {

    /** In a three-version scale registry, 0.1.0 is ACTIVE, 0.0.0 its last-known-good and 0.2.0 a candidate. */
    private static final String NAME = "strategy_000";
    private static final String ACTIVE = "strategy_000-0.1.0";
    private static final String LAST_KNOWN_GOOD = "strategy_000-0.0.0";
    private static final Identity OFFICER = new Identity("scale.officer", Set.of(Role.RISK_OFFICER), false);

    @TempDir
    Path dir;

    private Path scaleRegistry() {
        Path file = dir.resolve("scale.db");
        new ScaleGenerator(7L, TestRegistries.ANCHOR, TestRegistries.OPERATOR).create(file, 3, done -> { }).close();
        return file;
    }

    @Test
    void answersFromMemoryUntilSomethingIsCommitted() {
        try (Registry registry = Registry.open(scaleRegistry())) {
            ActiveCache cache = registry.activeCache("ACTIVE");
            assertSame(cache, registry.activeCache("ACTIVE"), "one cache per registry");
            assertEquals(Optional.of(ACTIVE), cache.activeModelId(NAME));
            assertEquals(Map.of(NAME, ACTIVE), cache.all());
            assertEquals(Optional.empty(), cache.activeModelId("no_such_model"));
            assertEquals(1, cache.loads(), "three lookups, one query");
            registry.readHandle(h -> h.createQuery("SELECT count(*) FROM model_registry").mapTo(Long.class).one());
            cache.activeModelId(NAME);
            assertEquals(1, cache.loads(), "a read commits nothing: no reload");
        }
    }

    @Test
    void aCommitByThisRegistryIsSeenAtOnce() {
        try (Registry registry = Registry.open(scaleRegistry())) {
            ActiveCache cache = registry.activeCache("ACTIVE");
            assertEquals(Optional.of(ACTIVE), cache.activeModelId(NAME));
            long commits = registry.commitCount();
            new GovernanceEngine(registry, PolicyLoader.builtIn(Map.of()), Clock.systemUTC()).rollback(OFFICER, NAME, "cache test");
            assertNotEquals(commits, registry.commitCount());
            assertEquals(Optional.of(LAST_KNOWN_GOOD), cache.activeModelId(NAME));
            assertEquals(2, cache.loads());
        }
    }

    @Test
    void aCommitByAnotherRegistryOnTheSameFileIsSeenThroughDataVersion() {
        Path file = scaleRegistry();
        try (Registry console = Registry.open(file); Registry other = Registry.open(file)) {
            ActiveCache cache = console.activeCache("ACTIVE");
            assertEquals(Optional.of(ACTIVE), cache.activeModelId(NAME));
            long commits = console.commitCount();
            new GovernanceEngine(other, PolicyLoader.builtIn(Map.of()), Clock.systemUTC()).rollback(OFFICER, NAME, "cache test");
            assertEquals(commits, console.commitCount(), "the console itself committed nothing");
            assertEquals(Optional.of(LAST_KNOWN_GOOD), cache.activeModelId(NAME));
        }
    }

    @Test
    void aRawWriterThatTakesAVersionOutOfActiveIsSeen() throws Exception {
        Path file = scaleRegistry();
        try (Registry registry = Registry.open(file)) {
            ActiveCache cache = registry.activeCache("ACTIVE");
            assertEquals(Optional.of(ACTIVE), cache.activeModelId(NAME));
            // Leaving ACTIVE needs no approval (only entering it does): a plain JDBC writer, as another process would be.
            try (Connection pipeline = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = pipeline.createStatement()) {
                sql.executeUpdate("UPDATE model_registry SET state = 'RETIRED' WHERE model_id = '" + ACTIVE + "'");
            }
            assertEquals(Optional.empty(), cache.activeModelId(NAME));
        }
    }

    @Test
    void theListOfEveryVersionIsReadOncePerChangeOfTheFile() throws Exception {
        Path file = scaleRegistry();
        try (Registry registry = Registry.open(file)) {
            ModelCatalog models = new ModelCatalog(registry);
            ModelCatalog lineage = new ModelCatalog(registry);
            java.util.List<ModelSummary> first = models.versions();
            assertSame(first, lineage.versions(), "a second view asking for every version gets the list already read");
            assertEquals(1, registry.versions.loads());
            try (Connection pipeline = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = pipeline.createStatement()) {
                sql.executeUpdate("UPDATE model_registry SET state = 'RETIRED' WHERE model_id = '" + ACTIVE + "'");
            }
            java.util.List<ModelSummary> after = lineage.versions();
            assertEquals(first.size(), after.size());
            assertEquals("RETIRED", after.stream().filter(v -> v.modelId().equals(ACTIVE)).findFirst().orElseThrow().state(),
                    "another process's commit is seen");
            assertEquals(2, registry.versions.loads());
        }
    }
}
