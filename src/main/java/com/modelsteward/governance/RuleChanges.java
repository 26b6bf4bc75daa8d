package com.modelsteward.governance;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.LineDiff;
import com.modelsteward.policy.Policy;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.policy.PolicyStore;
import com.modelsteward.registry.NewPrincipal;
import com.modelsteward.registry.PrincipalStanding;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RuleChangeRow;
import com.modelsteward.registry.Store;
import com.modelsteward.registry.Timestamps;
import com.modelsteward.trust.Keys;
import com.modelsteward.trust.Signatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Four eyes on the rules (docs/security.md). A policy change, a role grant or revocation, a deactivation or a
 * reactivation is a rule change: requested and signed by an active ADMIN, it takes effect only in the transaction that
 * records its approval by a <em>different</em> active ADMIN, whose signature covers the whole content (the proposed
 * policy's digest and the digest of the policy it replaces, or the user and role). While the registry has exactly one
 * active ADMIN there is nobody to ask, so that ADMIN's changes apply at once and say so in the audit payload
 * ({@code "four_eyes": false, "reason": "single ADMIN"}); granting ADMIN to a second person is the last such change.
 *
 * <p>Every step is audited ({@code RULE_CHANGE_REQUESTED}, {@code RULE_CHANGE_APPROVED}/{@code REJECTED}/{@code STALE},
 * and the effective {@code PRINCIPAL_CHANGED} or {@code POLICY_SET} carrying the full resulting values) and each
 * transaction is sealed by its actor. The triggers of schema V007 refuse the same shortcuts for any writer.
 */
public final class RuleChanges {

    public static final String SINGLE_ADMIN = "single ADMIN";
    private static final String PREFIX = "RC-";

    /** What a rule change does; {@link #label()} is how the Approvals queue names it. */
    public enum Kind {
        POLICY_SET("Policy change"),
        ROLE_GRANT("Role grant"),
        ROLE_REVOKE("Role revocation"),
        DEACTIVATE("Deactivation"),
        ACTIVATE("Reactivation");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean policy() {
            return this == POLICY_SET;
        }
    }

    /** One row of {@code rule_changes}. {@code baseSha256} is null when the built-in policy was in force. */
    public record RuleChange(String changeId, Kind kind, String target, String targetUser, String role, String policyName,
                             String policyText, String policyFormat, String policySha256, String baseSha256, String requestedBy,
                             String requestedAt, String requesterSignature, boolean fourEyes, String status, String decidedBy,
                             String decidedAt, String decisionComment, String decisionSignature) {

        public boolean pending() {
            return "PENDING".equals(status);
        }

        /** One line: "grant ADMIN to rita", "policy lifecycle-004 (sha256 1a2b3c4d…)". */
        public String summary() {
            return switch (kind) {
                case POLICY_SET -> "policy " + policyName + " (sha256 " + policySha256.substring(0, 12) + "…)";
                case ROLE_GRANT -> "grant " + role + " to " + targetUser;
                case ROLE_REVOKE -> "revoke " + role + " from " + targetUser;
                case DEACTIVATE -> "deactivate " + targetUser;
                case ACTIVATE -> "reactivate " + targetUser;
            };
        }
    }

    /** A principal as a rule change finds or leaves it. */
    public record PrincipalState(String user, boolean exists, Set<String> roles, boolean active) {

        public String rolesText() {
            return String.join(",", roles);
        }
    }

    /** What a request or decision did: the change as it stands afterwards and whether it took effect. */
    public record Outcome(RuleChange change, boolean applied) {
    }

    /**
     * What the decision dialog shows: the change, the text it replaces and the diff (a policy change), the principal before
     * and after (a role change), and every reason {@code who} may not decide it now.
     */
    public record Evidence(RuleChange change, String baseText, String baseLabel, List<LineDiff.Line> diff, PrincipalState before,
                           PrincipalState after, List<String> blockers, List<String> notes) {
    }

    /** A policy change whose base policy was replaced after it was requested. */
    private static final class StaleChange extends GovernanceException {
        private final String changeId;

        StaleChange(String changeId, String why) {
            super(GovernanceException.ROLLOUT_DENIED, "rule change " + changeId + " is stale: " + why
                    + "; it has been marked STALE and cannot be applied; request the change again against the policy in force");
            this.changeId = changeId;
        }
    }

    private record Proposal(Kind kind, String targetUser, Role role, String policyName, String policyText, String policyFormat) {
    }

    private RuleChanges() {
    }

    public static boolean isChangeId(String id) {
        return id != null && id.startsWith(PREFIX);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Requests
    // ---------------------------------------------------------------------------------------------------------------

    /** Proposes {@code file} as the registry's policy; validated now (and again at approval) against the states in use. */
    public static Outcome requestPolicy(Registry registry, Clock clock, Identity admin, Path file, Map<String, String> env) {
        admin.require(Role.ADMIN, "changing the policy");
        boolean yaml = PolicyLoader.isYaml(file);
        // Read once: the text validated is the text stored, however the file changes meanwhile.
        String text = PolicyLoader.readText(file);
        Policy policy = PolicyLoader.fromText(text, file.toString(), yaml, env);
        policy.checkCovers(PolicyStore.statesInUse(registry));
        String format = yaml ? "yaml" : "json";
        return request(registry, clock, admin, new Proposal(Kind.POLICY_SET, null, null, policy.name(), text, format));
    }

    public static Outcome requestRoleGrant(Registry registry, Clock clock, Identity admin, String user, Role role) {
        return request(registry, clock, admin, new Proposal(Kind.ROLE_GRANT, user, role, null, null, null));
    }

    public static Outcome requestRoleRevoke(Registry registry, Clock clock, Identity admin, String user, Role role) {
        return request(registry, clock, admin, new Proposal(Kind.ROLE_REVOKE, user, role, null, null, null));
    }

    public static Outcome requestDeactivation(Registry registry, Clock clock, Identity admin, String user) {
        return request(registry, clock, admin, new Proposal(Kind.DEACTIVATE, user, null, null, null, null));
    }

    public static Outcome requestActivation(Registry registry, Clock clock, Identity admin, String user) {
        return request(registry, clock, admin, new Proposal(Kind.ACTIVATE, user, null, null, null, null));
    }

    private static Outcome request(Registry registry, Clock clock, Identity admin, Proposal proposal) {
        admin.require(Role.ADMIN, "changing the rules (" + proposal.kind().label().toLowerCase(Locale.ROOT) + ")");
        if (!proposal.kind().policy() && (proposal.targetUser() == null || !proposal.targetUser().matches("[A-Za-z0-9._@-]+"))) {
            throw new GovernanceException("E_INVALID_INPUT", "user \"" + proposal.targetUser()
                    + "\" must be an OS login name (letters, digits, . _ @ -)");
        }
        return registry.write(store -> {
            requireActiveAdmin(store, admin.user(), "requesting a rule change");
            if (!proposal.kind().policy()) {
                PrincipalState before = principal(store, proposal.targetUser());
                checkPrincipalChange(store, proposal.kind(), before, proposal.role() == null ? null : proposal.role().name(), true);
            }
            String base = proposal.kind().policy() ? storedPolicySha(store).orElse(null) : null;
            if (proposal.kind().policy() && CanonicalJson.sha256Hex(proposal.policyText()).equals(base)) {
                throw new GovernanceException("E_INVALID_INPUT", "this policy is already the one in force (sha256 " + base.substring(0, 12)
                        + "…); nothing to change");
            }
            boolean fourEyes = store.principals().activeAdmins() > 1;
            String id = nextId(store);
            String now = Timestamps.now(clock);
            String target = proposal.kind().policy() ? "policy:" + proposal.policyName() : "principal:" + proposal.targetUser();
            String sha = proposal.policyText() == null ? null : CanonicalJson.sha256Hex(proposal.policyText());
            RuleChange draft = new RuleChange(id, proposal.kind(), target, proposal.targetUser(),
                    proposal.role() == null ? null : proposal.role().name(), proposal.policyName(), proposal.policyText(),
                    proposal.policyFormat(), sha, base, admin.user(), now, null, fourEyes, "PENDING", null, null, null, null);
            String signature = Keys.sign(Signatures.signingKey(store, admin.user()), requestContent(draft));
            store.rules().insertRequest(new RuleChangeRow(id, draft.kind().name(), target, draft.targetUser(), draft.role(),
                    draft.policyName(), draft.policyText(), draft.policyFormat(), sha, base, admin.user(), now, signature, fourEyes,
                    "PENDING", null, null, null, null));
            Map<String, Object> payload = contentPayload(draft);
            payload.put("four_eyes", fourEyes);
            payload.put("text", draft.policyText());
            store.audit().append(clock, admin.user(), "RULE_CHANGE_REQUESTED", "rule_change:" + id, payload);
            boolean applied = false;
            if (!fourEyes) {
                apply(store, clock, find(store, id).orElseThrow(), admin.user(), SINGLE_ADMIN + ": applied at once", false);
                applied = true;
            }
            Signatures.seal(store, clock, admin.user());
            return new Outcome(find(store, id).orElseThrow(), applied);
        });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Decisions
    // ---------------------------------------------------------------------------------------------------------------

    /** A second active ADMIN approves: the change takes effect in the same transaction. */
    public static Outcome approve(Registry registry, Clock clock, Identity who, String changeId, String comment, Map<String, String> env) {
        requireComment(comment);
        who.require(Role.ADMIN, "approving rule change " + changeId);
        RuleChange proposed = find(registry, changeId)
                .orElseThrow(() -> new GovernanceException("E_NOT_FOUND", "no rule change with id \"" + changeId + "\""));
        if (proposed.kind().policy() && proposed.pending()) {
            PolicyLoader.fromText(proposed.policyText(), changeId + " (proposed policy)", !"json".equals(proposed.policyFormat()), env)
                    .checkCovers(PolicyStore.statesInUse(registry));
        }
        try {
            return registry.write(store -> {
                RuleChange change = decidable(store, who, changeId, "approved");
                if (change.kind().policy()) {
                    String now = storedPolicySha(store).orElse(null);
                    if (!java.util.Objects.equals(now, change.baseSha256())) {
                        throw new StaleChange(changeId, "the policy in force changed after it was requested (requested against "
                                + describeBase(change.baseSha256()) + ", now " + describeBase(now) + ")");
                    }
                } else {
                    checkPrincipalChange(store, change.kind(), principal(store, change.targetUser()), change.role(), false);
                }
                apply(store, clock, change, who.user(), comment.strip(), true);
                Signatures.seal(store, clock, who.user());
                return new Outcome(find(store, changeId).orElseThrow(), true);
            });
        } catch (StaleChange stale) {
            markStale(registry, clock, who, stale.changeId, stale.getMessage());
            throw stale;
        }
    }

    /** A second active ADMIN rejects: nothing changes, and the change is closed. */
    public static Outcome reject(Registry registry, Clock clock, Identity who, String changeId, String comment) {
        requireComment(comment);
        who.require(Role.ADMIN, "rejecting rule change " + changeId);
        return registry.write(store -> {
            RuleChange change = decidable(store, who, changeId, "rejected");
            String now = Timestamps.now(clock);
            recordDecision(store, change, "REJECTED", who.user(), comment.strip(), now);
            Map<String, Object> payload = contentPayload(change);
            payload.put("decided_by", who.user());
            payload.put("comment", comment.strip());
            store.audit().append(clock, who.user(), "RULE_CHANGE_REJECTED", "rule_change:" + changeId, payload);
            Signatures.seal(store, clock, who.user());
            return new Outcome(find(store, changeId).orElseThrow(), false);
        });
    }

    /** The PENDING change, after refusing an inactive or non-ADMIN decider, the requester, and a forged request. */
    private static RuleChange decidable(Store store, Identity who, String changeId, String verb) {
        RuleChange change = find(store, changeId)
                .orElseThrow(() -> new GovernanceException("E_NOT_FOUND", "no rule change with id \"" + changeId + "\""));
        if (!change.pending()) {
            throw denied("rule change " + changeId + " is " + change.status() + "; only a PENDING rule change can be " + verb);
        }
        requireActiveAdmin(store, who.user(), (verb.equals("approved") ? "approving" : "rejecting") + " rule change " + changeId);
        if (who.user().equals(change.requestedBy())) {
            throw denied(who.user() + " requested " + changeId + " and cannot also decide it; a rule change needs a second ADMIN (four eyes)");
        }
        requesterSignatureProblem(store, change).ifPresent(problem -> {
            throw new GovernanceException(GovernanceException.APPROVAL_MISSING, "rule change " + changeId + " cannot be " + verb
                    + ": " + problem + ". Nothing was changed");
        });
        return change;
    }

    /** Why the requester's signature does not verify (a row written by hand, or altered), or empty when it does. */
    static Optional<String> requesterSignatureProblem(Store store, RuleChange change) {
        if (change.policyText() != null && !CanonicalJson.sha256Hex(change.policyText()).equals(change.policySha256())) {
            return Optional.of("its policy text does not match its digest (the text was altered)");
        }
        Signatures.KeyCheck key = Signatures.trustedKey(store, change.requestedBy());
        if (!key.trusted()) {
            return Optional.of("the requester's key cannot be checked: " + key.problem());
        }
        return Keys.verifyCanonical(key.publicKey(), requestFields(change), change.requesterSignature()) ? Optional.empty()
                : Optional.of("its signature does not match its content and " + change.requestedBy() + "'s key");
    }

    private static void markStale(Registry registry, Clock clock, Identity who, String changeId, String why) {
        registry.write(store -> {
            Optional<RuleChange> change = find(store, changeId).filter(RuleChange::pending);
            if (change.isPresent()) {
                recordDecision(store, change.get(), "STALE", who.user(), why, Timestamps.now(clock));
                Map<String, Object> payload = contentPayload(change.get());
                payload.put("decided_by", who.user());
                payload.put("reason", why);
                store.audit().append(clock, who.user(), "RULE_CHANGE_STALE", "rule_change:" + changeId, payload);
                Signatures.seal(store, clock, who.user());
            }
            return null;
        });
    }

    /**
     * Records the approval (or, without four eyes, the requester's own application) and makes the change: the stored
     * policy, or the principal's roles and active flag. The effective audit entry carries the full resulting values.
     */
    private static void apply(Store store, Clock clock, RuleChange change, String decider, String comment, boolean fourEyes) {
        String now = Timestamps.now(clock);
        recordDecision(store, change, "APPLIED", decider, comment, now);
        if (fourEyes) {
            Map<String, Object> approved = contentPayload(change);
            approved.put("decided_by", decider);
            approved.put("comment", comment);
            store.audit().append(clock, decider, "RULE_CHANGE_APPROVED", "rule_change:" + change.changeId(), approved);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("change_id", change.changeId());
        payload.put("requested_by", change.requestedBy());
        payload.put("approved_by", decider);
        payload.put("four_eyes", fourEyes);
        if (!fourEyes) {
            payload.put("reason", SINGLE_ADMIN);
        }
        if (change.kind().policy()) {
            store.rules().storePolicy(change.policyText(), change.policyFormat());
            payload.put("policy", change.policyName());
            payload.put("sha256", change.policySha256());
            payload.put("base_sha256", change.baseSha256());
            payload.put("format", change.policyFormat());
            payload.put("text", change.policyText());
            store.audit().append(clock, decider, "POLICY_SET", "policy:" + change.policyName(), payload);
            return;
        }
        PrincipalState before = principal(store, change.targetUser());
        PrincipalState after = after(before, change.kind(), change.role());
        if (before.exists()) {
            store.principals().setStanding(after.user(), after.rolesText(), after.active());
        } else {
            store.principals().insert(new NewPrincipal(after.user(), after.user(), after.rolesText(), change.requestedBy()));
        }
        payload.put("user", after.user());
        payload.put("roles", after.rolesText());
        payload.put("active", after.active());
        payload.put("change", change.kind().name());
        payload.put("role", change.role());
        store.audit().append(clock, decider, "PRINCIPAL_CHANGED", "principal:" + after.user(), payload);
    }

    private static void recordDecision(Store store, RuleChange change, String status, String decider, String comment, String at) {
        String signature = Keys.sign(Signatures.signingKey(store, decider),
                decisionContent(change, status, comment, at, decider));
        store.rules().recordDecision(change.changeId(), status, decider, at, comment, signature);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Rules about principals
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Refuses a principal change that cannot be made: an unknown user (except for a grant), a change that would change
     * nothing (only when requesting: a change that became one meanwhile is applied as the no-op it is), and a change that
     * would leave the registry without an active ADMIN.
     */
    private static void checkPrincipalChange(Store store, Kind kind, PrincipalState before, String role, boolean requesting) {
        if (!before.exists() && kind != Kind.ROLE_GRANT) {
            throw new GovernanceException("E_NOT_FOUND", before.user() + " is not a principal of this registry");
        }
        PrincipalState after = after(before, kind, role);
        if (requesting && after.equals(before)) {
            String already = switch (kind) {
                case ROLE_GRANT -> "already holds " + role;
                case ROLE_REVOKE -> "does not hold " + role;
                case DEACTIVATE -> "is already inactive";
                case ACTIVATE -> "is already active";
                case POLICY_SET -> "is unchanged";
            };
            throw new GovernanceException("E_INVALID_INPUT", before.user() + " " + already + "; nothing to change");
        }
        boolean adminBefore = before.active() && before.roles().contains(Role.ADMIN.name());
        boolean adminAfter = after.active() && after.roles().contains(Role.ADMIN.name());
        if (adminBefore && !adminAfter && store.principals().activeAdmins() <= 1) {
            throw denied("this would leave the registry without an active ADMIN; grant ADMIN to someone else first");
        }
    }

    private static PrincipalState after(PrincipalState before, Kind kind, String role) {
        Set<String> roles = new TreeSet<>(before.roles());
        boolean active = before.active();
        switch (kind) {
            case ROLE_GRANT -> roles.add(role);
            case ROLE_REVOKE -> roles.remove(role);
            case DEACTIVATE -> active = false;
            case ACTIVATE -> active = true;
            case POLICY_SET -> throw new IllegalArgumentException("not a principal change");
        }
        return new PrincipalState(before.user(), true, roles, active);
    }

    public static PrincipalState principal(Store store, String user) {
        Optional<PrincipalStanding> row = store.principals().standing(user);
        if (row.isEmpty()) {
            return new PrincipalState(user, false, Set.of(), true);
        }
        Set<String> roles = new TreeSet<>();
        String text = row.get().roles();
        for (String role : text == null ? new String[0] : text.split(",")) {
            if (!role.isBlank()) {
                roles.add(role.strip());
            }
        }
        return new PrincipalState(user, true, roles, row.get().active());
    }

    private static void requireActiveAdmin(Store store, String user, String toDoWhat) {
        if (!Principals.roles(store, user).contains(Role.ADMIN)) {
            throw denied(user + " is not an active ADMIN of this registry; " + toDoWhat + " needs an active ADMIN");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading
    // ---------------------------------------------------------------------------------------------------------------

    public static List<RuleChange> list(Registry registry) {
        return registry.read(store -> store.rules().all().stream().map(RuleChanges::change).toList());
    }

    /** The number of rule changes waiting for a decision (the Approvals badge counts them with model requests). */
    public static long pendingCount(Registry registry) {
        return registry.read(store -> store.rules().pendingCount());
    }

    public static Optional<RuleChange> find(Registry registry, String changeId) {
        return registry.read(store -> find(store, changeId));
    }

    static Optional<RuleChange> find(Store store, String changeId) {
        return store.rules().find(changeId).map(RuleChanges::change);
    }

    /** The decision dialog's content for {@code who}; reads one snapshot. */
    public static Evidence evidence(Registry registry, String changeId, Identity who) {
        return registry.read(store -> {
            RuleChange change = find(store, changeId)
                    .orElseThrow(() -> new GovernanceException("E_NOT_FOUND", "no rule change with id \"" + changeId + "\""));
            List<String> blockers = new ArrayList<>();
            if (!change.pending()) {
                blockers.add(changeId + " is " + change.status() + "; only a PENDING rule change can be decided");
            }
            if (!Principals.roles(store, who.user()).contains(Role.ADMIN)) {
                blockers.add(who.user() + " is not an active ADMIN; deciding a rule change needs an active ADMIN other than its requester");
            } else if (who.user().equals(change.requestedBy())) {
                blockers.add(who.user() + " requested " + changeId + " and cannot also decide it; a rule change needs a second ADMIN (four eyes)");
            }
            requesterSignatureProblem(store, change).ifPresent(p -> blockers.add("the request " + p));
            if (!change.kind().policy()) {
                PrincipalState before = principal(store, change.targetUser());
                PrincipalState after = change.pending() || !before.exists() ? after(before, change.kind(), change.role()) : before;
                if (change.pending()) {
                    try {
                        checkPrincipalChange(store, change.kind(), before, change.role(), false);
                    } catch (GovernanceException refused) {
                        blockers.add(refused.getMessage());
                    }
                }
                return new Evidence(change, null, null, List.of(), before, after, blockers, List.of());
            }
            String current = storedPolicySha(store).orElse(null);
            List<String> notes = new ArrayList<>();
            if (change.pending() && !java.util.Objects.equals(current, change.baseSha256())) {
                notes.add("the policy in force changed after " + changeId + " was requested; approving it marks it STALE");
            }
            String baseText = policyText(store, change.baseSha256());
            String label = describeBase(change.baseSha256());
            return new Evidence(change, baseText, label, LineDiff.unified(baseText, change.policyText()), null, null, blockers, notes);
        });
    }

    /** The text of the policy with this digest: the stored one, an applied change's, or the built-in one (null digest). */
    private static String policyText(Store store, String sha256) {
        if (sha256 == null) {
            try (InputStream in = RuleChanges.class.getResourceAsStream("/policies/" + PolicyLoader.BUILT_IN)) {
                return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
        Optional<String> stored = store.rules().storedPolicyText().filter(text -> CanonicalJson.sha256Hex(text).equals(sha256));
        return stored.orElseGet(() -> store.rules().appliedPolicyText(sha256).orElse(""));
    }

    private static String describeBase(String sha256) {
        return sha256 == null ? "the built-in policy" : "the stored policy sha256 " + sha256.substring(0, 12) + "…";
    }

    static Optional<String> storedPolicySha(Store store) {
        return store.rules().storedPolicyText().map(CanonicalJson::sha256Hex);
    }

    private static RuleChange change(RuleChangeRow row) {
        return new RuleChange(row.changeId(), Kind.valueOf(row.kind()), row.target(), row.targetUser(), row.role(), row.policyName(),
                row.policyText(), row.policyFormat(), row.policySha256(), row.baseSha256(), row.requestedBy(), row.requestedAt(),
                row.requesterSignature(), row.fourEyes(), row.status(), row.decidedBy(), row.decidedAt(), row.decisionComment(),
                row.decisionSignature());
    }

    private static String nextId(Store store) {
        return PREFIX + "%06d".formatted(store.rules().nextNumber());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Signed content
    // ---------------------------------------------------------------------------------------------------------------

    /** What the requester signs: the whole proposal (the policy by its digest, which the text must match). */
    static String requestContent(RuleChange change) {
        return CanonicalJson.write(requestFields(change));
    }

    private static Map<String, Object> requestFields(RuleChange change) {
        Map<String, Object> content = new LinkedHashMap<>(contentPayload(change));
        content.put("kind", "rule_change_request");
        content.put("requested_at", change.requestedAt());
        content.put("four_eyes", change.fourEyes());
        return content;
    }

    /** What the decider signs: the whole proposal, the policy it replaces, the decision, comment, time and decider. */
    static String decisionContent(RuleChange change, String status, String comment, String decidedAt, String decider) {
        Map<String, Object> content = new LinkedHashMap<>(contentPayload(change));
        content.put("kind", "rule_change_decision");
        content.put("requested_at", change.requestedAt());
        content.put("decision", status);
        content.put("comment", comment);
        content.put("decided_at", decidedAt);
        content.put("decided_by", decider);
        return CanonicalJson.write(content);
    }

    /** The fields every audit entry and signature of a rule change names. */
    private static Map<String, Object> contentPayload(RuleChange change) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("change_id", change.changeId());
        payload.put("change", change.kind().name());
        payload.put("target", change.target());
        payload.put("user", change.targetUser());
        payload.put("role", change.role());
        payload.put("policy", change.policyName());
        payload.put("sha256", change.policySha256());
        payload.put("format", change.policyFormat());
        payload.put("base_sha256", change.baseSha256());
        payload.put("requested_by", change.requestedBy());
        return payload;
    }

    private static void requireComment(String comment) {
        if (comment == null || comment.isBlank()) {
            throw new GovernanceException("E_INVALID_INPUT", "a decision on a rule change needs a comment (--comment TEXT)");
        }
    }

    private static GovernanceException denied(String message) {
        return new GovernanceException(GovernanceException.ROLLOUT_DENIED, message);
    }
}
