package com.modelsteward.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.trust.Signatures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoGeneratorTest {

    @TempDir
    Path dir;

    /** "Verify artifact" passes on the demo's versions, and fails on the one whose file was altered on purpose. */
    @Test
    void theDemoShipsItsArtifactsWithOneAlteredOnPurpose() {
        try (Registry registry = TestRegistries.generateDemo(dir)) {
            Path file = registry.file();
            var root = new com.modelsteward.lineage.ArtifactVerifier.ArtifactRoot(dir, true);
            List<String> differ = new java.util.ArrayList<>();
            for (ModelSummary summary : new ModelCatalog(registry).versions()) {
                String pathRef = new ModelCatalog(registry).version(summary.modelId()).orElseThrow().pathRef();
                var result = com.modelsteward.lineage.ArtifactVerifier.verify(pathRef, registry.location(), root, false, (done, total) -> { }, () -> false);
                if (result.status() != com.modelsteward.lineage.ArtifactVerifier.Status.MATCHES) {
                    differ.add(summary.modelId() + " " + result.status());
                }
            }
            assertEquals(List.of(DemoGenerator.ALTERED_ARTIFACT + " DIFFERS"), differ);
        }
    }

    @Test
    void theDemoLooksLikeARealRegistry() {
        try (Registry registry = TestRegistries.generateDemo(dir)) {
            ModelCatalog catalog = new ModelCatalog(registry);
            List<ModelSummary> versions = catalog.versions();
            assertTrue(versions.size() >= 60, "at least 60 versions, got " + versions.size());
            assertTrue(catalog.modelTypes().size() >= 4);
            assertTrue(versions.stream().map(ModelSummary::state).collect(Collectors.toSet())
                    .containsAll(List.of("CANDIDATE", "SHADOW", "ACTIVE", "RETIRED")));
            Map<String, Long> activePerName = versions.stream().filter(v -> v.state().equals("ACTIVE"))
                    .collect(Collectors.groupingBy(ModelSummary::modelName, Collectors.counting()));
            activePerName.forEach((name, count) -> assertEquals(1L, count, name));
            assertTrue(maxGeneration(versions) >= 3, "lineage chains of three or more generations");

            Instant anchor = TestRegistries.ANCHOR;
            for (ModelSummary v : versions) {
                Instant created = Instant.parse(v.createdAt());
                assertTrue(!created.isAfter(anchor) && created.isAfter(anchor.minus(Duration.ofDays(186))), v.createdAt());
            }
            assertTrue(catalog.pendingRequestCount() >= 3);
            long requesters = catalog.requests(java.util.Optional.of("PENDING")).stream().map(r -> r.requestedBy()).distinct().count();
            assertTrue(requesters >= 2, "pending requests by different users");

            int driftedFeatures = registry.readHandle(h -> h.createQuery(
                    "SELECT count(DISTINCT feature) FROM drift_samples").mapTo(Integer.class).one());
            assertTrue(driftedFeatures >= 8);
            List<String> packs = registry.readHandle(h -> h.createQuery("SELECT DISTINCT pack_id FROM scorecards ORDER BY 1").mapTo(String.class).list());
            assertEquals(List.of("bench_core_v1", "pack_01_bull", "pack_04_bear", "pack_05_crypto"), packs);
            double drawdown = registry.readHandle(h -> h.createQuery("SELECT max(value) FROM scorecards WHERE metric = 'max_drawdown'").mapTo(Double.class).one());
            assertTrue(drawdown > 0 && drawdown < 1, "max_drawdown is a positive fraction");
            var version = catalog.version(versions.getFirst().modelId()).orElseThrow();
            assertEquals(CanonicalJson.hashOfJson(version.trainingConfigJson()), version.trainingConfigHash(), "hashes are real");
            assertTrue(registry.<Boolean>read(Signatures::isDemo), "a proven demo: its root key is the demo key derived from its marker");
        }
    }

    @Test
    void theSameSeedGivesTheSameRegistry() throws java.io.IOException {
        try (Registry first = TestRegistries.generateDemo(java.nio.file.Files.createDirectories(dir.resolve("a")));
             Registry second = TestRegistries.generateDemo(java.nio.file.Files.createDirectories(dir.resolve("b")))) {
            String query = "SELECT group_concat(model_id || state || training_config_hash, ',') FROM (SELECT * FROM model_registry ORDER BY model_id)";
            assertEquals(first.<String>readHandle(h -> h.createQuery(query).mapTo(String.class).one()), second.<String>readHandle(h -> h.createQuery(query).mapTo(String.class).one()));
            String samples = "SELECT sum(value) FROM drift_samples";
            assertEquals(first.<Double>readHandle(h -> h.createQuery(samples).mapTo(Double.class).one()), second.<Double>readHandle(h -> h.createQuery(samples).mapTo(Double.class).one()));
        }
    }

    private static int maxGeneration(List<ModelSummary> versions) {
        Map<String, String> parent = new HashMap<>();
        versions.forEach(v -> parent.put(v.modelId(), v.parentId()));
        int deepest = 0;
        for (ModelSummary v : versions) {
            int depth = 1;
            for (String p = v.parentId(); p != null && depth < 1000; p = parent.get(p)) {
                depth++;
            }
            deepest = Math.max(deepest, depth);
        }
        return deepest;
    }
}
