package com.modelsteward.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work at once on the calling thread: for ViewModel tests without the toolkit. */
public final class SameThreadTaskRunner implements TaskRunner {

    @Override
    public <T> Running run(String description, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return runWithProgress(description, ignored -> work.call(), onSuccess, onFailure);
    }

    @Override
    public <T> Running runWithProgress(String description, ProgressWork<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.call(new Progress() {
                @Override
                public void update(long done, long total) {
                    // nothing shows progress in a test
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            });
        } catch (Exception failed) {
            onFailure.accept(failed);
            return () -> { };
        }
        onSuccess.accept(result);
        return () -> { };
    }
}
