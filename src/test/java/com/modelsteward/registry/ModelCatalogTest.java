package com.modelsteward.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aggregate and paged queries return what the full lists they replace would give. */
class ModelCatalogTest {

    @TempDir
    Path dir;

    @Test
    void theNewestPageAndTheCountAgreeWithTheFullList() {
        try (Registry registry = TestRegistries.demo(dir)) {
            ModelCatalog catalog = new ModelCatalog(registry);
            List<ModelSummary> all = catalog.versions();
            assertEquals(all.size(), catalog.versionCount());
            assertEquals(all.subList(0, 10), catalog.newestVersions(10));
            assertEquals(all, catalog.newestVersions(all.size() + 5));
            assertEquals(all.stream().map(ModelSummary::modelName).distinct().sorted().toList(), catalog.modelNames());
        }
    }

    @Test
    void theLatestDriftAndTheAlertCountMatchARowByRowReading() {
        try (Registry registry = TestRegistries.demo(dir)) {
            // An older SEVERE result under a newer NONE one must not count; a newer SEVERE one must.
            registry.writeHandle(h -> {
                String model = h.createQuery("SELECT model_id FROM model_registry ORDER BY model_id LIMIT 1").mapTo(String.class).one();
                h.execute("INSERT INTO model_drift (model_id, feature, drift_kind, psi, severity, computed_at) VALUES (?, 'f_old', 'FEATURE', 0.9, 'SEVERE', '2026-01-01T00:00:00.000Z')", model);
                h.execute("INSERT INTO model_drift (model_id, feature, drift_kind, psi, severity, computed_at) VALUES (?, 'f_old', 'FEATURE', 0.01, 'NONE', '2026-01-02T00:00:00.000Z')", model);
                h.execute("INSERT INTO model_drift (model_id, feature, drift_kind, psi, severity, computed_at) VALUES (?, 'f_new', 'FEATURE', 0.01, 'NONE', '2026-01-01T00:00:00.000Z')", model);
                h.execute("INSERT INTO model_drift (model_id, feature, drift_kind, psi, severity, computed_at) VALUES (?, 'f_new', 'FEATURE', 0.9, 'SEVERE', '2026-01-02T00:00:00.000Z')", model);
                return null;
            });
            ModelCatalog catalog = new ModelCatalog(registry);
            // The reading the aggregate replaced: for each stored result, is it the newest of its (model, feature, kind)?
            List<DriftResultRow> expected = registry.readHandle(h -> h.createQuery("""
                    SELECT d.drift_id, d.model_id, d.feature, d.drift_kind, d.psi, d.ks_statistic, d.ks_pvalue, d.n_reference,
                           d.n_current, d.n_dropped, d.severity, d.window_start, d.window_end, d.computed_at
                      FROM model_drift d
                     WHERE d.drift_id = (SELECT max(l.drift_id) FROM model_drift l
                                          WHERE l.model_id = d.model_id AND l.feature = d.feature AND l.drift_kind = d.drift_kind)
                     ORDER BY d.model_id, d.psi DESC, d.drift_id""").mapTo(DriftResultRow.class).list());
            List<DriftResultRow> latest = catalog.latestDrift();
            assertEquals(expected.size(), latest.size());
            assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(latest));
            // Only live versions alarm anyone: a SEVERE result on a retired version is not an alert.
            String live = registry.readHandle(h -> h.createQuery("SELECT model_id FROM model_registry WHERE state = 'ACTIVE' ORDER BY model_id LIMIT 1")
                    .mapTo(String.class).one());
            String retired = registry.readHandle(h -> h.createQuery("SELECT model_id FROM model_registry WHERE state = 'RETIRED' ORDER BY model_id LIMIT 1")
                    .mapTo(String.class).one());
            registry.writeHandle(h -> {
                for (String model : List.of(live, retired)) {
                    h.execute("INSERT INTO model_drift (model_id, feature, drift_kind, psi, severity, computed_at) VALUES (?, 'f_alarm', 'FEATURE', 0.9, 'SEVERE', '2026-01-03T00:00:00.000Z')", model);
                }
                return null;
            });
            List<String> severe = catalog.latestDrift().stream().filter(row -> row.severity().equals("SEVERE")).map(DriftResultRow::modelId).distinct().toList();
            assertTrue(severe.contains(retired) && severe.contains(live), severe.toString());
            long severeLive = severe.stream().filter(id -> registry.readHandle(h -> h.createQuery("SELECT state FROM model_registry WHERE model_id = ?")
                    .bind(0, id).mapTo(String.class).one()).equals("ACTIVE")).count();
            assertEquals(severeLive, catalog.driftAlertCount("ACTIVE"));
            assertTrue(severeLive < severe.size(), "the retired version's SEVERE result is not counted");
        }
    }
}
