package com.modelsteward.registry;

/** The store's maker-checker decisions: {@code approvals}. Bound to one transaction or snapshot by {@link Store}. */
public interface ApprovalStore {
}
