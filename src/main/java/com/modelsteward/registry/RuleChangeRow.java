package com.modelsteward.registry;

/**
 * One row of {@code rule_changes}, as stored: {@code kind} and {@code status} are the stored names, {@code baseSha256} is
 * null when the built-in policy was in force, the decision fields are null while the change is PENDING.
 */
public record RuleChangeRow(String changeId, String kind, String target, String targetUser, String role, String policyName,
                            String policyText, String policyFormat, String policySha256, String baseSha256, String requestedBy,
                            String requestedAt, String requesterSignature, boolean fourEyes, String status, String decidedBy,
                            String decidedAt, String decisionComment, String decisionSignature) {
}
