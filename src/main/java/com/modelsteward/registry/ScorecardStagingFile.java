package com.modelsteward.registry;

import com.modelsteward.registry.sqlite.SqliteScorecardStagingFile;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;

/**
 * The engine's side of an import's staging file (docs/decisions/0008): validated rows written to a private file in
 * batches, with repeated rows found as they are written, later read beside the registry and copied into it in one short
 * transaction ({@link Registry#writeWithStaging}). Where the file lives and when it is deleted is the caller's business.
 */
public interface ScorecardStagingFile extends AutoCloseable {

    /** Tells the writer about a row that repeats an earlier one: its line, the earlier line, whether the key has a time. */
    @FunctionalInterface
    interface Duplicates {
        void found(long line, long firstLine, boolean timed);
    }

    /**
     * Makes the new, empty {@code file} a staging file, written {@code batch} rows at a time. Fails with
     * {@code E_IMPORT_CANT_STAGE}; the caller then deletes the file.
     */
    static ScorecardStagingFile create(Path file, int batch, Duplicates duplicates) {
        return SqliteScorecardStagingFile.create(file, batch, duplicates);
    }

    /**
     * Runs {@code work} on one read snapshot of {@code registry} with {@code staging} attached, taking no write lock: the
     * import's look at what it is about to copy, before the copy's short transaction. The engine's staging reader: its
     * plain BEGIN takes no write lock, where the registry's own writes take the lock this step exists to avoid. What it
     * finds is checked again inside the copy's transaction.
     */
    static <R> R readBeside(Registry registry, Path staging, StoreWork<R> work) {
        Engine engine = registry.engine();
        try {
            return Jdbi.create(engine.stagingReader(registry.location())).withHandle(handle -> {
                // Attached before the transaction begins and detached after it ends (SQLite refuses ATTACH inside one).
                engine.attachStaging(handle, staging);
                try {
                    handle.begin();
                    try {
                        return work.run(engine.store(handle));
                    } finally {
                        handle.rollback();
                    }
                } finally {
                    engine.detachStaging(handle);
                }
            });
        } catch (RegistryException refused) {
            throw refused;
        } catch (RuntimeException failed) {
            throw engine.translate(failed, registry.location());
        }
    }

    /** Rows kept so far (duplicates left out), counting the batch not yet written. */
    long rows();

    /** {@code value} null: the file gave no usable number; {@code generatedAt} null: the import time will be used. */
    void add(long line, String modelId, String packId, String metric, Double value, String generatedAt);

    /** Writes the last batch and commits; afterwards the file is complete and may be attached to the registry. */
    void finish();

    /** Lets go of the file (it stays on disk, for the caller to delete); quiet, and safe to call twice. */
    @Override
    void close();
}
