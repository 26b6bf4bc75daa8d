package com.modelsteward.registry;

/** The store's model versions: {@code model_registry} and {@code active_pointer}. Bound to one transaction or snapshot by {@link Store}. */
public interface ModelVersionStore {
}
