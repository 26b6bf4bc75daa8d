package com.modelsteward.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.Policy;
import com.modelsteward.policy.PolicyStore;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.trust.Enrolment;
import com.modelsteward.trust.Keys;
import com.modelsteward.trust.SignatureAudit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four eyes on the rules, attacked: one ADMIN alone cannot loosen the policy or change who may decide once a second
 * ADMIN exists; nobody approves their own rule change; a risk officer or an inactive ADMIN cannot approve one; a policy
 * change requested against a policy that has since been replaced goes STALE; the database refuses the shortcuts.
 */
class RuleChangesTest {

    /** Drops the gates from promotions and lets a retired version come back without review. */
    static final String LOOSE = """
            name: loose
            transitions:
              - {from: CANDIDATE, to: SHADOW, requires: [artifacts, scorecards]}
              - {from: SHADOW, to: ACTIVE, requires: [artifacts], approvals: {count: 1, role: RISK_OFFICER}}
              - {from: RETIRED, to: ACTIVE, approvals: {count: 1, role: RISK_OFFICER}}
              - {from: CANDIDATE, to: RETIRED}
              - {from: SHADOW, to: RETIRED}
              - {from: ACTIVE, to: RETIRED, approvals: {count: 1, role: RISK_OFFICER}}
            """;

    static final String STRICT = """
            name: strict
            defaults:
              shadowDurationDays: 14
            """;

    @TempDir
    Path dir;

    private Path policyFile(String name, String text) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, text);
        return file;
    }

    /** The fixture's single ADMIN ines makes adam a second ADMIN (the last single-ADMIN change); adam enrols a key. */
    private static Identity secondAdmin(Fixture f) {
        RuleChanges.Outcome grant = RuleChanges.requestRoleGrant(f.registry, f.clock, f.ines, "adam", Role.ADMIN);
        assertTrue(grant.applied(), "with one ADMIN the grant applies at once");
        String fingerprint = Enrolment.enrollSelf(f.registry, f.clock, f.who("adam"), Keys.directory()).fingerprint();
        Enrolment.endorse(f.registry, f.clock, f.ines, "adam", fingerprint);
        return f.who("adam");
    }

    private static JsonNode lastPayload(Fixture f, String action) {
        String json = f.registry.readHandle(h -> h.createQuery("SELECT payload_json FROM audit_log WHERE action = :a ORDER BY seq DESC LIMIT 1")
                .bind("a", action).mapTo(String.class).one());
        try {
            return CanonicalJson.mapper().readTree(json);
        } catch (Exception notJson) {
            throw new AssertionError(notJson);
        }
    }

    private static Policy inForce(Fixture f) {
        return PolicyStore.current(f.registry, Map.of());
    }

    @Test
    void aSingleAdminsChangesApplyAtOnceAndSaySo() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            RuleChanges.Outcome outcome = RuleChanges.requestPolicy(f.registry, f.clock, f.ines, policyFile("strict", STRICT), Map.of());
            assertTrue(outcome.applied());
            assertEquals("APPLIED", outcome.change().status());
            assertEquals("ines", outcome.change().decidedBy());
            assertEquals("strict", inForce(f).name());
            JsonNode payload = lastPayload(f, "POLICY_SET");
            assertFalse(payload.get("four_eyes").asBoolean());
            assertEquals(RuleChanges.SINGLE_ADMIN, payload.get("reason").asText());
            assertEquals(STRICT, payload.get("text").asText());
            assertEquals(CanonicalJson.sha256Hex(STRICT), payload.get("sha256").asText());
            assertEquals(outcome.change().changeId(), payload.get("change_id").asText());
            assertTrue(SignatureAudit.verify(f.registry).ok(), SignatureAudit.verify(f.registry).problems().toString());
        }
    }

    @Test
    void withASecondAdminOneAdminCannotLoosenThePolicyAlone() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            Identity adam = secondAdmin(f);
            JsonNode granted = lastPayload(f, "PRINCIPAL_CHANGED");
            assertEquals("adam", granted.get("user").asText());
            assertEquals("ADMIN", granted.get("roles").asText());
            assertTrue(granted.get("active").asBoolean());
            assertEquals(RuleChanges.SINGLE_ADMIN, granted.get("reason").asText());

            RuleChanges.Outcome pending = RuleChanges.requestPolicy(f.registry, f.clock, f.ines, policyFile("loose", LOOSE), Map.of());
            assertFalse(pending.applied());
            assertEquals("PENDING", pending.change().status());
            assertEquals("l3-12", inForce(f).name(), "the stored policy is unchanged while the change waits");
            assertTrue(inForce(f).transition("RETIRED", "ACTIVE").isEmpty());
            assertEquals(0, (int) f.registry.readHandle(h -> h.createQuery("SELECT count(*) FROM registry_meta WHERE key = 'policy_text'")
                    .mapTo(Integer.class).one()));
            // Gates are still enforced: a failing candidate cannot be promoted under the policy in force.
            String weak = f.register("weak", "1.0");
            f.scores(weak, 0.2, 0.5, 0.2);
            f.engine.request(f.bob, weak, "SHADOW", "try it");
            f.clock.advance(Duration.ofDays(8));
            GovernanceEngine engine = new GovernanceEngine(f.registry, inForce(f), f.clock);
            var request = engine.request(f.bob, weak, "ACTIVE", "loosened?");
            assertFalse(request.gateReport().passed());
            GovernanceException refused = assertThrows(GovernanceException.class, () -> engine.approve(f.rachel, request.requestId(), "ok"));
            assertEquals(GovernanceException.GATE_FAILED, refused.code());

            RuleChanges.Outcome approved = RuleChanges.approve(f.registry, f.clock, adam, pending.change().changeId(), "Reviewed the diff", Map.of());
            assertTrue(approved.applied());
            assertEquals("adam", approved.change().decidedBy());
            assertEquals("loose", inForce(f).name());
            JsonNode set = lastPayload(f, "POLICY_SET");
            assertTrue(set.get("four_eyes").asBoolean());
            assertEquals("ines", set.get("requested_by").asText());
            assertEquals("adam", set.get("approved_by").asText());
            assertEquals(LOOSE, set.get("text").asText());
            assertEquals("yaml", set.get("format").asText());
            List<String> actions = f.registry.readHandle(h -> h.createQuery("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 2")
                    .mapTo(String.class).list());
            assertEquals(List.of("POLICY_SET", "RULE_CHANGE_APPROVED"), actions, "the approval and its effect are one transaction");
            assertTrue(SignatureAudit.verify(f.registry).ok(), SignatureAudit.verify(f.registry).problems().toString());
        }
    }

    @Test
    void nobodyApprovesTheirOwnRuleChange() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            secondAdmin(f);
            String id = RuleChanges.requestPolicy(f.registry, f.clock, f.ines, policyFile("loose", LOOSE), Map.of()).change().changeId();
            GovernanceException refused = assertThrows(GovernanceException.class,
                    () -> RuleChanges.approve(f.registry, f.clock, f.ines, id, "looks fine to me", Map.of()));
            assertEquals(GovernanceException.ROLLOUT_DENIED, refused.code());
            assertTrue(refused.getMessage().contains("four eyes"), refused.getMessage());
            assertThrows(GovernanceException.class, () -> RuleChanges.reject(f.registry, f.clock, f.ines, id, "withdrawn"));
            assertEquals("PENDING", RuleChanges.find(f.registry, id).orElseThrow().status());
            // The database refuses the same shortcut from any writer.
            RegistryException sql = assertThrows(RegistryException.class, () -> f.registry.writeHandle(h -> h.execute(
                    "UPDATE rule_changes SET status = 'APPLIED', decided_by = 'ines', decided_at = 'now', decision_comment = 'ok', "
                            + "decision_signature = 'x' WHERE change_id = ?", id)));
            assertTrue(sql.getMessage().contains("cannot decide it (four eyes)"), sql.getMessage());
        }
    }

    @Test
    void aRiskOfficerOrAnInactiveAdminCannotApproveARuleChange() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            Identity adam = secondAdmin(f);
            String id = RuleChanges.requestRoleGrant(f.registry, f.clock, f.ines, "alice", Role.RISK_OFFICER).change().changeId();
            assertThrows(GovernanceException.class, () -> RuleChanges.approve(f.registry, f.clock, f.rachel, id, "sure", Map.of()));
            // Whatever roles the caller claims, the registry's own rows decide.
            Identity claimed = new Identity("rachel", Set.of(Role.ADMIN), false);
            GovernanceException refused = assertThrows(GovernanceException.class,
                    () -> RuleChanges.approve(f.registry, f.clock, claimed, id, "sure", Map.of()));
            assertTrue(refused.getMessage().contains("not an active ADMIN"), refused.getMessage());
            f.registry.writeHandle(h -> h.execute("UPDATE principals SET active = 0 WHERE user_name = 'adam'"));
            refused = assertThrows(GovernanceException.class, () -> RuleChanges.approve(f.registry, f.clock, adam, id, "sure", Map.of()));
            assertTrue(refused.getMessage().contains("not an active ADMIN"), refused.getMessage());
            assertEquals(Set.of(Role.ANALYST), f.who("alice").roles());
        }
    }

    @Test
    void deactivatingARiskOfficerNeedsTheSecondAdmin() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            Identity adam = secondAdmin(f);
            RuleChanges.Outcome pending = RuleChanges.requestDeactivation(f.registry, f.clock, f.ines, "rachel");
            assertFalse(pending.applied());
            assertEquals(Set.of(Role.RISK_OFFICER), f.who("rachel").roles(), "rachel still decides while the change waits");
            RuleChanges.approve(f.registry, f.clock, adam, pending.change().changeId(), "Left the desk", Map.of());
            assertTrue(f.who("rachel").roles().isEmpty());
            JsonNode payload = lastPayload(f, "PRINCIPAL_CHANGED");
            assertEquals("rachel", payload.get("user").asText());
            assertEquals("RISK_OFFICER", payload.get("roles").asText());
            assertFalse(payload.get("active").asBoolean());
            assertEquals("DEACTIVATE", payload.get("change").asText());

            String back = RuleChanges.requestActivation(f.registry, f.clock, adam, "rachel").change().changeId();
            RuleChanges.approve(f.registry, f.clock, f.ines, back, "Back from leave", Map.of());
            assertEquals(Set.of(Role.RISK_OFFICER), f.who("rachel").roles());
            String revoke = RuleChanges.requestRoleRevoke(f.registry, f.clock, adam, "rachel", Role.RISK_OFFICER).change().changeId();
            RuleChanges.approve(f.registry, f.clock, f.ines, revoke, "Moved to research", Map.of());
            assertEquals("", lastPayload(f, "PRINCIPAL_CHANGED").get("roles").asText());
            assertTrue(SignatureAudit.verify(f.registry).ok(), SignatureAudit.verify(f.registry).problems().toString());
        }
    }

    @Test
    void aPolicyChangeWhoseBaseWasReplacedGoesStale() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            Identity adam = secondAdmin(f);
            String loose = RuleChanges.requestPolicy(f.registry, f.clock, f.ines, policyFile("loose", LOOSE), Map.of()).change().changeId();
            String strict = RuleChanges.requestPolicy(f.registry, f.clock, adam, policyFile("strict", STRICT), Map.of()).change().changeId();
            RuleChanges.approve(f.registry, f.clock, f.ines, strict, "Longer shadow", Map.of());
            assertEquals("strict", inForce(f).name());
            GovernanceException stale = assertThrows(GovernanceException.class,
                    () -> RuleChanges.approve(f.registry, f.clock, adam, loose, "fine", Map.of()));
            assertTrue(stale.getMessage().contains("is stale"), stale.getMessage());
            RuleChanges.RuleChange after = RuleChanges.find(f.registry, loose).orElseThrow();
            assertEquals("STALE", after.status());
            assertEquals("adam", after.decidedBy());
            assertEquals("strict", inForce(f).name(), "the stale change changed nothing");
            assertEquals(loose, lastPayload(f, "RULE_CHANGE_STALE").get("change_id").asText());
            assertTrue(SignatureAudit.verify(f.registry).ok(), SignatureAudit.verify(f.registry).problems().toString());
        }
    }

    @Test
    void theLastActiveAdminCannotBeRemovedAndNoOpsAreRefused() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            GovernanceException refused = assertThrows(GovernanceException.class,
                    () -> RuleChanges.requestRoleRevoke(f.registry, f.clock, f.ines, "ines", Role.ADMIN));
            assertTrue(refused.getMessage().contains("without an active ADMIN"), refused.getMessage());
            assertThrows(GovernanceException.class, () -> RuleChanges.requestDeactivation(f.registry, f.clock, f.ines, "ines"));
            assertEquals("E_INVALID_INPUT", assertThrows(GovernanceException.class,
                    () -> RuleChanges.requestRoleGrant(f.registry, f.clock, f.ines, "rachel", Role.RISK_OFFICER)).code());
            assertEquals("E_NOT_FOUND", assertThrows(GovernanceException.class,
                    () -> RuleChanges.requestDeactivation(f.registry, f.clock, f.ines, "nobody")).code());
            assertThrows(GovernanceException.class, () -> RuleChanges.requestRoleGrant(f.registry, f.clock, f.rachel, "rachel", Role.ADMIN));
        }
    }

    @Test
    void theDatabaseRefusesForgedAndEditedRuleChanges() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            Identity adam = secondAdmin(f);
            String id = RuleChanges.requestRoleGrant(f.registry, f.clock, f.ines, "alice", Role.ADMIN).change().changeId();
            String insertSkippingFourEyes = """
                    INSERT INTO rule_changes (change_id, kind, target, target_user, role, requested_by, requested_at, requester_signature, four_eyes)
                    VALUES ('RC-999999', 'ROLE_GRANT', 'principal:bob', 'bob', 'ADMIN', 'ines', 'now', 'sig', 0)""";
            assertTrue(sqlRefusal(f, insertSkippingFourEyes).contains("one active ADMIN"));
            assertTrue(sqlRefusal(f, "INSERT INTO rule_changes (change_id, kind, target, target_user, role, requested_by, requested_at, "
                    + "requester_signature) VALUES ('RC-999998', 'ROLE_GRANT', 'principal:bob', 'bob', 'ADMIN', 'rachel', 'now', 'sig')")
                    .contains("only an active ADMIN"));
            assertTrue(sqlRefusal(f, "UPDATE rule_changes SET role = 'RISK_OFFICER' WHERE change_id = '" + id + "'").contains("cannot be edited"));
            assertTrue(sqlRefusal(f, "UPDATE rule_changes SET status = 'APPLIED', decided_by = 'rachel', decided_at = 'now', "
                    + "decision_comment = 'ok', decision_signature = 'x' WHERE change_id = '" + id + "'").contains("only an active ADMIN"));
            assertTrue(sqlRefusal(f, "DELETE FROM rule_changes WHERE change_id = '" + id + "'").contains("never deleted"));

            // A pending change written by hand, with a signature that is not the requester's, is never applied.
            f.registry.writeHandle(h -> h.execute("""
                    INSERT INTO rule_changes (change_id, kind, target, target_user, role, requested_by, requested_at, requester_signature)
                    VALUES ('RC-000900', 'ROLE_GRANT', 'principal:bob', 'bob', 'ADMIN', 'ines', '2026-11-01T12:00:00.000Z', 'forged')"""));
            GovernanceException forged = assertThrows(GovernanceException.class,
                    () -> RuleChanges.approve(f.registry, f.clock, adam, "RC-000900", "looks routine", Map.of()));
            assertEquals(GovernanceException.APPROVAL_MISSING, forged.code());
            assertEquals(Set.of(Role.ANALYST), f.who("bob").roles());

            RuleChanges.approve(f.registry, f.clock, adam, id, "Second ADMIN for holidays", Map.of());
            assertTrue(sqlRefusal(f, "UPDATE rule_changes SET status = 'REJECTED' WHERE change_id = '" + id + "'").contains("once"));
        }
    }

    private static String sqlRefusal(Fixture f, String sql) {
        RegistryException refused = assertThrows(RegistryException.class, () -> f.registry.writeHandle(h -> h.execute(sql)));
        return refused.getMessage();
    }
}
