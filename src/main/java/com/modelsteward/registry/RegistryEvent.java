package com.modelsteward.registry;

/** One row of the {@code events} outbox. */
public record RegistryEvent(long eventId, String eventType, String payloadJson, String createdAt, String publishedAt) {
}
