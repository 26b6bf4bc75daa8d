package com.modelsteward.registry;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** The store's scorecards and their import receipts: {@code scorecards}, {@code scorecard_imports}. Bound to one transaction or snapshot by {@link Store}. */
public interface ScorecardStore {

    // governance engine

    /** The latest value of each (pack, metric) of a version. */
    List<Scorecard> latest(String modelId);

    /**
     * Changes whenever a scorecard of the version is added or replaced: a request made before it goes stale. Only this
     * app recomputes it, so it stays in form 1 (ADR 0014): a request made before RFC 8785 must not look stale after it.
     */
    String digest(String modelId);

    void insert(String modelId, String packId, String metric, Double value, String generatedAt, String source);

    // lineage, scorecards and drift

    /** The latest value of each (pack, metric) of every version of a name, by version, pack and metric. */
    List<Scorecard> latestOfName(String modelName);

    /** The latest value of each (pack, metric) of each of {@code modelIds}, by version, pack and metric. */
    List<Scorecard> latestOfVersions(Collection<String> modelIds);

    // The import (docs/decisions/0008): the methods below that name the staging file read the file attached as "staging",
    // so they work only in a Store given by Registry#writeWithStaging or ScorecardStagingFile#readBeside.

    /** The recorded import of a file with this SHA-256, if any. */
    Optional<ScorecardImportRow> importOf(String fileSha256);

    /** The highest {@code scorecard_id}, 0 when there is none: a mark to look for rows added after it. */
    long highestId();

    /** How many scorecards have an id up to {@code mark}. */
    long countUpTo(long mark);

    /** How many rows the staging file holds. */
    long stagedCount();

    /** Hands each model id of the staging file to {@code id}, once, in order. */
    void stagedModelIds(Consumer<String> id);

    /** The first staged row (in staging order) the registry already holds: same model, pack, metric and time. */
    Optional<StagedScorecardRow> firstStagedDuplicate();

    /** The first staged row (by line) that a scorecard with an id above {@code afterId} repeats; -1 looks at all of them. */
    Optional<StagedScorecardRow> firstStagedDuplicateAfter(long afterId);

    /** A staged row whose model is not (or no longer) in the registry. */
    Optional<StagedModelLine> firstStagedOfUnknownVersion();

    /**
     * Copies every staged row into the registry, a staged row without a time getting {@code now}, all with {@code source};
     * returns how many. Stops with a {@link java.util.concurrent.CancellationException} when {@code cancelled} turns true
     * meanwhile: the caller's transaction then rolls back.
     */
    long copyFromStaging(String now, String source, BooleanSupplier cancelled);

    /** Records a committed import's receipt. */
    void recordImport(String fileSha256, String fileName, long rows, long models, String modelIdsSha256, String source, String importedBy,
                      String importedAt);

    // rules, policy, command line and demo data
    /** Inserts scorecard rows in one batch. */
    void insertAll(List<Scorecard> scorecards);
}
