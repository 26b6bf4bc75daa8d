package com.modelsteward.registry;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The store's model versions: {@code model_registry} and {@code active_pointer}. Bound to one transaction or snapshot by {@link Store}. */
public interface ModelVersionStore {

    // signing and trust

    /** The model types of {@code modelIds} (not empty), each once. */
    List<String> typesOf(List<String> modelIds);

    /**
     * The versions as stored, keyed by column (untyped: a replay of the signed history compares what is there); those of
     * {@code modelIds} only, or all when {@code modelIds} is null.
     */
    List<Map<String, Object>> rowsAsStored(Set<String> modelIds);

    /** The live pointers as stored, keyed by column; those of {@code modelNames} only, or all when it is null. */
    List<Map<String, Object>> pointerRowsAsStored(Set<String> modelNames);
}
