package com.modelsteward.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.sqlite.SqliteEngine;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console checks every ACTIVE version with one query of {@code audit_mentions}; the result must be what asking
 * about each version alone gives, for every way a writer names a version.
 */
class LineageEvidenceBatchTest {

    @TempDir
    Path dir;

    @Test
    void evidenceReadTogetherEqualsEvidenceReadOneByOne() {
        try (Registry registry = TestRegistries.demo(dir)) {
            List<String> ids = registry.readHandle(h -> h.createQuery("SELECT model_id FROM model_registry ORDER BY model_id").mapTo(String.class).list());
            String a = ids.get(0);
            String b = ids.get(1);
            String c = ids.get(2);
            List<AuditEntry> added = registry.writeHandle(handle -> {
                Clock clock = Clock.systemUTC();
                return List.of(
                        SqliteEngine.INSTANCE.store(handle).audit().append(clock, "pipeline", "NOTE", "model/" + a, Map.of()),
                        SqliteEngine.INSTANCE.store(handle).audit().append(clock, "pipeline", "NOTE", "model:" + b, Map.of("also", c)),
                        SqliteEngine.INSTANCE.store(handle).audit().append(clock, "pipeline", "NOTE", "other", Map.of("ids", List.of(a, b), "text", "about " + c)),
                        SqliteEngine.INSTANCE.store(handle).audit().append(clock, "pipeline", "NOTE", "other", Map.of("prefix", c + "-shadow", "quote", "\"" + a + "\"")));
            });
            LineageService service = new LineageService(registry, Map.of());
            Map<String, LineageEvidence> together = service.evidences(ids);
            assertEquals(ids, List.copyOf(together.keySet()));
            for (String id : ids) {
                assertEquals(service.evidence(id), together.get(id), id);
            }
            assertEquals(List.of(added.get(0), added.get(2)), ours(together.get(a), added), "by entity prefix and by a payload list");
            assertEquals(List.of(added.get(1), added.get(2)), ours(together.get(b), added), "by model: prefix and by a payload list");
            assertEquals(List.of(added.get(1)), ours(together.get(c), added), "a payload value; not inside longer text or a longer id");
        }
    }

    @Test
    void checksOfManyVersionsEqualTheirChecksOneByOne() {
        try (Registry registry = TestRegistries.demo(dir)) {
            LineageService service = new LineageService(registry, Map.of());
            List<String> ids = service.catalog().versions().stream().map(ModelSummary::modelId).toList();
            Map<String, LineageCheck> checks = service.checks(ids);
            assertEquals(ids.size(), checks.size());
            for (String id : ids) {
                assertEquals(service.check(id), checks.get(id), id);
            }
            assertTrue(checks.values().stream().anyMatch(LineageCheck::complete) && !checks.values().stream().allMatch(LineageCheck::complete),
                    "the demo has complete and incomplete lineages");
        }
    }

    @Test
    void anIdThatNamesNoVersionIsLeftOut() {
        try (Registry registry = TestRegistries.demo(dir)) {
            LineageService service = new LineageService(registry, Map.of());
            String real = service.catalog().versions().getFirst().modelId();
            assertEquals(Set.of(real), service.evidences(List.of(real, "no-such-version")).keySet());
        }
    }

    /** The entries of this test among a version's evidence. */
    private static List<AuditEntry> ours(LineageEvidence evidence, List<AuditEntry> added) {
        return evidence.auditEntries().stream().filter(added::contains).toList();
    }
}
