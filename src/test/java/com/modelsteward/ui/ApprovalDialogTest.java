package com.modelsteward.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.governance.GateReport;
import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Role;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.DemoTemplate;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Who may decide what: Approve is disabled, with the reason beside it, for the requester, an analyst and failing gates. */
@ExtendWith(ApplicationExtension.class)
class ApprovalDialogTest {

    private static final String TEMPLATE = "approval-dialog";

    @TempDir
    static Path dir;

    private final ConsoleAsUser console = new ConsoleAsUser();
    private Stage stage;
    private Path db;
    /** momentum_xgb-3.2.0's request, re-made by the demo operator (who holds every role) so that they are its requester. */
    private String operatorRequest;
    private String failingRequest;

    /** The demo (slow to generate) is prepared before TestFX starts, whose start method has a time limit. */
    @BeforeAll
    static void prepareTemplate() {
        DemoTemplate.copyTo(dir.resolve("template-check"), TEMPLATE, ApprovalDialogTest::prepare);
    }

    private static void prepare(Registry registry) {
        GovernanceEngine engine = new GovernanceEngine(registry, PolicyLoader.builtIn(Map.of()), Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC));
            String demoRequest = new ModelCatalog(registry).requests(Optional.of("PENDING")).stream()
                    .filter(r -> r.modelId().equals("momentum_xgb-3.2.0")).findFirst().orElseThrow().requestId();
            engine.reject(new Identity("omar.haddad", Set.of(Role.RISK_OFFICER), false), demoRequest, "Superseded.");
            engine.request(new Identity(TestRegistries.OPERATOR, Set.of(Role.values()), false), "momentum_xgb-3.2.0",
                    "ACTIVE", "Re-requested after the review.");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        db = DemoTemplate.copyTo(dir.resolve("dialog-" + System.nanoTime()), TEMPLATE, ApprovalDialogTest::prepare);
        try (Registry registry = Registry.open(db)) {
            ModelCatalog catalog = new ModelCatalog(registry);
            operatorRequest = pendingFor(catalog, "momentum_xgb-3.2.0");
            failingRequest = pendingFor(catalog, "mean_reversion_lgbm-3.0.0");
        }
    }

    private static String pendingFor(ModelCatalog catalog, String modelId) {
        return catalog.requests(Optional.of("PENDING")).stream().filter(r -> r.modelId().equals(modelId)).findFirst().orElseThrow().requestId();
    }

    @AfterEach
    void closeShell() throws Exception {
        console.close();
    }

    private void openAs(FxRobot robot, String user) {
        console.open(robot, stage, db, dir, user);
    }

    private DialogPane openRequest(FxRobot robot, String requestId) {
        return console.openRequest(robot, requestId, "approval-dialog");
    }

    private static String text(FxRobot robot, Node root, String id) {
        return ((Label) robot.from(root).lookup("#" + id).query()).getText();
    }

    /** A risk officer approves a request without touching the mouse: page shortcut, arrows, Enter, mnemonics, Enter. */
    @Test
    void aWholeApprovalByKeyboardAlone(FxRobot robot) {
        openAs(robot, "rachel.okafor");
        FxWait.until("the overview is shown", () -> "overview".equals(console.shell().currentPage()));
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT6);
        FxWait.until("Ctrl+6 shows the approvals", () -> "approvals".equals(console.shell().currentPage()));
        TableView<?> pending = robot.lookup("#approvals-pending").queryTableView();
        FxWait.until("the queue is loaded", () -> pending.getItems().size() == 3);
        FxWait.until("the queue has the keyboard focus", pending::isFocused);
        robot.type(javafx.scene.input.KeyCode.HOME);
        for (int i = 0; i < pending.getItems().size() && !operatorRequest.equals(selectedRequest(pending)); i++) {
            robot.type(javafx.scene.input.KeyCode.DOWN);
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        }
        assertEquals(operatorRequest, selectedRequest(pending));
        robot.type(javafx.scene.input.KeyCode.ENTER);
        FxWait.until("the approval dialog opens", () -> robot.lookup("#approval-dialog").tryQuery().isPresent());
        FxWait.until("the comment field has the focus", () -> robot.lookup("#decision-comment").query().isFocused());
        // The desktop gives a new modal window the keyboard; the headless robot must be told which window that is.
        robot.targetWindow(robot.lookup("#approval-dialog").query().getScene().getWindow());
        robot.write("Gates pass; artifacts pinned; approved from the keyboard.");
        Button approve = robot.lookup("#approve-button").queryButton();
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        assertFalse(approve.isDisabled(), "Approve is enabled by the comment; comment \""
                + ((javafx.scene.control.TextArea) robot.lookup("#decision-comment").query()).getText() + "\", reason: "
                + robot.lookup("#approve-reason").queryAs(Label.class).getText());
        robot.push(javafx.scene.input.KeyCode.ALT, javafx.scene.input.KeyCode.A);
        FxWait.until("Alt+A asks for the confirmation", () -> robot.lookup("#confirm-decision").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        FxWait.until("the confirmation has the focus", () -> robot.lookup("#confirm-decision").query().isFocused());
        robot.type(javafx.scene.input.KeyCode.ENTER);
        FxWait.until("the approval is reported", () -> console.shell().notificationText().contains("approved"));
        try (Registry registry = Registry.open(db)) {
            assertEquals("ACTIVE", new ModelCatalog(registry).version("momentum_xgb-3.2.0").orElseThrow().state());
        }
    }

    private static String selectedRequest(TableView<?> table) {
        Object row = table.getSelectionModel().getSelectedItem();
        return row == null ? null : ((com.modelsteward.governance.ReviewDesk.QueueRow) row).requestId();
    }

    @Test
    void theRequesterCannotApproveTheirOwnRequestEvenWithEveryRole(FxRobot robot) {
        openAs(robot, TestRegistries.OPERATOR);
        DialogPane dialog = openRequest(robot, operatorRequest);
        FxWait.clickOn(robot, "#decision-comment").write("Looks good to me.");
        Button approve = robot.from(dialog).lookup("#approve-button").queryButton();
        Button reject = robot.from(dialog).lookup("#reject-button").queryButton();
        assertTrue(approve.isDisabled());
        assertTrue(reject.isDisabled());
        String reason = text(robot, dialog, "approve-reason");
        assertTrue(reason.contains(TestRegistries.OPERATOR + " requested " + operatorRequest + " and cannot also decide it (maker-checker)"), reason);
        assertFalse(reason.contains("role"), "the operator holds the role; only maker-checker applies: " + reason);
        assertTrue(text(robot, dialog, "approvals-so-far").startsWith("0 of 1"));
    }

    @Test
    void anAnalystSeesTheQueueAndTheEvidenceButCannotApprove(FxRobot robot) {
        openAs(robot, "bob.keller");
        FxWait.clickOn(robot, "#nav-approvals");
        FxWait.until("the queue is loaded", () -> robot.lookup("#approvals-pending").queryTableView().getItems().size() == 3);
        assertTrue(text(robot, robot.lookup("#approvals-hint").query().getParent(), "approvals-hint").contains("does not hold"));
        DialogPane dialog = openRequest(robot, operatorRequest);
        FxWait.clickOn(robot, "#decision-comment").write("Fine by me.");
        assertTrue(robot.from(dialog).lookup("#approve-button").queryButton().isDisabled());
        String reason = text(robot, dialog, "approve-reason");
        assertTrue(reason.contains("bob.keller holds [ANALYST]; deciding request " + operatorRequest + " needs the RISK_OFFICER role"), reason);
        TableView<GateReport.GateCheck> gates = robot.from(dialog).lookup("#gate-table").queryTableView();
        assertFalse(gates.getItems().isEmpty(), "an analyst still sees the evidence");

        FxWait.clickOn(robot, "#drift-link");
        FxWait.until("the drift page is shown", () -> "drift".equals(console.shell().currentPage()));
        assertEquals("momentum_xgb-3.2.0", console.shell().context().selectedModelIdProperty().get());
    }

    @Test
    void aFailingGateDisablesApproveAndNamesTheMetric(FxRobot robot) {
        openAs(robot, "rachel.okafor");
        DialogPane dialog = openRequest(robot, failingRequest);
        TableView<GateReport.GateCheck> gates = robot.from(dialog).lookup("#gate-table").queryTableView();
        GateReport.GateCheck failed = gates.getItems().stream().filter(c -> !c.passed()).findFirst().orElseThrow();
        FxWait.clickOn(robot, "#decision-comment").write("Drawdown is worse than the ACTIVE version.");
        assertTrue(robot.from(dialog).lookup("#approve-button").queryButton().isDisabled());
        assertFalse(robot.from(dialog).lookup("#reject-button").queryButton().isDisabled(), "a failing request can be rejected");
        String reason = text(robot, dialog, "approve-reason");
        assertTrue(reason.startsWith("Approve is unavailable"), reason);
        assertTrue(reason.contains(failed.pack() + "/" + failed.metric()), reason);
        assertTrue(text(robot, dialog, "gate-summary").startsWith("✖"), "the failure is marked by a symbol, not colour alone");
        robot.interact(() -> Screenshots.write(dialog.getScene(), "approval-dialog-failing"));
        // The config differences are written out in full: what the window draws is the whole text, no ellipsis.
        javafx.scene.layout.GridPane configDiff = robot.from(dialog).lookup("#config-changes").queryAs(javafx.scene.layout.GridPane.class);
        java.util.List<Label> changes = configDiff.getChildren().stream().map(Label.class::cast).toList();
        assertFalse(changes.isEmpty());
        for (Label change : changes) {
            String drawn = ((javafx.scene.text.Text) change.lookup(".text")).getText();
            assertEquals(change.getText(), drawn, "drawn as " + drawn);
        }

        FxWait.clickOn(robot, "#reject-button");
        FxWait.clickOn(robot, "#confirm-decision");
        FxWait.until("the rejection is reported", () -> console.shell().notificationText().contains("rejected"));
        assertEquals("REJECTED", console.shell().context().catalog().requests(Optional.of("REJECTED")).stream()
                .filter(r -> r.requestId().equals(failingRequest)).findFirst().orElseThrow().status());
    }

    @Test
    void anEngineRefusalIsShownAsASentenceWithItsCode(FxRobot robot) throws Exception {
        openAs(robot, "rachel.okafor");
        DialogPane dialog = openRequest(robot, operatorRequest);
        FxWait.clickOn(robot, "#decision-comment").write("Gates pass; approving.");
        Button approve = robot.from(dialog).lookup("#approve-button").queryButton();
        assertFalse(approve.isDisabled(), text(robot, dialog, "approve-reason"));
        // The pipeline re-scores the version while the dialog is open: the request is stale by the time it is confirmed.
        try (java.sql.Connection pipeline = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.Statement sql = pipeline.createStatement()) {
            sql.executeUpdate("INSERT INTO scorecards (model_id, pack_id, metric, value, generated_at) "
                    + "VALUES ('momentum_xgb-3.2.0', 'bench_core_v1', 'sharpe', 1.1, '2026-11-01T11:30:00.000Z')");
        }
        robot.clickOn(approve);
        FxWait.clickOn(robot, "#confirm-decision");
        FxWait.until("the refusal is shown", () -> !text(robot, dialog, "decision-refusal").isEmpty());
        String refusal = text(robot, dialog, "decision-refusal");
        assertTrue(refusal.startsWith("The governance engine refused (E_LEARN_ROLLOUT_DENIED): Request " + operatorRequest + " is stale"), refusal);
        assertTrue(approve.isDisabled());
        assertEquals("SHADOW", console.shell().context().catalog().version("momentum_xgb-3.2.0").orElseThrow().state());
    }

    @Test
    void aUserOutsideThePrincipalsGetsNoEnabledAction(FxRobot robot) {
        openAs(robot, "guest.viewer");
        assertTrue(robot.lookup("#banner-no-role").tryQuery().isPresent());
        FxWait.clickOn(robot, "#nav-models");
        robot.interact(() -> console.shell().context().selectedModelIdProperty().set("momentum_xgb-3.1.0"));
        FxWait.until("the actions are shown", () -> robot.lookup("#action-roll-back").tryQuery().isPresent());
        assertTrue(robot.lookup("#model-actions").queryAs(javafx.scene.layout.HBox.class).getChildren().stream().allMatch(Node::isDisabled));
        assertTrue(text(robot, robot.lookup("#model-actions-note").query().getParent(), "model-actions-note").contains("not a principal"));
        DialogPane dialog = openRequest(robot, operatorRequest);
        FxWait.clickOn(robot, "#decision-comment").write("Looking only.");
        assertTrue(robot.from(dialog).lookup("#approve-button").queryButton().isDisabled());
        assertTrue(robot.from(dialog).lookup("#reject-button").queryButton().isDisabled());
        assertTrue(text(robot, dialog, "approve-reason").contains("is not a principal of this registry"));
    }
}
