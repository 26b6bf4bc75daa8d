package com.modelsteward.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewDeskTest {

    /** Every test here only reads, so one demo registry serves them all. */
    @TempDir
    static Path dir;

    private static final Clock CLOCK = Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC);
    private static Registry registry;
    private static ReviewDesk desk;

    @BeforeAll
    static void open() {
        registry = TestRegistries.demo(dir);
        desk = new ReviewDesk(new GovernanceEngine(registry, PolicyLoader.builtIn(Map.of()), CLOCK), registry, CLOCK);
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    private static List<ReviewDesk.VersionAction.Kind> kinds(List<ReviewDesk.VersionAction> actions) {
        return actions.stream().map(ReviewDesk.VersionAction::kind).toList();
    }

    @Test
    void theQueueSummarisesEachRequestsGateSnapshot() {
        List<ReviewDesk.QueueRow> queue = desk.queue();
        ReviewDesk.QueueRow momentum = queue.stream().filter(r -> r.modelId().equals("momentum_xgb-3.2.0")).findFirst().orElseThrow();
        assertEquals("PENDING", momentum.status());
        assertEquals(0, momentum.gateFailures());
        ReviewDesk.QueueRow meanReversion = queue.stream().filter(r -> r.modelId().equals("mean_reversion_lgbm-3.0.0")).findFirst().orElseThrow();
        assertTrue(meanReversion.gateFailures() > 0);
        assertEquals(meanReversion.gateFailures(), meanReversion.failedChecks().size());
        assertTrue(queue.stream().filter(r -> r.status().equals("EXECUTED")).allMatch(r -> r.approvals() == 1 && r.decidedBy() != null));
    }

    @Test
    void actionsFollowThePolicyFromEachState() {
        assertEquals(List.of(ReviewDesk.VersionAction.Kind.PROMOTE, ReviewDesk.VersionAction.Kind.RETIRE),
                kinds(desk.actionsFor("momentum_xgb-3.2.0")));
        assertEquals("Request promotion to ACTIVE…", desk.actionsFor("momentum_xgb-3.2.0").getFirst().label());
        assertEquals(List.of(ReviewDesk.VersionAction.Kind.RETIRE, ReviewDesk.VersionAction.Kind.ROLL_BACK),
                kinds(desk.actionsFor("momentum_xgb-3.1.0")));
        assertEquals("SHADOW", desk.actionsFor("momentum_xgb-3.3.0").getFirst().toState(), "a candidate goes to SHADOW first");
        assertEquals(List.of(), desk.actionsFor("momentum_xgb-1.0.0"), "nothing leaves RETIRED");
    }

    @Test
    void theRequestPreviewShowsGatesAndWhyItWouldBeRefused() {
        Identity analyst = new Identity("bob.keller", Set.of(Role.ANALYST), false);
        ReviewDesk.RequestPreview pendingAlready = desk.previewRequest("momentum_xgb-3.2.0", "ACTIVE", analyst);
        assertFalse(pendingAlready.mayRequest());
        assertTrue(pendingAlready.blockers().getFirst().contains("still pending"), pendingAlready.blockers().toString());
        assertTrue(pendingAlready.report().passed());
        assertEquals(1, pendingAlready.requiredApprovals());

        ReviewDesk.RequestPreview early = desk.previewRequest("mean_reversion_lgbm-2.4.0", "ACTIVE", analyst);
        assertTrue(early.mayRequest(), "a failing shadow period does not stop the request, only the approval");
        assertFalse(early.report().passed());
        assertTrue(early.report().prerequisites().stream().anyMatch(p -> p.name().equals("shadow_period") && !p.passed()));

        ReviewDesk.RequestPreview toShadow = desk.previewRequest("momentum_xgb-3.3.0", "SHADOW", analyst);
        assertTrue(toShadow.executesAtOnce());

        ReviewDesk.RequestPreview nobody = desk.previewRequest("momentum_xgb-3.3.0", "SHADOW", new Identity("guest", Set.of(), false));
        assertTrue(nobody.blockers().getFirst().contains("not a principal"), nobody.blockers().toString());
    }

    @Test
    void theRollbackPreviewPairsBothVersionsScorecards() {
        ReviewDesk.RollbackPreview preview = desk.previewRollback("momentum_xgb", new Identity("rachel.okafor", Set.of(Role.RISK_OFFICER), false));
        assertTrue(preview.mayRollBack());
        assertEquals("momentum_xgb-3.1.0", preview.current().map(ModelVersion::modelId).orElseThrow());
        assertEquals("momentum_xgb-3.0.0", preview.target().map(ModelVersion::modelId).orElseThrow());
        assertEquals(preview.currentScores().keySet(), preview.targetScores().keySet());
        assertTrue(preview.currentScores().get("bench_core_v1").containsKey("sharpe"));

        ReviewDesk.RollbackPreview analyst = desk.previewRollback("momentum_xgb", new Identity("bob.keller", Set.of(Role.ANALYST), false));
        assertTrue(analyst.blockers().getFirst().contains("RISK_OFFICER"));
        ReviewDesk.RollbackPreview never = desk.previewRollback("crypto_basis_gbm", new Identity("rachel.okafor", Set.of(Role.RISK_OFFICER), false));
        assertFalse(never.mayRollBack());
    }

    @Test
    void configChangesListTheKeysThatDiffer() {
        ModelVersion parent = version("{\"a\":1,\"b\":[1,2],\"gone\":true}");
        ModelVersion child = version("{\"a\":1,\"b\":[1,3],\"new\":\"x\"}");
        assertEquals(List.of(new ReviewDesk.ConfigChange("b", "[1,2]", "[1,3]"), new ReviewDesk.ConfigChange("gone", "true", null),
                new ReviewDesk.ConfigChange("new", null, "x")), ReviewDesk.configChanges(parent, child));
        assertEquals(List.of(), ReviewDesk.configChanges(null, child));
    }

    private static ModelVersion version(String config) {
        return new ModelVersion("m", "m", "signal_model", "1", "SHADOW", null, null, config, null, null, null, null, null,
                null, null, null, 1, null, false);
    }

    /** A config difference is said in full words, lists element by element: nothing decisive is left to a tooltip. */
    @Test
    void configChangesAreDescribedInFullWithListElementsNamed() {
        assertEquals("removed funding_rate, order_imbalance; added vol_20d", new ReviewDesk.ConfigChange("features",
                "[\"ret_1d\",\"funding_rate\",\"ret_5d\",\"order_imbalance\"]", "[\"ret_1d\",\"ret_5d\",\"vol_20d\"]").describe());
        assertEquals("removed 3", new ReviewDesk.ConfigChange("windows", "[1,2,3]", "[1,2]").describe());
        assertEquals("the same elements in another order: [2,1]", new ReviewDesk.ConfigChange("windows", "[1,2]", "[2,1]").describe());
        assertEquals("0.05 → 0.1", new ReviewDesk.ConfigChange("learning_rate", "0.05", "0.1").describe());
        assertEquals("added: 400", new ReviewDesk.ConfigChange("n_estimators", null, "400").describe());
        assertEquals("removed (was true)", new ReviewDesk.ConfigChange("early_stopping", "true", null).describe());
        assertEquals("[1] → {\"a\":1}", new ReviewDesk.ConfigChange("shape", "[1]", "{\"a\":1}").describe());
    }
}
