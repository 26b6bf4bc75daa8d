package com.modelsteward.registry;

import java.time.Clock;

/** The store's the outbox: {@code events}. Bound to one transaction or snapshot by {@link Store}. */
public interface EventStore {

    // governance engine

    /** Writes an event, attested by an EVENT_EMITTED audit entry of {@code attestedBy} when not null ({@link Outbox#append}). */
    long append(Clock clock, String attestedBy, String eventType, Object payload);
}
