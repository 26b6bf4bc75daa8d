package com.modelsteward.registry;

/** One audit entry's sequence number, time, actor and payload, without its chain links. */
public record AuditLine(long seq, String ts, String actor, String payloadJson) {
}
