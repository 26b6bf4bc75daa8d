package com.modelsteward.registry;

/** The store's the outbox: {@code events}. Bound to one transaction or snapshot by {@link Store}. */
public interface EventStore {
}
