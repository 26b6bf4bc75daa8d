package com.modelsteward.registry;

import java.util.List;

/** The store's scorecards and their import receipts: {@code scorecards}, {@code scorecard_imports}. Bound to one transaction or snapshot by {@link Store}. */
public interface ScorecardStore {

    // rules, policy, command line and demo data
    /** Inserts scorecard rows in one batch. */
    void insertAll(List<Scorecard> scorecards);
}
