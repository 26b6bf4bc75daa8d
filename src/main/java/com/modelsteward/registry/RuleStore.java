package com.modelsteward.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The store's rule changes and the stored policy: {@code rule_changes}, the policy keys of {@code registry_meta}. Bound to one transaction or snapshot by {@link Store}. */
public interface RuleStore {

    // rules, policy, command line and demo data
    /** The {@code registry_meta} key of the stored policy's text. */
    String POLICY_TEXT_KEY = "policy_text";
    /** The {@code registry_meta} key of the stored policy's format. */
    String POLICY_FORMAT_KEY = "policy_format";

    /** Every rule change, newest first. */
    List<RuleChangeRow> all();

    Optional<RuleChangeRow> find(String changeId);

    /** The number of rule changes waiting for a decision. */
    long pendingCount();

    /** The number the next rule change's id carries: one past the highest so far. */
    long nextNumber();

    /** Records a new, PENDING rule change (its request fields; the decision fields are ignored). */
    void insertRequest(RuleChangeRow change);

    /** Closes a PENDING change with its decision; does nothing to a change no longer PENDING. */
    void recordDecision(String changeId, String status, String decidedBy, String decidedAt, String comment, String signature);

    /** The text of the newest APPLIED policy change with this digest. */
    Optional<String> appliedPolicyText(String sha256);

    /** The stored policy's text and format (each null when absent). */
    StoredPolicy storedPolicy();

    Optional<String> storedPolicyText();

    /** Stores {@code text} in {@code format} as the registry's policy, replacing the one stored. */
    void storePolicy(String text, String format);

    // signing and trust

    /** Every rule change as stored, keyed by column (untyped: a replay of the signed history compares what is there). */
    List<Map<String, Object>> changeRowsAsStored();
}
