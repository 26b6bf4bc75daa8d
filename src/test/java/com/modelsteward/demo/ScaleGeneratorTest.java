package com.modelsteward.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.trust.Signatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scale registry has the shape docs/performance.md describes, and is a valid registry in every way the engine checks. */
class ScaleGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void twoThousandFiveHundredVersionsInThreeLinesWithScorecardsHistoryAndAVerifiableChain() {
        List<Long> progress = new ArrayList<>();
        try (Registry registry = new ScaleGenerator(11L, TestRegistries.ANCHOR, TestRegistries.OPERATOR)
                .create(dir.resolve("scale.db"), 2_500, progress::add)) {
            assertEquals(2_500L, count(registry, "SELECT count(*) FROM model_registry"));
            assertEquals(50_000L, count(registry, "SELECT count(*) FROM scorecards"), "20 scorecard rows per version");
            assertEquals(2_500L, progress.getLast());
            // Lines of 1 000: three names, the last one shorter; each with one ACTIVE version and a last-known-good.
            assertEquals(Map.of("strategy_000", 1_000L, "strategy_001", 1_000L, "strategy_002", 500L), registry.readHandle(h -> h.createQuery(
                            "SELECT model_name, count(*) AS n FROM model_registry GROUP BY model_name")
                    .reduceRows(new java.util.HashMap<String, Long>(), (map, row) -> {
                        map.put(row.getColumn("model_name", String.class), row.getColumn("n", Long.class));
                        return map;
                    })));
            assertEquals(3L, count(registry, "SELECT count(*) FROM model_registry WHERE state = 'ACTIVE'"));
            assertEquals(3L, count(registry, "SELECT count(*) FROM active_pointer WHERE last_known_good_id IS NOT NULL"));
            assertEquals(3L, count(registry, "SELECT count(*) FROM model_registry WHERE state = 'CANDIDATE'"));
            assertEquals(3L * ScaleGenerator.DRIFT_FEATURES.size() * ScaleGenerator.DRIFT_DAYS, count(registry, "SELECT count(*) FROM model_drift"));
            AuditTrail.Verification chain = AuditTrail.verify(registry);
            assertTrue(chain.ok(), chain.problem());
            assertTrue(chain.checked() > 2_500, "a REGISTER entry per version, and the promotions");
            assertTrue(registry.<Boolean>read(Signatures::isDemo), "a proven demo: its root key is the demo key derived from its marker");
            // The config hash is written without a JSON round trip: it must still be the hash of the canonical config.
            List<Map<String, Object>> configs = registry.readHandle(h -> h.createQuery(
                    "SELECT training_config_json, training_config_hash FROM model_registry WHERE rowid % 50 = 0").mapToMap().list());
            for (Map<String, Object> config : configs) {
                assertEquals(CanonicalJson.hashOfJson((String) config.get("training_config_json")), config.get("training_config_hash"));
            }
        }
    }

    private static long count(Registry registry, String sql) {
        return registry.readHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
