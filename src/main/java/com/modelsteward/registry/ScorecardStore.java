package com.modelsteward.registry;

/** The store's scorecards and their import receipts: {@code scorecards}, {@code scorecard_imports}. Bound to one transaction or snapshot by {@link Store}. */
public interface ScorecardStore {
}
