package com.modelsteward.registry;

/** The store's registry-wide settings and facts: {@code registry_meta}, {@code schema_version}. Bound to one transaction or snapshot by {@link Store}. */
public interface MetaStore {
}
