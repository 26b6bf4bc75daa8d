package com.modelsteward.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Outbox;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftMonitorTest {

    private static final String MODEL = "momentum_xgb-3.1.0";

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC);

    @Test
    void theVersionsWithSamplesAreEveryDistinctIdInOrder() {
        try (Registry registry = TestRegistries.demo(dir)) {
            registry.writeHandle(h -> h.execute("INSERT INTO drift_samples (model_id, feature, role, value) VALUES ('a-first', 'f', 'CURRENT', 1),"
                    + " ('zz-last', 'f', 'REFERENCE', 2), ('zz-last', 'g', 'CURRENT', 3)"));
            List<String> distinct = registry.readHandle(h -> h.createQuery("SELECT model_id FROM drift_samples GROUP BY model_id ORDER BY model_id")
                    .mapTo(String.class).list());
            List<String> found = new DriftMonitor(registry, clock, DriftPolicy.DEFAULT).modelsWithSamples();
            assertEquals(distinct, found);
            assertEquals("a-first", found.getFirst());
            assertEquals("zz-last", found.getLast());
            assertTrue(found.size() > 3, found.toString());
        }
    }

    @Test
    void aSevereFeatureOpensOneIncidentWithAnAuditEntryAndAnEvent() throws Exception {
        try (Registry registry = TestRegistries.demo(dir)) {
            DriftMonitor monitor = new DriftMonitor(registry, clock, DriftPolicy.DEFAULT);
            assertTrue(monitor.modelsWithSamples().contains(MODEL));

            DriftMonitor.ModelReport report = monitor.compute(MODEL, DriftMonitor.Progress.NONE);
            Set<String> severe = report.rows().stream().filter(r -> r.severity() == Severity.SEVERE).map(DriftRow::feature)
                    .collect(Collectors.toSet());
            assertTrue(severe.containsAll(Set.of("vol_20d", "spread_bps")), severe.toString());
            assertFalse(severe.contains("ret_1d"), "an undrifted feature stays quiet");
            assertEquals("vol_20d", report.features().getFirst().drift().feature(), "features are sorted by PSI, worst first");
            assertFalse(report.features().getFirst().history().isEmpty());

            List<DriftMonitor.Breach> breaches = monitor.store(report, "test.operator");
            assertEquals(severe.size(), breaches.size());
            assertTrue(breaches.stream().allMatch(DriftMonitor.Breach::newlyOpened));

            long stored = registry.readHandle(h -> h.createQuery("SELECT count(*) FROM model_drift WHERE model_id = :m").bind("m", MODEL)
                    .mapTo(Long.class).one());
            assertEquals(report.rows().size(), stored);
            assertEquals(severe.size(), monitor.openIncidents(MODEL).size());
            List<String> events = registry.readHandle(h -> h.createQuery("SELECT payload_json FROM events WHERE event_type = :t")
                    .bind("t", Outbox.DRIFT_ALERT).mapTo(String.class).list());
            assertEquals(severe.size(), events.size());
            JsonNode event = CanonicalJson.mapper().readTree(events.getFirst());
            assertEquals(DriftMonitor.BREACH_CODE, event.get("code").asText());
            assertEquals(MODEL, event.get("model_id").asText());
            long audits = registry.readHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE action = 'drift.breach' AND entity = :m")
                    .bind("m", MODEL).mapTo(Long.class).one());
            assertEquals(severe.size(), audits);
            assertTrue(AuditTrail.verify(registry).ok());

            List<DriftMonitor.Breach> again = monitor.store(monitor.compute(MODEL, DriftMonitor.Progress.NONE), "test.operator");
            assertTrue(again.stream().noneMatch(DriftMonitor.Breach::newlyOpened), "a breach already open is not raised twice");
            assertEquals(severe.size(), monitor.openIncidents(MODEL).size());
        }
    }

    @Test
    void nothingIsWrittenWhenTheTransactionFails() {
        try (Registry registry = TestRegistries.demo(dir)) {
            DriftMonitor monitor = new DriftMonitor(registry, clock, DriftPolicy.DEFAULT);
            DriftMonitor.ModelReport report = monitor.compute(MODEL, DriftMonitor.Progress.NONE);
            registry.writeHandle(h -> h.execute("CREATE TRIGGER refuse_alerts BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'no'); END"));
            assertThrows(RuntimeException.class, () -> monitor.store(report, "test.operator"));
            assertEquals(0L, (long) registry.readHandle(h -> h.createQuery("SELECT count(*) FROM model_drift").mapTo(Long.class).one()));
            assertEquals(0L, (long) registry.readHandle(h -> h.createQuery("SELECT count(*) FROM incidents").mapTo(Long.class).one()));
            assertEquals(0L, (long) registry.readHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE action = 'drift.breach'")
                    .mapTo(Long.class).one()));
        }
    }

    @Test
    void aModelWithoutSamplesIsNamed() {
        try (Registry registry = TestRegistries.demo(dir)) {
            DriftException error = assertThrows(DriftException.class,
                    () -> new DriftMonitor(registry, clock, DriftPolicy.DEFAULT).compute("news_embedder-1.0.0", DriftMonitor.Progress.NONE));
            assertTrue(error.getMessage().contains("news_embedder-1.0.0"), error.getMessage());
        }
    }

    @Test
    void cancellingStopsTheComputation() {
        try (Registry registry = TestRegistries.demo(dir)) {
            DriftMonitor.Progress cancelled = new DriftMonitor.Progress() {
                @Override
                public void update(long done, long total) {
                }

                @Override
                public boolean isCancelled() {
                    return true;
                }
            };
            assertThrows(java.util.concurrent.CancellationException.class,
                    () -> new DriftMonitor(registry, clock, DriftPolicy.DEFAULT).compute(MODEL, cancelled));
        }
    }
}
