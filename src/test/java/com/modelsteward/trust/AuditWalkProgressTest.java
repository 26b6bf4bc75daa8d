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

            Counts chain = new Counts();
            assertTrue(AuditTrail.verify(registry, chain).ok());
            assertEquals(everyStep, chain.done, "the console's chain check");
            assertTrue(chain.totals.stream().allMatch(total -> total == entries), "of the whole log: " + chain.totals);

            List<Long> walked = new ArrayList<>();
            SignatureAudit.Full full = registry.readSnapshot(store -> SignatureAudit.verifyAll(store, walked::add));
            assertTrue(full.chain().ok() && full.chain().checked() == entries, full.chain().problem());
            List<Long> expected = new ArrayList<>(everyStep);
            if (entries % AuditTrail.PROGRESS_EVERY != 0) {
                expected.add(entries);
            }
            assertEquals(expected, walked, "audit verify's walk, its last count the whole log's");

            // A user's first use of the registry walks the whole chain before any command (checkHead from no pin).
            Counts firstUse = new Counts();
            TrustStore trust = new TrustStore(new AppSettings(dir.resolve("settings.properties")));
            assertFalse(trust.checkHead(registry, firstUse).alarming());
            assertEquals(everyStep, firstUse.done, "the first use's walk from the genesis");
            assertTrue(firstUse.totals.stream().allMatch(total -> total == entries), "of the whole log: " + firstUse.totals);
            Counts returning = new Counts();
            trust.checkHead(registry, returning);
            assertEquals(List.of(), returning.done, "a returning user walks only the entries after the head pinned then, none here");
        }
    }

    /** What a walk reported, in order. */
    private static final class Counts implements AuditTrail.Progress {
        final List<Long> done = new ArrayList<>();
        final List<Long> totals = new ArrayList<>();

        @Override
        public void update(long checked, long total) {
            done.add(checked);
            totals.add(total);
        }
    }
}
