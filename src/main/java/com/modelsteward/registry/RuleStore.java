package com.modelsteward.registry;

/** The store's rule changes and the stored policy: {@code rule_changes}, the policy keys of {@code registry_meta}. Bound to one transaction or snapshot by {@link Store}. */
public interface RuleStore {
}
