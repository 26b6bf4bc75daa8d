package com.modelsteward.registry;

/** The store's transition requests and incidents: {@code transition_requests}, {@code incidents}. Bound to one transaction or snapshot by {@link Store}. */
public interface RequestStore {
}
