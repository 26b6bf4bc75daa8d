package com.modelsteward.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.Policy;
import com.modelsteward.policy.PolicyStore;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.trust.SignatureAudit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on what a file cannot refuse: rows and entries written behind the app's back, with the triggers dropped where
 * they would stop it. Each must be refused by the engine before it acts on it, or reported by {@code audit verify}.
 */
class SignedHistoryAttackTest {

    @TempDir
    Path dir;

    private static List<String> problems(Fixture f) {
        return SignatureAudit.verify(f.registry).problems();
    }

    private static void assertReported(Fixture f, String fragment) {
        List<String> problems = problems(f);
        assertTrue(problems.stream().anyMatch(p -> p.contains(fragment)), "expected a problem containing \"" + fragment + "\" in " + problems);
    }

    private static void raw(Path file, String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.executeUpdate(statement);
            }
        }
    }

    /** Appends an entry that links and hashes correctly after the newest one, as a writer with the file could. */
    private static void appendChained(Fixture f, String actor, String action, String entity, Map<String, Object> payload) {
        f.registry.writeHandle(h -> {
            var head = h.createQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").mapToMap().one();
            long seq = ((Number) head.get("seq")).longValue() + 1;
            String json = CanonicalJson.write(payload);
            String ts = "2026-11-09T12:00:00.000Z";
            String hash = AuditTrail.hash((String) head.get("hash"), seq, ts, actor, action, entity, json);
            h.execute("INSERT INTO audit_log (seq, ts, actor, action, entity, payload_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    seq, ts, actor, action, entity, json, head.get("hash"), hash);
            return null;
        });
    }

    @Test
    void aChainedActiveChangedEntryDoesNotRewriteWhatWasLive() {
        try (Fixture f = new Fixture(dir)) {
            String first = f.activate("m", "1", 1.5, 0.1);
            appendChained(f, "rachel", "ACTIVE_CHANGED", "model_name:m", Map.of("model_name", "m", "active_model_id", "m-evil", "cause", "rollout"));
            assertEquals(List.of(first), f.engine.history("m").stream().map(GovernanceEngine.ActivePeriod::modelId).toList());
            assertEquals(java.util.Optional.of(first), f.engine.activeAt("m", java.time.Instant.parse("2026-12-01T00:00:00Z")));
            assertReported(f, "(ACTIVE_CHANGED by rachel) is not covered by a valid signed audit head");
        }
    }

    @Test
    void anHonestRegistryVerifiesClean() {
        try (Fixture f = new Fixture(dir)) {
            f.activate("m", "1", 1.5, 0.1);
            f.activate("m", "2", 1.8, 0.1);
            f.engine.rollback(f.rachel, "m", "drift");
            assertEquals(List.of(), problems(f));
        }
    }

    @Test
    void aCorrectlyChainedEntryAfterTheLastHeadGrantsNothing() {
        try (Fixture f = new Fixture(dir)) {
            String id = f.register("m", "1");
            f.scores(id, 1.5, 0.1, 0.001);
            f.engine.request(f.alice, id, "SHADOW", "shadow");
            f.clock.advance(Duration.ofDays(8));
            String request = f.engine.request(f.alice, id, "ACTIVE", "promote").requestId();
            // bob (an analyst) appends a chained PRINCIPAL_ROLE_ADDED making himself a RISK_OFFICER, and the row to match.
            appendChained(f, "ines", "PRINCIPAL_ROLE_ADDED", "principal:bob", Map.of("user", "bob", "roles", "ANALYST,RISK_OFFICER", "active", true));
            f.registry.writeHandle(h -> h.execute("UPDATE principals SET roles = 'ANALYST,RISK_OFFICER' WHERE user_name = 'bob'"));
            assertTrue(AuditTrail.verify(f.registry).ok(), "the forged entry is correctly chained");
            GovernanceException refused = assertThrows(GovernanceException.class, () -> f.engine.approve(f.who("bob"), request, "mine now"));
            assertEquals(GovernanceEngine.TAMPERED, refused.code());
            assertTrue(refused.getMessage().contains("principal bob has roles"), refused.getMessage());
            assertEquals("SHADOW", f.state(id));
            assertReported(f, "(PRINCIPAL_ROLE_ADDED by ines) is not covered by a valid signed audit head");
            // An honest transaction sealed after the forgery does not adopt it: its head is not ines's.
            f.engine.approve(f.rachel, request, "reviewed");
            assertReported(f, "(PRINCIPAL_ROLE_ADDED by ines) is covered by the signed head");
        }
    }

    @Test
    void aBackdatedShadowPeriodIsRefusedBeforeThePromotion() {
        try (Fixture f = new Fixture(dir)) {
            String id = f.register("m", "1");
            f.scores(id, 1.5, 0.1, 0.001);
            f.engine.request(f.bob, id, "SHADOW", "shadow");
            f.registry.writeHandle(h -> h.execute("UPDATE model_registry SET state_changed_at = '2026-01-01T00:00:00.000Z' WHERE model_id = ?", id));
            GovernanceException refused = assertThrows(GovernanceException.class, () -> f.engine.request(f.bob, id, "ACTIVE", "early"));
            assertEquals(GovernanceEngine.TAMPERED, refused.code());
            assertTrue(refused.getMessage().contains("state_changed_at"), refused.getMessage());
            assertReported(f, "version m-1 has state_changed_at");
        }
    }

    @Test
    void aRelabelledCreatorCannotApproveTheirOwnModel() {
        try (Fixture f = new Fixture(dir)) {
            String id = f.register("m", "1");
            f.scores(id, 1.5, 0.1, 0.001);
            f.engine.request(f.bob, id, "SHADOW", "shadow");
            f.clock.advance(Duration.ofDays(8));
            String request = f.engine.request(f.bob, id, "ACTIVE", "promote").requestId();
            Path file = f.registry.file();
            f.registry.writeHandle(h -> h.execute("DROP TRIGGER model_registry_frozen_once_governed"));
            f.registry.writeHandle(h -> h.execute("UPDATE model_registry SET created_by = 'someone.else', path_ref = 'models/evil.bin' WHERE model_id = ?", id));
            GovernanceException refused = assertThrows(GovernanceException.class, () -> f.engine.approve(f.rachel, request, "ok"));
            assertEquals(GovernanceEngine.TAMPERED, refused.code());
            assertEquals("SHADOW", f.state(id));
            assertReported(f, "version m-1 has created_by");
            assertReported(f, "version m-1 has path_ref");
            assertReported(f, "trigger model_registry_frozen_once_governed is missing");
            assertTrue(file.toFile().exists());
        }
    }

    @Test
    void aRewrittenStoredPolicyDoesNotGovern() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            Path policy = dir.resolve("policy.yaml");
            Files.writeString(policy, new String(getClass().getResourceAsStream("/policies/l3-12.yaml").readAllBytes(), StandardCharsets.UTF_8));
            PolicyStore.set(f.registry, f.clock, f.ines, policy, Map.of());
            String attested = PolicyStore.current(f.registry, Map.of()).name();
            raw(f.registry.file(), "UPDATE registry_meta SET value = 'name: loose' || char(10) || 'garbage: [' WHERE key = 'policy_text'");
            assertEquals(attested, PolicyStore.current(f.registry, Map.of()).name(), "the last attested policy keeps governing");
            assertReported(f, "the stored policy has sha256");
        }
    }

    @Test
    void aForgedRolloutEventAndAForgedRollbackRequestAreReported() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            f.activate("m", "1", 1.5, 0.1);
            raw(f.registry.file(),
                    "INSERT INTO events (event_type, payload_json) VALUES ('ordinis.learn.rollout.completed', '{\"model_id\":\"evil-1\"}')",
                    "DROP TRIGGER transition_requests_insert",
                    "INSERT INTO transition_requests (request_id, model_id, from_state, to_state, requested_by, justification, status, "
                            + "model_row_version, required_approvals, kind) VALUES ('REQ-999999', 'm-1', 'RETIRED', 'ACTIVE', 'rachel', 'x', "
                            + "'PENDING', 1, 0, 'ROLLBACK')");
            assertReported(f, "outbox event");
            assertReported(f, "is not attested by the signed history");
            assertReported(f, "request REQ-999999 (ROLLBACK of m-1 to ACTIVE) is not in the signed history");
            raw(f.registry.file(), "DROP TRIGGER rule_changes_insert",
                    "INSERT INTO rule_changes (change_id, kind, target, target_user, role, requested_by, requested_at, requester_signature, "
                            + "four_eyes, status, decided_by) VALUES ('RC-999999', 'ROLE_GRANT', 'bob', 'bob', 'ADMIN', 'ines', "
                            + "'2026-11-01T12:00:00.000Z', 'AAAA', 0, 'APPLIED', 'ines')");
            assertReported(f, "rule change RC-999999 (ROLE_GRANT of bob) is not in the signed history");
        }
    }

    @Test
    void neitherGarbagePolicyTextNorAnUndeclaredStateBlocksARollback() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            f.activate("m", "1", 1.5, 0.1);
            f.activate("m", "2", 1.8, 0.1);
            raw(f.registry.file(),
                    "INSERT INTO registry_meta (key, value) VALUES ('policy_text', 'garbage: [') ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    "INSERT INTO model_registry (model_id, model_name, model_type, version, state) VALUES ('x-1', 'x', 'signal_model', '1', 'active')");
            Policy inForce = PolicyStore.current(f.registry, Map.of());
            assertEquals(f.policy.name(), inForce.name(), "the policy the history attests (here the built-in one) keeps governing");
            new GovernanceEngine(f.registry, inForce, f.clock).rollback(f.rachel, "m", "the second version drifts");
            assertEquals("ACTIVE", f.state("m-1"));
            assertReported(f, "the stored policy");
            assertReported(f, "version x-1 is active but the signed history never took it there");
        }
    }

    @Test
    void aRedirectedLastKnownGoodIsRefusedBeforeTheRollback() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            f.activate("m", "1", 1.5, 0.1);
            f.activate("m", "2", 1.8, 0.1);
            String stray = f.register("m", "0");
            raw(f.registry.file(), "DROP TRIGGER active_pointer_update",
                    "UPDATE active_pointer SET last_known_good_id = '" + stray + "' WHERE model_name = 'm'");
            GovernanceException refused = assertThrows(GovernanceException.class, () -> f.engine.rollback(f.rachel, "m", "drift"));
            assertEquals(GovernanceEngine.TAMPERED, refused.code());
            assertTrue(refused.getMessage().contains("the live pointer of m has last_known_good_id = \"m-0\""), refused.getMessage());
            assertEquals("ACTIVE", f.state("m-2"));
            assertReported(f, "trigger active_pointer_update is missing");
        }
    }

    @Test
    void prefilledSignatureRowsDoNotBlockARollback() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            f.activate("m", "1", 1.5, 0.1);
            String second = f.activate("m", "2", 1.8, 0.1);
            long next = f.registry.readHandle(h -> h.createQuery("SELECT max(seq) FROM audit_log").mapTo(Long.class).one()) + 1;
            for (long seq = next; seq < next + 10; seq++) {
                raw(f.registry.file(), "INSERT INTO audit_signatures (seq, head_hash, signer, signed_at, signature) VALUES (" + seq
                        + ", 'x', 'rachel', '2026-01-01T00:00:00.000Z', 'AAAA')");
            }
            GovernanceEngine.RollbackResult result = f.engine.rollback(f.rachel, "m", "second version drifts");
            assertEquals(second, result.fromModelId());
            assertEquals("ACTIVE", f.state("m-1"));
            assertReported(f, "does not match the audit chain at that entry");
        }
    }
}
