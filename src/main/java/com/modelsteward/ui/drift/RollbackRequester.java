package com.modelsteward.ui.drift;

/**
 * What the drift alert's "Roll back…" does: opens the normal rollback confirmation for that model name (wired by the
 * shell to the governance dialog). It must never roll back by itself — a person confirms every rollback.
 */
@FunctionalInterface
public interface RollbackRequester {

    /**
     * @param modelName the model whose ACTIVE version breached
     * @param modelId   the breaching (ACTIVE) version
     * @param reason    a sentence for the rollback's justification, naming the breached features
     */
    void requestRollback(String modelName, String modelId, String reason);
}
