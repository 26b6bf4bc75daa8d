package com.modelsteward.registry;

import java.util.List;
import java.util.Map;

/** The store's the outbox: {@code events}. Bound to one transaction or snapshot by {@link Store}. */
public interface EventStore {

    // signing and trust

    /** Every outbox event as stored (id, type, payload), keyed by column: what a replay of the signed history compares. */
    List<Map<String, Object>> rowsAsStored();
}
