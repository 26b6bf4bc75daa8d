package com.modelsteward.registry;

import java.util.List;
import java.util.Map;

/** The store's rule changes and the stored policy: {@code rule_changes}, the policy keys of {@code registry_meta}. Bound to one transaction or snapshot by {@link Store}. */
public interface RuleStore {

    // signing and trust

    /** Every rule change as stored, keyed by column (untyped: a replay of the signed history compares what is there). */
    List<Map<String, Object>> changeRowsAsStored();
}
