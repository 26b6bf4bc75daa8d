package com.modelsteward.registry;

/** The store's the hash-chained audit log and its signed heads: {@code audit_log}, {@code audit_signatures}. Bound to one transaction or snapshot by {@link Store}. */
public interface AuditStore {
}
