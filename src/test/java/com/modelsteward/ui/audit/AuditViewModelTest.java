package com.modelsteward.ui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.demo.ScaleGenerator;
import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.RecordingDialogs;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.SameThreadTaskRunner;
import com.modelsteward.ui.common.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Audit view on a trail longer than the entries its table holds (here 100 of about a thousand, as 50 000 of a
 * 100 000-version registry's): the count says so, and the filters, the choices and the export cover the whole trail,
 * not only the newest entries loaded.
 */
class AuditViewModelTest {

    private static final int HELD = 100;

    @TempDir
    Path dir;
    private Registry registry;
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private AuditViewModel model;
    private long total;
    private List<AuditEntry> trail;
    /** The oldest version's registration: far older than the entries the table holds. */
    private AuditEntry firstRegistration;
    /** Searches of the registry the view model has run. */
    private final AtomicInteger searches = new AtomicInteger();

    @BeforeEach
    void open() {
        registry = new ScaleGenerator(7L, Instant.parse("2026-11-01T12:00:00Z"), "pipeline.bot").create(dir.resolve("scale.db"), 1_000, done -> { });
        ModelCatalog catalog = new ModelCatalog(registry);
        total = catalog.auditCount();
        trail = catalog.searchAudit(ModelCatalog.AuditFilter.NONE, -1);
        firstRegistration = trail.reversed().stream().filter(e -> e.action().equals("REGISTER")).findFirst().orElseThrow();
        SameThreadTaskRunner sameThread = new SameThreadTaskRunner();
        TaskRunner counting = new TaskRunner() {
            @Override
            public <T> Running run(String description, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
                return runWithProgress(description, ignored -> work.call(), onSuccess, onFailure);
            }

            @Override
            public <T> Running runWithProgress(String description, ProgressWork<T> work, Consumer<T> onSuccess,
                    Consumer<Throwable> onFailure) {
                if (description.startsWith("Searching")) {
                    searches.incrementAndGet();
                }
                return sameThread.runWithProgress(description, work, onSuccess, onFailure);
            }
        };
        model = new AuditViewModel(new AppContext(registry, counting, dialogs, "auditor", Set.of(), Clock.systemUTC()), HELD);
        model.refresh();
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void theCountSaysWhenTheTableHoldsOnlyTheNewestEntries() {
        assertTrue(total > 1_000, "the scale registry has a register entry per version: " + total);
        assertEquals(HELD, model.visibleEntries().size());
        assertEquals(total, model.visibleEntries().getFirst().seq(), "newest first");
        assertEquals("the newest " + HELD + " of " + total + " entries", model.countTextProperty().get());
    }

    @Test
    void filtersSearchTheWholeTrailNotOnlyTheEntriesLoaded() {
        AuditEntry oldest = trail.getLast();
        assertTrue(model.visibleEntries().stream().noneMatch(e -> e.seq() == firstRegistration.seq()), "not loaded");
        assertTrue(model.visibleEntries().stream().noneMatch(e -> e.actor().equals(oldest.actor())), "no loaded entry is by " + oldest.actor());
        assertTrue(model.actors().contains(oldest.actor()), "an actor of old entries only is offered: " + model.actors());

        String text = firstRegistration.entity().substring(firstRegistration.entity().indexOf(':') + 1);
        model.actorFilterProperty().set(firstRegistration.actor());
        model.modelFilterProperty().set(text.toUpperCase(Locale.ROOT));

        // The same filter in plain Java over every entry of the trail: the actor, and the text in the entity or payload.
        List<Long> expected = trail.stream().filter(e -> e.actor().equals(firstRegistration.actor()))
                .filter(e -> e.entity().contains(text) || e.payloadJson().contains(text)).map(AuditEntry::seq).toList();
        assertTrue(expected.contains(firstRegistration.seq()), expected.toString());
        assertEquals(expected, model.visibleEntries().stream().map(AuditEntry::seq).toList());
        assertEquals(expected.size() + " of " + total + " entries match", model.countTextProperty().get());
        assertEquals(List.of(), dialogs.errors());
    }

    @Test
    void aFilterThatMatchesMoreThanTheTableHoldsSaysSo() {
        model.actorFilterProperty().set(firstRegistration.actor());

        assertEquals(HELD, model.visibleEntries().size());
        assertTrue(model.visibleEntries().stream().allMatch(e -> e.actor().equals(firstRegistration.actor())));
        assertEquals("the newest " + HELD + " matching of " + total + " entries", model.countTextProperty().get());

        model.modelFilterProperty().set("strategy");
        int before = searches.get();
        model.clearFilters();
        assertEquals("the newest " + HELD + " of " + total + " entries", model.countTextProperty().get());
        assertEquals(before, searches.get(), "clearing the filters searches nothing: no state in between is searched");
        assertEquals(total, model.visibleEntries().getFirst().seq());
    }

    @Test
    void aBrokenChainShowsItsFirstBadEntryEvenWhenTheTableDoesNotHoldIt() throws Exception {
        long bad = firstRegistration.seq();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + registry.file()); Statement sql = raw.createStatement()) {
            sql.executeUpdate("DROP TRIGGER IF EXISTS audit_log_no_update");
            sql.executeUpdate("UPDATE audit_log SET payload_json = '{\"comment\":\"looks fine\"}' WHERE seq = " + bad);
        }
        model.verify();

        assertEquals(AuditViewModel.ChainStatus.BROKEN, model.chainStatusProperty().get());
        assertTrue(model.visibleEntries().stream().noneMatch(e -> e.seq() == bad), "the entry is older than the entries held");
        assertEquals(bad, model.selectedProperty().get().seq(), "its content is shown all the same");
        assertTrue(model.payloadTextProperty().get().contains("looks fine"), model.payloadTextProperty().get());
    }

    @Test
    void exportWritesEveryMatchingEntryOfTheWholeTrail() throws Exception {
        Path all = dir.resolve("all.csv");
        model.exportCsv(all);
        assertEquals(total + 1, Files.readAllLines(all).size(), "header plus every entry, not the " + HELD + " shown");

        String analyst = firstRegistration.actor();
        model.actorFilterProperty().set(analyst);
        Path mine = dir.resolve("registrations.json");
        model.exportJson(mine);
        long registrations = trail.stream().filter(e -> e.actor().equals(analyst)).count();
        assertTrue(registrations > HELD, "more matching entries than the table holds: " + registrations);
        assertEquals("Export finished: " + registrations + " entries written to " + mine, dialogs.infos().getLast());
        assertEquals(registrations, Files.readString(mine).split("\"seq\"", -1).length - 1, "every matching entry is in the file");
    }

    @Test
    void exportAsksWhereToWriteAndWritesNothingWhenTheChooserIsCancelled() throws Exception {
        Path chosen = dir.resolve("chosen.csv");
        dialogs.answerFiles(chosen);
        model.chooseAndExportCsv();
        assertEquals(List.of("Export the filtered audit entries [audit.csv]"), dialogs.choosers());
        assertEquals(total + 1, Files.readAllLines(chosen).size(), "written where the user chose");

        int infos = dialogs.infos().size();
        model.chooseAndExportJson();
        assertEquals("Export the filtered audit entries [audit.json]", dialogs.choosers().getLast());
        assertEquals(infos, dialogs.infos().size(), "cancelled: nothing exported, nothing reported");
    }
}
