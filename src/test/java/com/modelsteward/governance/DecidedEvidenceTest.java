package com.modelsteward.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.trust.Keys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decided request is shown with the evidence recorded when it was decided, not with today's rows (issue 18, deliver
 * 8): after the version it made live is itself replaced and a month passes, it still reads as the approver saw it.
 */
class DecidedEvidenceTest {

    @TempDir
    Path dir;

    /** v1 live; v2 shadowed 8 days with a MODERATE drift, approved by rachel over v1; returns v2's request. */
    private static String promoteOverALiveVersion(Fixture f) throws SQLException {
        f.activate("m", "1.0.0", 1.2, 0.10);
        String v2 = f.register("m", "2.0.0");
        f.scores(v2, 1.3, 0.09, 0.001);
        f.engine.request(f.bob, v2, "SHADOW", "ready for shadow");
        drift(f, v2, "spread", 0.15, "MODERATE");
        f.clock.advance(Duration.ofDays(8));
        String request = f.engine.request(f.bob, v2, "ACTIVE", "shadow complete").requestId();
        f.engine.approve(f.rachel, request, "eight days of shadow, moderate drift on spread accepted");
        return request;
    }

    private static void drift(Fixture f, String modelId, String feature, double psi, String severity) throws SQLException {
        sql(f, "INSERT INTO model_drift (model_id, feature, drift_kind, psi, severity, computed_at) VALUES ('" + modelId + "', '"
                + feature + "', 'FEATURE', " + psi + ", '" + severity + "', '" + f.clock.instant() + "')");
    }

    private static void sql(Fixture f, String... statements) throws SQLException {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + f.registry.file()); Statement s = raw.createStatement()) {
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
        }
    }

    private static ReviewDesk desk(Fixture f) {
        return new ReviewDesk(f.engine, f.registry, f.clock);
    }

    private static String builtInPolicyDigest() throws IOException {
        try (InputStream in = PolicyLoader.class.getResourceAsStream("/policies/" + PolicyLoader.BUILT_IN)) {
            return CanonicalJson.sha256Hex(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void anExecutedRequestShowsWhatItsApproverSawAfterTodayHasMovedOn() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            String request = promoteOverALiveVersion(f);
            // Today moves on: v2 is replaced by v3, v2's drift turns SEVERE, and a month passes.
            f.clock.advance(Duration.ofHours(1));
            f.activate("m", "3.0.0", 1.4, 0.08);
            drift(f, "m-2.0.0", "spread", 0.9, "SEVERE");
            f.clock.advance(Duration.ofDays(30));

            ReviewDesk.Evidence evidence = desk(f).evidence(request, f.omar);

            ReviewDesk.Decided decided = evidence.decided().orElseThrow();
            assertEquals("EXECUTED", decided.status());
            assertEquals(new ReviewDesk.Replaced(ReviewDesk.Replaced.Kind.REPLACED, "m-1.0.0"), decided.replaced());
            ReviewDesk.Seen seen = decided.atDecision().orElseThrow();
            assertEquals("m-1.0.0", seen.replaces());
            assertEquals("SHADOW", seen.timeInState().state(), "the prior state, not today's RETIRED");
            assertEquals(Duration.ofDays(8), seen.timeInState().elapsed());
            assertEquals(7, seen.timeInState().requiredDays());
            assertTrue(seen.timeInState().satisfied());
            assertEquals(seen.timeInState(), evidence.timeInState());
            assertEquals("MODERATE", seen.worstSeverity(), "the drift at the decision, not today's SEVERE");
            assertEquals("spread", seen.worstPsiFeature());
            assertEquals(f.policy.name(), seen.policyName());
            assertEquals(builtInPolicyDigest(), seen.policyDigest());
            assertEquals(CanonicalJson.sha256Hex(evidence.request().gateReportJson()), seen.gateReportDigest());
            assertEquals(evidence.currentReport().digest(), evidence.request().gateReportJson() == null ? null
                    : GateReport.fromJson(evidence.request().gateReportJson()).digest(), "the frozen report, not one evaluated today");
            assertTrue(decided.executedAt() != null && decided.executionReportDigest() != null, "from the TRANSITION entry");
            assertEquals(evidence.decisions().getLast().decidedAt(), decided.shownAsOf());
            assertTrue(evidence.replaces().isEmpty() && evidence.drift().isEmpty(), "no today's values beside the recorded ones");

            ReviewDesk.Decision decision = evidence.decisions().getFirst();
            assertEquals("rachel", decision.approver());
            assertTrue(decision.signature().verified(), String.valueOf(decision.signature().problem()));
            String rachelsKey = f.registry.readHandle(h -> h.createQuery("SELECT public_key FROM principals WHERE user_name = 'rachel'")
                    .mapTo(String.class).one());
            assertEquals(Keys.fingerprint(rachelsKey), decision.signature().fingerprint());
            assertEquals("rachel", decision.signature().signer());
        }
    }

    @Test
    void aPendingRequestIsStillShownWithTodaysEvidence() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            f.activate("m", "1.0.0", 1.2, 0.10);
            String v2 = f.register("m", "2.0.0");
            f.scores(v2, 1.3, 0.09, 0.001);
            f.engine.request(f.bob, v2, "SHADOW", "ready for shadow");
            f.clock.advance(Duration.ofDays(3));
            String request = f.engine.request(f.bob, v2, "ACTIVE", "early").requestId();

            ReviewDesk.Evidence evidence = desk(f).evidence(request, f.rachel);

            assertTrue(evidence.decided().isEmpty());
            assertEquals("m-1.0.0", evidence.replaces().orElseThrow().modelId());
            assertEquals(Duration.ofDays(3), evidence.timeInState().elapsed());
        }
    }

    @Test
    void aRejectionRecordsWhatItWouldHaveReplaced() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            f.activate("m", "1.0.0", 1.2, 0.10);
            String v2 = f.register("m", "2.0.0");
            f.scores(v2, 1.3, 0.09, 0.001);
            f.engine.request(f.bob, v2, "SHADOW", "ready for shadow");
            f.clock.advance(Duration.ofDays(2));
            String request = f.engine.request(f.bob, v2, "ACTIVE", "early").requestId();
            f.engine.reject(f.rachel, request, "two days of shadow is not seven");
            f.clock.advance(Duration.ofDays(30));

            ReviewDesk.Decided decided = desk(f).evidence(request, f.omar).decided().orElseThrow();

            assertEquals("REJECTED", decided.status());
            assertEquals(new ReviewDesk.Replaced(ReviewDesk.Replaced.Kind.WOULD_HAVE_REPLACED, "m-1.0.0"), decided.replaced());
            assertEquals(Duration.ofDays(2), decided.atDecision().orElseThrow().timeInState().elapsed());
            assertFalse(decided.atDecision().orElseThrow().timeInState().satisfied());
            assertNull(decided.executedAt());
        }
    }

    @Test
    void aSignatureAlteredByRawSqlDoesNotVerify() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            String request = promoteOverALiveVersion(f);
            sql(f, "DROP TRIGGER approvals_no_update",
                    "UPDATE approvals SET signature = 'AAAA' || substr(signature, 5) WHERE request_id = '" + request + "'");

            ReviewDesk.Decision decision = desk(f).evidence(request, f.omar).decisions().getFirst();

            assertFalse(decision.signature().verified());
            assertTrue(decision.signature().problem().contains("does not match its content and rachel's key"), decision.signature().problem());
        }
    }
}
