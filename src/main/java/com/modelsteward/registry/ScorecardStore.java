package com.modelsteward.registry;

import java.util.List;

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
}
