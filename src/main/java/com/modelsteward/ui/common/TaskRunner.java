package com.modelsteward.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one way views do background work (JabRef's TaskExecutor): the work runs off the FX thread, its result and any
 * failure come back on the FX thread. Tests use {@link SameThreadTaskRunner}.
 */
public interface TaskRunner {

    /** Runs {@code work} in the background; the returned handle can cancel it. */
    <T> Running run(String description, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** A background work item the user may cancel. */
    interface Running {
        void cancel();
    }

    /** For work that reports progress: {@code update(done, total)} may be called from the background thread. */
    interface Progress {
        void update(long done, long total);

        boolean isCancelled();
    }

    /** Like {@link #run} but the work receives a progress sink (shown in the status bar) and can see cancellation. */
    <T> Running runWithProgress(String description, ProgressWork<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    @FunctionalInterface
    interface ProgressWork<T> {
        T call(Progress progress) throws Exception;
    }
}
