package com.modelsteward.registry;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The store's transition requests and incidents: {@code transition_requests}, {@code incidents}. Bound to one transaction or snapshot by {@link Store}. */
public interface RequestStore {

    // signing and trust

    /** The ids of every request about one of {@code modelIds} (not empty). */
    List<String> idsForModels(List<String> modelIds);

    /**
     * The requests as stored, keyed by column (untyped: a replay of the signed history compares what is there); all when
     * {@code requestIds} is null, otherwise those of {@code requestIds} and those about {@code modelIds} (if not null).
     */
    List<Map<String, Object>> rowsAsStored(Set<String> requestIds, Set<String> modelIds);
}
