package com.modelsteward.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;

/** Runs background work as JavaFX {@link Task}s on a small daemon pool and publishes what runs for the status bar. */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {

    /** What {@link #run} returns for work it does not start, the runner being closed. */
    private static final Running NOTHING = () -> { };

    private final ExecutorService executor;
    private final IntegerProperty running = new SimpleIntegerProperty(0);
    private final StringProperty message = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);

    public FxTaskRunner() {
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "steward-background-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public ReadOnlyIntegerProperty runningProperty() {
        return running;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** -1 while the running work reports no progress (an indeterminate bar). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    @Override
    public <T> Running run(String description, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return runWithProgress(description, ignored -> work.call(), onSuccess, onFailure);
    }

    @Override
    public <T> Running runWithProgress(String description, ProgressWork<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        if (executor.isShutdown()) {
            // The console is closing: work asked for now (a check after the last paint) has no one to show it to.
            return NOTHING;
        }
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                updateProgress(-1, 1);
                Task<T> self = this;
                return work.call(new Progress() {
                    @Override
                    public void update(long done, long total) {
                        updateProgress(done, total);
                    }

                    @Override
                    public boolean isCancelled() {
                        return self.isCancelled();
                    }
                });
            }
        };
        // The callback runs before the task counts as finished: work it starts (a second stage) keeps the count above
        // zero, so the busy bar does not flicker and "nothing running" means the whole chain is done.
        task.setOnSucceeded(event -> {
            try {
                onSuccess.accept(task.getValue());
            } finally {
                finished();
            }
        });
        task.setOnFailed(event -> {
            try {
                onFailure.accept(task.getException());
            } finally {
                finished();
            }
        });
        task.setOnCancelled(event -> finished());
        running.set(running.get() + 1);
        message.set(description);
        progress.unbind();
        progress.bind(task.progressProperty());
        try {
            executor.execute(task);
        } catch (RejectedExecutionException closing) {
            // Closed between the check above and here.
            finished();
            return NOTHING;
        }
        return () -> task.cancel(true);
    }

    private void finished() {
        running.set(Math.max(0, running.get() - 1));
        if (running.get() == 0) {
            progress.unbind();
            progress.set(0);
            message.set("");
        }
    }

    /** Stops the running work; work asked for afterwards is not started. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
