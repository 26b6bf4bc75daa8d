package com.modelsteward.ui.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.demo.ScaleGenerator;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.RecordingDialogs;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.TaskRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Models view at more versions than its first page: what is shown first, and that the filters cover every version. */
class ModelsViewModelTest {

    private static final int VERSIONS = 1_000;

    @TempDir
    Path dir;
    private Registry registry;
    private final QueuedTasks tasks = new QueuedTasks();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private ModelsViewModel model;

    @BeforeEach
    void open() {
        registry = new ScaleGenerator(7L, Instant.parse("2026-11-01T12:00:00Z"), "test.operator").create(dir.resolve("scale.db"), VERSIONS, done -> { });
        model = new ModelsViewModel(new AppContext(registry, tasks, dialogs, "test.operator", Set.of(), Clock.systemUTC()));
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void theFirstPageAndTheTotalComeFirstThenEveryVersion() {
        model.refresh();
        tasks.runNext();
        assertEquals(VERSIONS, model.totalProperty().get(), "the total is known before the versions are loaded");
        assertTrue(model.loadingProperty().get());
        tasks.runNext();
        List<ModelSummary> newest = new ModelCatalog(registry).newestVersions(ModelsViewModel.FIRST_PAGE);
        assertEquals(newest, List.copyOf(model.visibleVersions()), "the newest versions, newest first");
        assertFalse(model.isComplete());

        tasks.runAll();
        assertTrue(model.isComplete());
        assertFalse(model.loadingProperty().get());
        assertEquals(VERSIONS, model.visibleVersions().size());
        assertEquals(List.of(), dialogs.errors());
    }

    @Test
    void filtersAndSortingCoverEveryVersionNotOnlyTheFirstPage() {
        model.refresh();
        tasks.runAll();
        ModelSummary oldest = model.allVersions().getLast();
        model.searchProperty().set(oldest.modelId());
        tasks.runAll();
        assertEquals(List.of(oldest), List.copyOf(model.visibleVersions()));

        model.searchProperty().set("");
        model.sortBy(Comparator.comparing(ModelSummary::createdAt));
        tasks.runAll();
        assertEquals(VERSIONS, model.visibleVersions().size());
        assertEquals(oldest, model.visibleVersions().getFirst());
    }

    @Test
    void onlyTheNewestFilterResultIsShown() {
        model.refresh();
        tasks.runAll();
        model.searchProperty().set("no such version");
        model.searchProperty().set("");
        // The two filters finish out of order: the stale one must not replace the newer result.
        tasks.runLast();
        tasks.runAll();
        assertEquals(VERSIONS, model.visibleVersions().size());
    }

    /** Background work held until the test runs it, in order or not, as a pool of threads might finish it. */
    private static final class QueuedTasks implements TaskRunner {

        private final Deque<Runnable> queue = new ArrayDeque<>();

        @Override
        public <T> Running run(String description, java.util.concurrent.Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            return runWithProgress(description, ignored -> work.call(), onSuccess, onFailure);
        }

        @Override
        public <T> Running runWithProgress(String description, ProgressWork<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            queue.add(() -> {
                T result;
                try {
                    result = work.call(new Progress() {
                        @Override
                        public void update(long done, long total) {
                        }

                        @Override
                        public boolean isCancelled() {
                            return false;
                        }
                    });
                } catch (Exception failed) {
                    onFailure.accept(failed);
                    return;
                }
                onSuccess.accept(result);
            });
            return () -> { };
        }

        void runNext() {
            queue.removeFirst().run();
        }

        void runLast() {
            queue.removeLast().run();
        }

        void runAll() {
            while (!queue.isEmpty()) {
                runNext();
            }
        }
    }
}
