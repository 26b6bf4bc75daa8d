package com.modelsteward.registry;

/** The store's principals, their roles and enrolled keys: {@code principals}. Bound to one transaction or snapshot by {@link Store}. */
public interface PrincipalStore {
}
