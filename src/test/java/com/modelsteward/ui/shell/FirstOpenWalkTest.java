package com.modelsteward.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppSettings;
import com.modelsteward.config.Environment;
import com.modelsteward.demo.ScaleGenerator;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Location;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's opening tells its walk of the chain as it goes: what {@link FirstUseCountTest}'s window counts. */
class FirstOpenWalkTest {

    private static final Clock CLOCK = Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aFirstOpenReportsItsWalkOfTheWholeChainAndAReturningOneWalksNothing() throws Exception {
        Path scale = dir.resolve("scale.db");
        long entries;
        try (Registry registry = new ScaleGenerator(7L, Instant.parse("2026-11-01T12:00:00Z"), "pipeline.bot")
                .create(scale, 5_000, done -> { })) {
            entries = new ModelCatalog(registry).auditCount();
        }
        List<Long> everyStep = LongStream.rangeClosed(1, entries / AuditTrail.PROGRESS_EVERY)
                .map(step -> step * AuditTrail.PROGRESS_EVERY).boxed().toList();
        assertFalse(everyStep.isEmpty(), "a log long enough to report: " + entries + " entries");
        AppSettings own = new AppSettings(dir.resolve("settings.properties"));

        List<long[]> first = new ArrayList<>();
        open(scale, own, first);
        assertEquals(everyStep, first.stream().map(count -> count[0]).toList(), "the first open's walk from the genesis");
        assertTrue(first.stream().allMatch(count -> count[1] == entries), "of the whole log");

        List<long[]> again = new ArrayList<>();
        open(scale, own, again);
        assertEquals(List.of(), again.stream().map(count -> count[0]).toList(), "a returning open walks only what came since: nothing");
    }

    /** Opens as the console does, recording the walk's counts, and closes once the Overview's first read has ended. */
    private static void open(Path file, AppSettings settings, List<long[]> counts) throws Exception {
        ConsoleShell.Opened opened = ConsoleShell.openOffFxThread(new Location.File(file), false, new AtomicReference<>(),
                TestRegistries.OPERATOR, settings, Environment.process(), CLOCK, (checked, total) -> counts.add(new long[] {checked, total}));
        try (Registry registry = opened.registry()) {
            opened.overview().get();
        }
    }
}
