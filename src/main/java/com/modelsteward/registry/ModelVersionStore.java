package com.modelsteward.registry;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** The store's model versions: {@code model_registry} and {@code active_pointer}. Bound to one transaction or snapshot by {@link Store}. */
public interface ModelVersionStore {

    // governance engine

    Optional<ModelVersion> find(String modelId);

    /** The version of {@code modelName} in {@code state} (the live state holds at most one per name). */
    Optional<ModelVersion> inState(String modelName, String state);

    /** Whether {@code modelName} already has a version numbered {@code version}. */
    boolean exists(String modelName, String version);

    /** A new version in {@code state}, created by {@code createdBy} at {@code at}, row_version 1. */
    void insert(VersionRegistration version, String state, String createdBy, String at);

    /** Moves a version to {@code state} at {@code at}, bumping its row_version. */
    void setState(String modelId, String state, String at);

    VersionState stateOf(String modelId);

    String stateChangedAt(String modelId);

    /**
     * The retired versions of a type beyond the newest {@code keep} (by time of retirement), never a last-known-good
     * one: what retention archives.
     */
    List<String> archivableRetired(String modelType, String retiredState, int keep);

    /** Marks a version archived (kept, never deleted), bumping its row_version. */
    void archive(String modelId, String at);

    Optional<ActivePointer> pointer(String modelName);

    Optional<String> lastKnownGood(String modelName);

    /** The last-known-good version of {@code modelName} while {@code activeModelId} is its live one. */
    Optional<String> lastKnownGoodWhileActive(String modelName, String activeModelId);

    /**
     * Makes {@code activeModelId} the live version of {@code modelName}; {@code previousActiveId}, when not null, becomes
     * its last-known-good. Creates the pointer on the name's first rollout.
     */
    void pointTo(String modelName, String activeModelId, String previousActiveId, String at, String by);

    /** Leaves {@code modelName} without a live version (its last-known-good stays). */
    void clearActive(String modelName, String at, String by);

    /** Makes the last-known-good {@code targetId} live again; the name then has no last-known-good. */
    void rollBackTo(String modelName, String targetId, String at, String by);

    // lineage, scorecards and drift

    /** The hashes of every version, for the Lineage search. */
    List<VersionHashRow> hashes();

    /** The versions among {@code modelIds}; ids that name no version are left out. */
    List<ModelVersion> withIds(Collection<String> modelIds);

    /** The id of every registered version. */
    List<String> ids();

    // rules, policy, command line and demo data
    /** The number of versions, all states. */
    long count();

    /** The distinct states the versions hold. */
    List<String> statesInUse();

    /** Model name → its last-known-good version, by name. */
    Map<String, String> lastKnownGoodByName();

    /** Inserts versions as given (every column of the record) in one batch. */
    void insertAll(List<ModelVersion> versions);

    // signing and trust

    /** The model types of {@code modelIds} (not empty), each once. */
    List<String> typesOf(List<String> modelIds);

    /**
     * The versions as stored, keyed by column (untyped: a replay of the signed history compares what is there), handed
     * to {@code each} one at a time as they are read; those of {@code modelIds} only, or all when {@code modelIds} is null.
     */
    void rowsAsStored(Set<String> modelIds, Consumer<Map<String, Object>> each);

    /** The live pointers as stored, keyed by column; those of {@code modelNames} only, or all when it is null. */
    List<Map<String, Object>> pointerRowsAsStored(Set<String> modelNames);

    /** model_name → model_id of every version in {@code state} (the live state: one per name). */
    Map<String, String> idsInStateByName(String state);
}
