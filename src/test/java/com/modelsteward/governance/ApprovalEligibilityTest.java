package com.modelsteward.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.TransitionRequestRow;
import com.modelsteward.testsupport.DemoTemplate;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eligibility must say "no" exactly where the engine would refuse, and "yes" where the engine goes through: each
 * case asks first and then lets the engine decide on the same registry.
 */
class ApprovalEligibilityTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC);
    private Registry registry;
    private GovernanceEngine engine;
    private ReviewDesk desk;

    @BeforeEach
    void open() {
        registry = Registry.open(DemoTemplate.copyTo(dir, "eligibility", ready -> { }));
        engine = new GovernanceEngine(registry, PolicyLoader.builtIn(Map.of()), clock);
        desk = new ReviewDesk(engine, registry, clock);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    private TransitionRequestRow pending(String modelId) {
        return new ModelCatalog(registry).requests(Optional.of("PENDING")).stream().filter(r -> r.modelId().equals(modelId))
                .findFirst().orElseThrow();
    }

    private static Identity officer(String user) {
        return new Identity(user, Set.of(Role.RISK_OFFICER), false);
    }

    @Test
    void aQualifiedRiskOfficerMayApproveAPassingRequestAndTheEngineAgrees() {
        TransitionRequestRow request = pending("momentum_xgb-3.2.0");
        ReviewDesk.Evidence evidence = desk.evidence(request.requestId(), officer("rachel.okafor"));
        assertTrue(evidence.verdict().mayApprove(), evidence.verdict().approveBlockers().toString());
        assertTrue(evidence.verdict().mayReject());
        assertTrue(evidence.currentReport().passed());
        assertEquals("momentum_xgb-3.1.0", evidence.replaces().orElseThrow().modelId());
        assertEquals("momentum_xgb-3.1.0", evidence.parent().orElseThrow().modelId());
        assertFalse(evidence.configChanges().isEmpty(), "a retrained version differs from its parent's config");
        assertTrue(evidence.timeInState().satisfied());
        assertTrue(evidence.artifacts().stream().allMatch(ReviewDesk.Artifact::present));

        assertTrue(engine.approve(officer("rachel.okafor"), request.requestId(), "reviewed").executed());
    }

    @Test
    void theRequesterMayNotDecideTheirOwnRequest() {
        TransitionRequestRow request = pending("momentum_xgb-3.2.0");
        Identity requester = new Identity(request.requestedBy(), Set.of(Role.ANALYST, Role.RISK_OFFICER), false);
        ApprovalEligibility.Verdict verdict = desk.evidence(request.requestId(), requester).verdict();
        assertFalse(verdict.mayApprove());
        assertFalse(verdict.mayReject());
        assertTrue(verdict.approveBlockers().stream().anyMatch(b -> b.contains("requested " + request.requestId())
                && b.contains("maker-checker")), verdict.approveBlockers().toString());
        GovernanceException refused = assertThrows(GovernanceException.class, () -> engine.approve(requester, request.requestId(), "mine"));
        assertEquals(GovernanceException.ROLLOUT_DENIED, refused.code());
    }

    @Test
    void anAnalystLacksTheRoleAndTheCreatorIsExcluded() {
        TransitionRequestRow request = pending("momentum_xgb-3.2.0");
        ApprovalEligibility.Verdict analyst = desk.evidence(request.requestId(), new Identity("bob.keller", Set.of(Role.ANALYST), false)).verdict();
        assertFalse(analyst.mayApprove());
        assertTrue(analyst.approveBlockers().stream().anyMatch(b -> b.contains("needs the RISK_OFFICER role")), analyst.approveBlockers().toString());
        assertThrows(GovernanceException.class, () -> engine.approve(new Identity("bob.keller", Set.of(Role.ANALYST), false),
                request.requestId(), "ok"));

        String creator = new ModelCatalog(registry).version("momentum_xgb-3.2.0").orElseThrow().createdBy();
        ApprovalEligibility.Verdict asCreator = desk.evidence(request.requestId(), officer(creator)).verdict();
        assertTrue(asCreator.approveBlockers().stream().anyMatch(b -> b.contains("created momentum_xgb-3.2.0")), asCreator.approveBlockers().toString());
        assertThrows(GovernanceException.class, () -> engine.approve(officer(creator), request.requestId(), "ok"));
    }

    @Test
    void failingGatesBlockApprovalButNotRejection() {
        TransitionRequestRow request = pending("mean_reversion_lgbm-3.0.0");
        ReviewDesk.Evidence evidence = desk.evidence(request.requestId(), officer("rachel.okafor"));
        assertFalse(evidence.verdict().mayApprove());
        assertTrue(evidence.verdict().mayReject());
        GateReport.GateCheck failed = evidence.currentReport().checks().stream().filter(c -> !c.passed()).findFirst().orElseThrow();
        assertTrue(evidence.verdict().approveBlockers().stream().anyMatch(b -> b.contains(failed.pack() + "/" + failed.metric())),
                evidence.verdict().approveBlockers().toString());
        GovernanceException refused = assertThrows(GovernanceException.class,
                () -> engine.approve(officer("rachel.okafor"), request.requestId(), "ok"));
        assertEquals(GovernanceException.GATE_FAILED, refused.code());
    }

    @Test
    void aRequestWhoseScorecardsChangedIsStaleAndADecidedOneIsClosed() {
        TransitionRequestRow request = pending("momentum_xgb-3.2.0");
        registry.writeHandle(h -> h.execute("INSERT INTO scorecards (model_id, pack_id, metric, value, generated_at) VALUES (?, ?, ?, ?, ?)",
                "momentum_xgb-3.2.0", "bench_core_v1", "sharpe", 2.5, "2026-11-01T11:00:00.000Z"));
        ApprovalEligibility.Verdict stale = desk.evidence(request.requestId(), officer("rachel.okafor")).verdict();
        assertTrue(stale.approveBlockers().stream().anyMatch(b -> b.contains("stale")), stale.approveBlockers().toString());
        assertTrue(stale.mayReject(), "a stale request can still be rejected");
        assertThrows(GovernanceException.class, () -> engine.approve(officer("rachel.okafor"), request.requestId(), "ok"));

        ApprovalEligibility.Verdict closed = desk.evidence(request.requestId(), officer("omar.haddad")).verdict();
        assertFalse(closed.mayReject());
        assertTrue(closed.rejectBlockers().getFirst().contains("is STALE"), closed.rejectBlockers().toString());
    }
}
