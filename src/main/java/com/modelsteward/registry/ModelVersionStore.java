package com.modelsteward.registry;

import java.util.List;
import java.util.Map;

/** The store's model versions: {@code model_registry} and {@code active_pointer}. Bound to one transaction or snapshot by {@link Store}. */
public interface ModelVersionStore {

    // rules, policy, command line and demo data
    /** The number of versions, all states. */
    long count();

    /** The distinct states the versions hold. */
    List<String> statesInUse();

    /** Model name → its last-known-good version, by name. */
    Map<String, String> lastKnownGoodByName();

    /** Inserts versions as given (every column of the record) in one batch. */
    void insertAll(List<ModelVersion> versions);
}
