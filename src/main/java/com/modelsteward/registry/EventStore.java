package com.modelsteward.registry;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The store's the outbox: {@code events}. Bound to one transaction or snapshot by {@link Store}. */
public interface EventStore {

    // governance engine

    /** Writes an event, attested by an EVENT_EMITTED audit entry of {@code attestedBy} when not null ({@link Outbox#append}). */
    long append(Clock clock, String attestedBy, String eventType, Object payload);

    // signing and trust

    /** Every outbox event as stored (id, type, payload), keyed by column: what a replay of the signed history compares. */
    List<Map<String, Object>> rowsAsStored();
}
