package com.modelsteward.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.trust.SignatureAudit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine signs every decision and audit head, and refuses to execute on approvals that do not verify. */
class SignedApprovalsTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC);
    private final Identity rachel = new Identity("rachel.okafor", Set.of(Role.RISK_OFFICER), true);

    private static String pendingMomentumRequest(Registry registry) {
        return registry.readHandle(h -> h.createQuery("""
                SELECT r.request_id FROM transition_requests r JOIN model_registry m ON m.model_id = r.model_id
                 WHERE r.status = 'PENDING' AND m.model_name = 'momentum_xgb'""").mapTo(String.class).one());
    }

    private static Map<String, Object> snapshot(Registry registry) {
        return registry.readHandle(h -> h.createQuery("""
                SELECT (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM events) AS events,
                       (SELECT count(*) FROM approvals) AS approvals, (SELECT count(*) FROM audit_signatures) AS heads,
                       (SELECT group_concat(model_id) FROM model_registry WHERE state = 'ACTIVE') AS active""").mapToMap().one());
    }

    @Test
    void theDemoHistoryIsSignedWithDemoKeysAndVerifies() {
        try (Registry registry = TestRegistries.demo(dir)) {
            SignatureAudit.Report report = SignatureAudit.verify(registry);
            assertTrue(report.ok(), report.problems().toString());
            assertTrue(report.demoKeys());
            assertTrue(report.decisionsChecked() > 0 && report.headsChecked() > 0, report.toString());
            assertTrue(AuditTrail.verify(registry).ok());
            GovernanceEngine engine = new GovernanceEngine(registry, PolicyLoader.builtIn(Map.of()), clock);
            GovernanceEngine.DecisionResult result = engine.approve(rachel, pendingMomentumRequest(registry), "Reviewed the gate report.");
            assertTrue(result.executed());
            assertTrue(SignatureAudit.verify(registry).ok(), SignatureAudit.verify(registry).problems().toString());
        }
    }

    @Test
    void aForgedApprovalStopsTheTransitionAndIsReported() throws Exception {
        Path file;
        String requestId;
        try (Registry registry = TestRegistries.demo(dir)) {
            file = registry.file();
            requestId = pendingMomentumRequest(registry);
            // Someone with write access to the file adds a second approval by hand, with a made-up signature.
            registry.writeHandle(h -> h.createUpdate("""
                            INSERT INTO approvals (request_id, approver, decision, comment, decided_at, signature)
                            VALUES (:r, 'omar.haddad', 'APPROVE', 'looks fine', '2026-11-01T11:00:00.000Z', 'AAAA')""")
                    .bind("r", requestId).execute());
            Map<String, Object> before = snapshot(registry);
            GovernanceEngine engine = new GovernanceEngine(registry, PolicyLoader.builtIn(Map.of()), clock);
            GovernanceException refused = assertThrows(GovernanceException.class,
                    () -> engine.approve(rachel, requestId, "Reviewed the gate report."));
            assertEquals(GovernanceEngine.TAMPERED, refused.code());
            assertTrue(refused.getMessage().contains("by omar.haddad) is not in the signed history"), refused.getMessage());
            assertEquals(before, snapshot(registry), "nothing of the refused transition was written");
            SignatureAudit.Report report = SignatureAudit.verify(registry);
            assertTrue(report.problems().stream().anyMatch(p -> p.contains("by omar.haddad) carries a signature that does not match")),
                    report.problems().toString());
            assertTrue(report.problems().stream().anyMatch(p -> p.contains("by omar.haddad) is not in the signed history")),
                    report.problems().toString());
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = raw.createStatement()) {
            sql.executeUpdate("DROP TRIGGER approvals_no_update");
            sql.executeUpdate("UPDATE approvals SET comment = 'approved without review' WHERE approval_id = 1");
            sql.executeUpdate("UPDATE approvals SET signature = NULL WHERE approval_id = 2");
        }
        try (Registry registry = Registry.open(file)) {
            SignatureAudit.Report report = SignatureAudit.verify(registry);
            assertFalse(report.ok());
            assertTrue(report.problems().stream().anyMatch(p -> p.startsWith("approval 1 ") && p.contains("does not match")), report.problems().toString());
            assertTrue(report.problems().stream().anyMatch(p -> p.startsWith("approval 2 ") && p.endsWith("is not signed")), report.problems().toString());
        }
    }

    @Test
    void aRewrittenAuditHeadIsReported() throws Exception {
        Path file;
        try (Registry registry = TestRegistries.demo(dir)) {
            file = registry.file();
        }
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = raw.createStatement()) {
            sql.executeUpdate("DROP TRIGGER audit_signatures_no_delete");
            sql.executeUpdate("DELETE FROM audit_signatures WHERE seq = (SELECT max(seq) FROM audit_signatures)");
        }
        try (Registry registry = Registry.open(file)) {
            SignatureAudit.Report report = SignatureAudit.verify(registry);
            assertTrue(report.problems().stream().anyMatch(p -> p.contains("is not covered by a valid signed audit head")),
                    report.problems().toString());
            assertTrue(report.problems().stream().anyMatch(p -> p.contains("trigger audit_signatures_no_delete is missing")),
                    report.problems().toString());
        }
    }
}
