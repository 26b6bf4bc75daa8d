package com.modelsteward.registry;

import java.util.Collection;
import java.util.List;

/** The store's model versions: {@code model_registry} and {@code active_pointer}. Bound to one transaction or snapshot by {@link Store}. */
public interface ModelVersionStore {

    // lineage, scorecards and drift

    /** The hashes of every version, for the Lineage search. */
    List<VersionHashRow> hashes();

    /** The versions among {@code modelIds}; ids that name no version are left out. */
    List<ModelVersion> withIds(Collection<String> modelIds);

    /** The id of every registered version. */
    List<String> ids();
}
