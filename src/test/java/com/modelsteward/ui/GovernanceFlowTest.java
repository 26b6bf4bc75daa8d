package com.modelsteward.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppSettings;
import com.modelsteward.governance.GateReport;
import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.governance.Role;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.TransitionRequestRow;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.audit.AuditView;
import com.modelsteward.ui.shell.ConsoleOptions;
import com.modelsteward.ui.shell.ConsoleShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole governance flow through the console, on a real demo registry: an analyst requests a promotion, a risk
 * officer reviews the evidence and approves it, then rolls it back; the audit view lists every step and verifies.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("console")
class GovernanceFlowTest {

    static final String CANDIDATE = "momentum_xgb-3.2.0";
    static final String PREVIOUS = "momentum_xgb-3.1.0";

    @TempDir
    static Path dir;

    private final Clock clock = Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC);
    private Stage stage;
    private ConsoleShell shell;
    private Path db;

    /** The demo (slow to generate) is prepared before TestFX starts, whose start method has a time limit. */
    @BeforeAll
    static void prepareDemo() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("flow"));
        try (Registry registry = TestRegistries.demo(folder)) {
            // The demo already has a pending request for this shadow; it is rejected so that the analyst asks through the UI.
            String pending = new ModelCatalog(registry).requests(Optional.of("PENDING")).stream()
                    .filter(r -> r.modelId().equals(CANDIDATE)).findFirst().orElseThrow().requestId();
            new GovernanceEngine(registry, PolicyLoader.builtIn(Map.of()), Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC))
                    .reject(new Identity("omar.haddad", Set.of(Role.RISK_OFFICER), false), pending, "Superseded; please re-request.");
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        db = dir.resolve("flow").resolve("demo.db");
    }

    @AfterEach
    void closeShell() throws Exception {
        if (shell != null) {
            WaitForAsyncUtils.asyncFx(shell::close).get();
        }
    }

    private void openAs(FxRobot robot, String user) throws Exception {
        closeShell();
        robot.interact(() -> {
            shell = new ConsoleShell(stage, user, clock, new AppSettings(dir.resolve("settings-" + user + ".properties")));
            stage.show();
            stage.toFront();
            shell.start(ConsoleOptions.opening(db));
        });
        FxWait.until("the registry is open for " + user, () -> shell.context() != null);
    }

    private void idle() {
        FxWait.until("background work is done", () -> shell.tasks().runningProperty().get() == 0);
    }

    private static DialogPane dialog(FxRobot robot, String id) {
        FxWait.until(id + " is shown", () -> robot.lookup("#" + id).tryQuery().isPresent());
        return robot.lookup("#" + id).queryAs(DialogPane.class);
    }

    private static void photograph(FxRobot robot, Node node, String name) {
        robot.interact(() -> Screenshots.write(node.getScene(), name));
        assertTrue(Files.exists(Screenshots.FOLDER.resolve(name + ".png")));
    }

    private String stateOf(String modelId) {
        return shell.context().catalog().version(modelId).orElseThrow().state();
    }

    @Test
    void requestApproveRollBackAndAuditThroughTheUi(FxRobot robot) throws Exception {
        // 1. The analyst requests the promotion from the Models view; the dialog shows the gates before asking.
        openAs(robot, "bob.keller");
        FxWait.clickOn(robot, "#nav-models");
        idle();
        robot.interact(() -> shell.context().selectedModelIdProperty().set(CANDIDATE));
        FxWait.until("the promotion action is offered", () -> robot.lookup("#action-promote").tryQuery().isPresent());
        Button promote = robot.lookup("#action-promote").queryButton();
        assertEquals("Request promotion to ACTIVE…", promote.getText());
        assertFalse(promote.isDisabled());
        assertTrue(robot.lookup("#action-roll-back").tryQuery().isEmpty(), "a shadow version cannot be rolled back");
        robot.clickOn(promote);
        DialogPane request = dialog(robot, "request-dialog");
        TableView<GateReport.GateCheck> requestGates = robot.from(request).lookup("#request-gate-table").queryTableView();
        assertFalse(requestGates.getItems().isEmpty());
        assertTrue(requestGates.getItems().stream().allMatch(GateReport.GateCheck::passed));
        Button submit = robot.from(request).lookup("#submit-request").queryButton();
        assertTrue(submit.isDisabled(), "no justification yet");
        FxWait.clickOn(robot, "#request-justification").write("Shadow period complete; sharpe up on bench_core_v1, drawdown flat.");
        assertFalse(submit.isDisabled());
        photograph(robot, request, "request-dialog");
        robot.clickOn(submit);
        FxWait.until("the request is confirmed", () -> shell.notificationText().contains("created"));
        assertEquals("SHADOW", stateOf(CANDIDATE), "a request changes no state");
        TransitionRequestRow made = shell.context().catalog().requests(Optional.of("PENDING")).stream()
                .filter(r -> r.modelId().equals(CANDIDATE)).findFirst().orElseThrow();
        assertEquals("bob.keller", made.requestedBy());
        FxWait.until("the navigation counts it", () -> shell.badgeText("approvals").equals("3"));

        // 2. The risk officer opens it from the queue, sees the gate table and approves with a comment.
        openAs(robot, "rachel.okafor");
        FxWait.clickOn(robot, "#nav-approvals");
        idle();
        TableView<ReviewDesk.QueueRow> queue = robot.lookup("#approvals-pending").queryTableView();
        FxWait.until("the queue is loaded", () -> queue.getItems().size() == 3);
        FxWait.until("the badge shows the pending count", () -> shell.badgeText("approvals").equals("3"));
        photograph(robot, queue, "approvals");
        int row = queue.getItems().stream().map(ReviewDesk.QueueRow::requestId).toList().indexOf(made.requestId());
        robot.interact(() -> queue.getSelectionModel().select(row));
        FxWait.clickOn(robot, "#approvals-open");
        DialogPane approval = dialog(robot, "approval-dialog");
        TableView<GateReport.GateCheck> gates = robot.from(approval).lookup("#gate-table").queryTableView();
        assertTrue(gates.getItems().size() >= 3);
        assertTrue(gates.getItems().stream().allMatch(GateReport.GateCheck::passed));
        String summary = ((Label) robot.from(approval).lookup("#gate-summary").query()).getText();
        assertTrue(summary.startsWith("✔ All") && summary.contains(PREVIOUS), summary);
        Button approve = robot.from(approval).lookup("#approve-button").queryButton();
        assertTrue(approve.isDisabled(), "a comment is required");
        FxWait.clickOn(robot, "#decision-comment").write("Gates pass against 3.1.0; artifacts pinned; shadow 9 days.");
        assertFalse(approve.isDisabled());
        photograph(robot, approval, "approval-dialog");
        robot.clickOn(approve);
        assertEquals("SHADOW", stateOf(CANDIDATE), "nothing runs before the confirmation");
        FxWait.clickOn(robot, "#confirm-decision");
        FxWait.until("the approval is reported", () -> shell.notificationText().contains("approved"));
        assertEquals("ACTIVE", stateOf(CANDIDATE));
        assertEquals("RETIRED", stateOf(PREVIOUS));
        FxWait.until("the queue refreshes", () -> queue.getItems().size() == 2);

        // 3. The Models view shows it, and the risk officer rolls back to the last-known-good from there.
        FxWait.clickOn(robot, "#nav-models");
        robot.interact(() -> shell.context().selectedModelIdProperty().set(null));
        robot.interact(() -> shell.context().selectedModelIdProperty().set(CANDIDATE));
        FxWait.until("the detail shows ACTIVE", () -> robot.lookup("#detail-state").tryQuery()
                .map(n -> ((Label) n).getText().contains("ACTIVE")).orElse(false));
        FxWait.until("rollback is offered", () -> robot.lookup("#action-roll-back").tryQuery().isPresent());
        FxWait.clickOn(robot, "#action-roll-back");
        DialogPane rollback = dialog(robot, "rollback-dialog");
        TableView<?> metrics = robot.from(rollback).lookup("#rollback-metrics").queryTableView();
        assertFalse(metrics.getItems().isEmpty());
        FxWait.clickOn(robot, "#rollback-reason-text").write("Live PnL diverges from shadow; returning to 3.1.0 while we investigate.");
        photograph(robot, rollback, "rollback-dialog");
        FxWait.clickOn(robot, "#rollback-button");
        assertEquals("ACTIVE", stateOf(CANDIDATE), "nothing runs before the confirmation");
        photograph(robot, rollback, "rollback-confirm");
        assertEquals("Roll back momentum_xgb? " + PREVIOUS + " becomes ACTIVE and " + CANDIDATE + " is RETIRED, now. The reason is kept in the audit trail.",
                robot.lookup("#rollback-confirm-text").queryAs(Label.class).getText());
        FxWait.clickOn(robot, "#rollback-confirm");
        FxWait.until("the rollback is reported", () -> shell.notificationText().contains("rolled back"));
        assertEquals("ACTIVE", stateOf(PREVIOUS));
        assertEquals("RETIRED", stateOf(CANDIDATE));

        // 4. The audit view lists each step, verifies the chain and shows who was ACTIVE when.
        FxWait.clickOn(robot, "#nav-audit");
        idle();
        TableView<AuditEntry> audit = robot.lookup("#audit-table").queryTableView();
        FxWait.clickOn(robot, "#audit-model").write("momentum_xgb");
        FxWait.until("the audit entries are loaded", () -> audit.getItems().size() > 5);
        idle();
        List<String> steps = audit.getItems().stream().map(e -> e.actor() + " " + e.action()).toList();
        for (String step : List.of("bob.keller REQUEST", "rachel.okafor APPROVE", "rachel.okafor TRANSITION", "rachel.okafor ROLLBACK",
                "rachel.okafor ACTIVE_CHANGED", "omar.haddad REJECT")) {
            assertTrue(steps.contains(step), step + " in " + steps);
        }
        FxWait.clickOn(robot, "#audit-verify");
        Label chain = robot.lookup("#audit-chain-status").queryAs(Label.class);
        FxWait.until("the chain is verified", () -> chain.getText().startsWith("✔"));
        AuditView view = (AuditView) shell.page("audit");
        robot.interact(() -> view.model().timelineNameProperty().set("momentum_xgb"));
        FxWait.until("the timeline is loaded", () -> view.model().timeline().size() >= 3);
        List<String> actives = view.model().timeline().stream().map(GovernanceEngine.ActivePeriod::modelId).toList();
        assertEquals(List.of("momentum_xgb-3.0.0", PREVIOUS, CANDIDATE, PREVIOUS), actives.subList(actives.size() - 4, actives.size()));
        FxWait.clickOn(robot, "Who was ACTIVE when");
        robot.interact(() -> view.model().activeAtDateProperty().set(java.time.LocalDate.of(2026, 10, 15)));
        Label answer = robot.lookup("#timeline-answer").queryAs(Label.class);
        FxWait.until("the day's ACTIVE version is found", () -> !answer.getText().isEmpty());
        assertEquals("On 2026-10-15 at 12:00 UTC, momentum_xgb-3.1.0 was ACTIVE.", answer.getText());
        robot.interact(() -> audit.getSelectionModel().select(0));
        idle();
        photograph(robot, audit, "audit");
    }
}
