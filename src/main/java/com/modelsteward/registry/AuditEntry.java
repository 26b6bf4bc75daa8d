package com.modelsteward.registry;

/** One link of the tamper-evident audit chain. */
public record AuditEntry(long seq, String ts, String actor, String action, String entity, String payloadJson, String prevHash, String hash) {
}
