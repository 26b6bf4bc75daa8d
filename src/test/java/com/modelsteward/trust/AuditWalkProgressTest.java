package com.modelsteward.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppSettings;
import com.modelsteward.demo.ScaleGenerator;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counts a long walk of the chain shows as it goes: {@code audit verify}'s and a first use's on a terminal, the
 * console's Audit page's.
 */
class AuditWalkProgressTest {

    @TempDir
    Path dir;

    @Test
    void everyWalkOfTheWholeLogCountsItsEntriesAsItGoes() {
        try (Registry registry = new ScaleGenerator(7L, Instant.parse("2026-11-01T12:00:00Z"), "pipeline.bot")
                .create(dir.resolve("scale.db"), 5_000, done -> { })) {
            long entries = new ModelCatalog(registry).auditCount();
            List<Long> everyStep = LongStream.rangeClosed(1, entries / AuditTrail.PROGRESS_EVERY)
                    .map(step -> step * AuditTrail.PROGRESS_EVERY).boxed().toList();
            assertTrue(everyStep.size() >= 1, "a log long enough to report: " + entries + " entries");

            List<Long> checked = new ArrayList<>();
            List<Long> totals = new ArrayList<>();
            assertTrue(AuditTrail.verify(registry, (done, total) -> {
                checked.add(done);
                totals.add(total);
            }).ok());
            assertEquals(everyStep, checked, "the console's chain check");
            assertTrue(totals.stream().allMatch(total -> total == entries), "of the whole log: " + totals);

            List<Long> walked = new ArrayList<>();
            SignatureAudit.Full full = registry.readSnapshot(store -> SignatureAudit.verifyAll(store, walked::add));
            assertTrue(full.chain().ok() && full.chain().checked() == entries, full.chain().problem());
            List<Long> expected = new ArrayList<>(everyStep);
            if (entries % AuditTrail.PROGRESS_EVERY != 0) {
                expected.add(entries);
            }
            assertEquals(expected, walked, "audit verify's walk, its last count the whole log's");

            // A user's first use of the registry walks the whole chain before any command (checkHead from no pin).
            List<Long> firstUse = new ArrayList<>();
            List<Long> firstUseTotals = new ArrayList<>();
            TrustStore trust = new TrustStore(new AppSettings(dir.resolve("settings.properties")));
            assertFalse(trust.checkHead(registry, (done, total) -> {
                firstUse.add(done);
                firstUseTotals.add(total);
            }).alarming());
            assertEquals(everyStep, firstUse, "the first use's walk from the genesis");
            assertTrue(firstUseTotals.stream().allMatch(total -> total == entries), "of the whole log: " + firstUseTotals);
            List<Long> returning = new ArrayList<>();
            trust.checkHead(registry, (done, total) -> returning.add(done));
            assertTrue(returning.isEmpty() || returning.getLast() < everyStep.getLast(),
                    "a returning user walks only from the head pinned then: " + returning);
        }
    }
}
