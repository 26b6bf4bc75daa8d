package com.modelsteward.registry;

import java.util.Collection;
import java.util.List;

/** The store's scorecards and their import receipts: {@code scorecards}, {@code scorecard_imports}. Bound to one transaction or snapshot by {@link Store}. */
public interface ScorecardStore {

    // lineage, scorecards and drift

    /** The latest value of each (pack, metric) of every version of a name, by version, pack and metric. */
    List<Scorecard> latestOfName(String modelName);

    /** The latest value of each (pack, metric) of each of {@code modelIds}, by version, pack and metric. */
    List<Scorecard> latestOfVersions(Collection<String> modelIds);
}
