package com.modelsteward.registry;

/** An audit entry's who, what and on what, without its chain fields: what a replay of the signed history applies. */
public record AuditAction(long seq, String actor, String action, String entity, String payloadJson) {
}
