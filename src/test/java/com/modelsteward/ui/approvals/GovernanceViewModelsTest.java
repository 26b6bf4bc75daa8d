package com.modelsteward.ui.approvals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.registry.Location;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.RecordingDialogs;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.SameThreadTaskRunner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request, approval and rollback view models without the toolkit, on a real demo registry: who may act and why not,
 * that nothing runs before the confirmation, what the confirmation says, and what a success or a refusal leaves behind.
 */
class GovernanceViewModelsTest {

    private static final String CANDIDATE = "momentum_xgb-3.2.0";
    private static final String LIVE = "momentum_xgb-3.1.0";

    @TempDir
    Path dir;

    private Registry registry;
    private final List<String> notices = new ArrayList<>();
    private int reloads;

    @BeforeEach
    void openDemo() {
        registry = TestRegistries.demo(dir);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    private GovernanceCommands as(String user, String... roles) {
        return as(registry, user, roles);
    }

    private GovernanceCommands as(Registry open, String user, String... roles) {
        AppContext context = new AppContext(open, new SameThreadTaskRunner(), new RecordingDialogs(), user, Set.of(roles),
                Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC));
        context.setNotifier(notices::add);
        context.setChangeListener(() -> reloads++);
        return new GovernanceCommands(context);
    }

    private String pendingRequestOf(String modelId) {
        return new ModelCatalog(registry).requests(Optional.of("PENDING")).stream().filter(r -> r.modelId().equals(modelId))
                .findFirst().orElseThrow().requestId();
    }

    private String stateOf(String modelId) {
        return new ModelCatalog(registry).version(modelId).orElseThrow().state();
    }

    private ApprovalViewModel approval(GovernanceCommands commands, String requestId) {
        return new ApprovalViewModel(commands, commands.desk().evidence(requestId, commands.identity()));
    }

    @Test
    void anApprovalNeedsACommentAndAConfirmationBeforeTheEngineRuns() {
        String request = pendingRequestOf(CANDIDATE);
        ApprovalViewModel model = approval(as("rachel.okafor", "RISK_OFFICER"), request);
        assertFalse(model.decided());
        assertTrue(model.approveDisabledProperty().get());
        assertEquals("Write a comment to approve or reject.", model.reasonProperty().get());
        model.askToConfirm(ApprovalViewModel.Decision.APPROVE);
        assertNull(model.pendingProperty().get(), "no confirmation without a comment");

        model.commentProperty().set("Gates pass against 3.1.0; artifacts pinned.");
        assertFalse(model.approveDisabledProperty().get());
        assertEquals("", model.reasonProperty().get());
        model.askToConfirm(ApprovalViewModel.Decision.APPROVE);
        assertEquals("Approve " + request + "? " + CANDIDATE + " becomes ACTIVE and " + LIVE + " is retired, now.",
                model.confirmTextProperty().get());
        assertFalse(model.commentEditableProperty().get(), "what is confirmed is what is sent");
        assertEquals("SHADOW", stateOf(CANDIDATE), "nothing runs before the confirmation");
        model.back();
        assertNull(model.pendingProperty().get());
        assertTrue(model.commentEditableProperty().get());

        model.askToConfirm(ApprovalViewModel.Decision.APPROVE);
        model.confirm();
        assertTrue(model.closedProperty().get());
        assertEquals(List.of(request + " approved: " + CANDIDATE + " is now ACTIVE; " + LIVE + " was retired."), notices);
        assertEquals(1, reloads, "every view reloads after the write");
        assertEquals("ACTIVE", stateOf(CANDIDATE));
        assertEquals("RETIRED", stateOf(LIVE));
    }

    @Test
    void anAnalystSeesWhyTheyCannotDecideAndNothingTheyDoRuns() {
        String request = pendingRequestOf(CANDIDATE);
        ApprovalViewModel model = approval(as("bob.keller", "ANALYST"), request);
        model.commentProperty().set("Fine by me.");
        assertTrue(model.approveDisabledProperty().get());
        assertTrue(model.rejectDisabledProperty().get());
        assertTrue(model.reasonProperty().get().startsWith("You cannot decide this request:\n• "), model.reasonProperty().get());
        assertTrue(model.reasonProperty().get().contains("needs the RISK_OFFICER role"), model.reasonProperty().get());
        assertTrue(model.glance().stream().anyMatch(chip -> Boolean.FALSE.equals(chip.ok()) && chip.text().equals("You may not approve")));
        model.askToConfirm(ApprovalViewModel.Decision.REJECT);
        model.confirm();
        assertNull(model.pendingProperty().get());
        assertEquals("PENDING", new ModelCatalog(registry).requests(Optional.of("PENDING")).stream()
                .filter(r -> r.requestId().equals(request)).findFirst().orElseThrow().status());
        assertEquals(List.of(), notices);
    }

    @Test
    void anEngineRefusalIsASentenceAndEndsTheDecision() throws Exception {
        String request = pendingRequestOf(CANDIDATE);
        ApprovalViewModel model = approval(as("rachel.okafor", "RISK_OFFICER"), request);
        model.commentProperty().set("Gates pass; approving.");
        // The pipeline re-scores the version while the dialog is open: the request is stale by the time it is confirmed.
        try (Connection pipeline = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("demo.db"));
             Statement sql = pipeline.createStatement()) {
            sql.executeUpdate("INSERT INTO scorecards (model_id, pack_id, metric, value, generated_at) "
                    + "VALUES ('" + CANDIDATE + "', 'bench_core_v1', 'sharpe', 1.1, '2026-11-01T11:30:00.000Z')");
        }
        model.askToConfirm(ApprovalViewModel.Decision.APPROVE);
        model.confirm();
        String refusal = model.refusalProperty().get();
        assertTrue(refusal.startsWith("The governance engine refused (E_LEARN_ROLLOUT_DENIED): Request " + request + " is stale"), refusal);
        assertTrue(refusal.endsWith("Nothing was changed by this decision. Close the dialog and reopen the request to see its current state."));
        assertFalse(model.closedProperty().get());
        assertNull(model.pendingProperty().get(), "back to the decision, which is now disabled");
        assertTrue(model.approveDisabledProperty().get());
        assertTrue(model.rejectDisabledProperty().get());
        assertFalse(model.busyProperty().get());
        assertEquals("SHADOW", stateOf(CANDIDATE));
    }

    @Test
    void aRejectionSaysTheVersionStaysWhereItIs() {
        String request = pendingRequestOf(CANDIDATE);
        ApprovalViewModel model = approval(as("rachel.okafor", "RISK_OFFICER"), request);
        model.commentProperty().set("Drawdown is worse than the ACTIVE version.");
        model.askToConfirm(ApprovalViewModel.Decision.REJECT);
        assertEquals("Reject " + request + "? The request ends; " + CANDIDATE + " stays SHADOW and a new request is needed.",
                model.confirmTextProperty().get());
        model.confirm();
        assertEquals(List.of(request + " rejected: " + CANDIDATE + " stays SHADOW."), notices);
        assertEquals("SHADOW", stateOf(CANDIDATE));
    }

    @Test
    void aRequestNeedsAJustificationAndSaysWhatItDid() {
        String candidate = new ModelCatalog(registry).versions().stream().filter(v -> v.state().equals("CANDIDATE")).findFirst()
                .orElseThrow().modelId();
        GovernanceCommands commands = as("bob.keller", "ANALYST");
        RequestViewModel model = new RequestViewModel(commands, commands.desk().previewRequest(candidate, "SHADOW", commands.identity()));
        assertEquals("Request promotion to SHADOW", model.verb());
        assertTrue(model.submitDisabledProperty().get());
        assertEquals("Write a justification to submit.", model.reasonProperty().get());
        model.submit();
        assertEquals("CANDIDATE", stateOf(candidate), "no request without a justification");

        model.justificationProperty().set("Bench scores complete; ready for shadow.");
        assertFalse(model.submitDisabledProperty().get());
        model.submit();
        assertTrue(model.closedProperty().get());
        assertEquals("SHADOW", stateOf(candidate), "the policy moves CANDIDATE to SHADOW without approval");
        assertTrue(notices.getFirst().startsWith(candidate + " moved from CANDIDATE to SHADOW (REQ-"), notices.getFirst());
    }

    @Test
    void aSecondRequestForTheSameVersionIsRefusedBeforeItIsMade() {
        GovernanceCommands commands = as("bob.keller", "ANALYST");
        ReviewDesk.RequestPreview preview = commands.desk().previewRequest(CANDIDATE, "ACTIVE", commands.identity());
        RequestViewModel model = new RequestViewModel(commands, preview);
        model.justificationProperty().set("Again.");
        assertTrue(model.submitDisabledProperty().get());
        assertTrue(model.reasonProperty().get().startsWith("You cannot submit this request:\n• "), model.reasonProperty().get());
    }

    @Test
    void aRollbackIsConfirmedSayingWhatBecomesLiveAndWhatIsRetired() {
        GovernanceCommands commands = as("rachel.okafor", "RISK_OFFICER");
        RollbackViewModel model = new RollbackViewModel(commands, commands.desk().previewRollback("momentum_xgb", commands.identity()));
        assertFalse(model.rows().isEmpty(), "both versions' metrics side by side");
        assertTrue(model.rows().stream().anyMatch(row -> row.difference() != null), "a metric both versions have shows its change");
        assertTrue(model.rollBackDisabledProperty().get());
        assertEquals("Write the reason to roll back.", model.blockerTextProperty().get());
        model.askToConfirm();
        assertFalse(model.confirmingProperty().get(), "no confirmation without a reason");

        model.reasonProperty().set("Live PnL diverges from the backtest.");
        model.askToConfirm();
        assertTrue(model.confirmingProperty().get());
        assertEquals("Roll back momentum_xgb? momentum_xgb-3.0.0 becomes ACTIVE and " + LIVE + " is RETIRED, now. The reason is kept in the audit trail.",
                model.confirmText());
        assertEquals("ACTIVE", stateOf(LIVE), "nothing runs before the confirmation");
        model.confirm();
        assertTrue(model.closedProperty().get());
        assertTrue(notices.getFirst().matches("momentum_xgb rolled back \\(REQ-\\d+\\): momentum_xgb-3\\.0\\.0 is ACTIVE again; "
                + LIVE.replace(".", "\\.") + " was retired\\."), notices.getFirst());
        assertEquals("RETIRED", stateOf(LIVE));
        assertEquals("ACTIVE", stateOf("momentum_xgb-3.0.0"));
    }

    @Test
    void nothingIsOfferedOnARegistryOpenedReadOnly() {
        registry.close();
        registry = Registry.openReadOnly(new Location.File(dir.resolve("demo.db")));
        GovernanceCommands commands = as("rachel.okafor", "RISK_OFFICER");
        RollbackViewModel rollback = new RollbackViewModel(commands, commands.desk().previewRollback("momentum_xgb", commands.identity()));
        rollback.reasonProperty().set("Live PnL diverges.");
        assertTrue(rollback.rollBackDisabledProperty().get());
        assertTrue(rollback.blockerTextProperty().get().contains("the registry is open read-only"), rollback.blockerTextProperty().get());
        ApprovalViewModel approval = approval(commands, pendingRequestOf(CANDIDATE));
        approval.commentProperty().set("Looks right.");
        assertTrue(approval.approveDisabledProperty().get());
        assertTrue(approval.reasonProperty().get().contains("the registry is open read-only"), approval.reasonProperty().get());
    }
}
