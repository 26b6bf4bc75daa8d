package com.modelsteward.registry;

/** Who wrote an audit entry and its payload. */
public record ActorPayload(String actor, String payloadJson) {
}
