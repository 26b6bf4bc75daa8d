package com.modelsteward.registry;

import java.util.Map;
import java.util.Optional;

/**
 * In memory: which version of each model name is in the live state (ACTIVE by default), as the spec asks, so that
 * reads which only need "the ACTIVE version of X" (the console, gate reports shown before a decision, the command line)
 * do not query for it each time.
 *
 * <p>It is reloaded whenever the file may have changed ({@link FileGeneration}: {@code PRAGMA data_version} or this
 * registry's own commit count moved).
 *
 * <p>Never use it to decide inside a write transaction: a write reads the row itself, in its own snapshot, so the rule
 * "no model ACTIVE without gates and approvals" never rests on a cached value.
 */
public final class ActiveCache {

    private final Registry registry;
    private final String liveState;
    private final FileGeneration<Map<String, String>> generation;

    ActiveCache(Registry registry, String liveState) {
        this.registry = registry;
        this.liveState = liveState;
        this.generation = new FileGeneration<>(registry);
    }

    /** The live version of {@code modelName}, if one is. */
    public Optional<String> activeModelId(String modelName) {
        return Optional.ofNullable(current().get(modelName));
    }

    /** Every model name with a live version, and that version. */
    public Map<String, String> all() {
        return current();
    }

    /** How many times the map was read from the file (for tests and the benchmark: a hit costs no query). */
    public long loads() {
        return generation.loads();
    }

    private Map<String, String> current() {
        return generation.get(() -> {
            // One row per name at most: the unique partial indexes of V001/V002 allow one live version per name.
            return Map.copyOf(registry.read(store -> store.versions().idsInStateByName(liveState)));
        });
    }
}
