package com.modelsteward.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Role;
import com.modelsteward.governance.RuleChanges;
import com.modelsteward.policy.LineDiff;
import com.modelsteward.policy.PolicyStore;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.DemoTemplate;
import com.modelsteward.testsupport.DialogShots;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.testsupport.TestRegistries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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

/**
 * The Approvals queue lists rule changes beside model requests, and the decision dialog shows the policy diff or the role
 * change. The demo has two ADMINs: ines.admin proposes, so she may not decide; the operator (another ADMIN) approves.
 */
@ExtendWith(ApplicationExtension.class)
class RuleChangeDialogTest {

    private static final String TEMPLATE = "rule-change-dialog";
    private static final String POLICY_CHANGE = "RC-000001";
    private static final String DEACTIVATION = "RC-000002";

    @TempDir
    static Path dir;

    private final ConsoleAsUser console = new ConsoleAsUser();
    private Stage stage;
    private Path db;

    @BeforeAll
    static void prepareTemplate() {
        DemoTemplate.copyTo(dir.resolve("template-check"), TEMPLATE, RuleChangeDialogTest::prepare);
    }

    /** ines.admin proposes a policy that lets a RETIRED version come back, and the deactivation of a risk officer. */
    private static void prepare(Registry registry) {
        Clock at = Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC);
        Identity ines = new Identity("ines.admin", Set.of(Role.ADMIN), false);
        try {
            Path loose = Files.createTempDirectory("rule-change").resolve("loose.yaml");
            Files.writeString(loose, Files.readString(Path.of("src/main/resources/policies/l3-12.yaml"))
                    .replace("name: l3-12", "name: loose")
                    .replace("  - {from: SHADOW, to: RETIRED}\n", "  - {from: SHADOW, to: RETIRED}\n  - {from: RETIRED, to: ACTIVE, approvals: {count: 1, role: RISK_OFFICER}}\n"));
            RuleChanges.requestPolicy(registry, at, ines, loose, Map.of());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        RuleChanges.requestDeactivation(registry, at, ines, "rachel.okafor");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        db = DemoTemplate.copyTo(dir.resolve("dialog-" + System.nanoTime()), TEMPLATE, RuleChangeDialogTest::prepare);
    }

    @AfterEach
    void closeShell() throws Exception {
        console.close();
    }

    private void openAs(FxRobot robot, String user) {
        console.open(robot, stage, db, dir, user);
    }

    private DialogPane open(FxRobot robot, String changeId) {
        return console.openRequest(robot, changeId, "rule-change-dialog");
    }

    private static String text(FxRobot robot, DialogPane dialog, String id) {
        return ((Label) robot.from(dialog).lookup("#" + id).query()).getText();
    }

    @Test
    void theQueueListsRuleChangesAndTheRequesterCannotDecideHerOwn(FxRobot robot) {
        openAs(robot, "ines.admin");
        FxWait.clickOn(robot, "#nav-approvals");
        TableView<?> pending = robot.lookup("#approvals-pending").queryTableView();
        FxWait.until("the rule changes are in the queue", () -> pending.getItems().stream()
                .filter(row -> row.toString().contains("RC-")).count() == 2);
        assertTrue(pending.getItems().stream().anyMatch(row -> row.toString().contains("Policy change")), pending.getItems().toString());
        assertTrue(pending.getItems().stream().anyMatch(row -> row.toString().contains("Deactivation")), pending.getItems().toString());

        DialogPane dialog = open(robot, POLICY_CHANGE);
        FxWait.clickOn(robot, "#rule-comment").write("My own change, fine.");
        assertTrue(robot.from(dialog).lookup("#approve-rule").queryButton().isDisabled());
        assertTrue(robot.from(dialog).lookup("#reject-rule").queryButton().isDisabled());
        String reason = text(robot, dialog, "rule-reason");
        assertTrue(reason.contains("ines.admin requested " + POLICY_CHANGE + " and cannot also decide it"), reason);
    }

    @Test
    void anotherAdminSeesThePolicyDiffAndApprovesWithAComment(FxRobot robot) {
        openAs(robot, TestRegistries.OPERATOR);
        DialogPane dialog = open(robot, POLICY_CHANGE);
        ListView<?> diff = robot.from(dialog).lookup("#rule-diff").queryListView();
        String lines = diff.getItems().stream().map(Object::toString).reduce("", (a, b) -> a + b + "\n");
        assertTrue(lines.contains("-name: l3-12\n+name: loose\n"), lines);
        assertTrue(lines.contains("+  - {from: RETIRED, to: ACTIVE, approvals: {count: 1, role: RISK_OFFICER}}"), lines);
        assertTrue(diff.getItems().stream().allMatch(line -> line instanceof LineDiff.Line));
        Button approve = robot.from(dialog).lookup("#approve-rule").queryButton();
        assertTrue(approve.isDisabled(), "a comment is required");
        assertEquals("Write a comment to approve or reject.", text(robot, dialog, "rule-reason"));
        FxWait.clickOn(robot, "#rule-comment").write("Reinstatement path agreed with risk.");
        FxWait.until("Approve is enabled", () -> !approve.isDisabled());
        robot.interact(() -> Screenshots.write(dialog.getScene(), "rule-change-dialog-policy"));
        DialogShots.atEverySize(robot, dialog, "rule-change", 980, 720);
        robot.clickOn(approve);
        FxWait.until("the approval is reported", () -> console.shell().notificationText().contains(POLICY_CHANGE + " approved and applied"));
        try (Registry registry = Registry.open(db)) {
            assertEquals("loose", PolicyStore.current(registry, Map.of()).name());
            assertEquals(TestRegistries.OPERATOR, RuleChanges.find(registry, POLICY_CHANGE).orElseThrow().decidedBy());
        }
    }

    @Test
    void aDeactivationShowsThePrincipalBeforeAndAfter(FxRobot robot) {
        openAs(robot, TestRegistries.OPERATOR);
        DialogPane dialog = open(robot, DEACTIVATION);
        assertEquals("Before: RISK_OFFICER (active)", text(robot, dialog, "rule-principal-before"));
        assertEquals("After approval: RISK_OFFICER (inactive)", text(robot, dialog, "rule-principal-after"));
        FxWait.clickOn(robot, "#rule-comment").write("She stays on the desk.");
        Button reject = robot.from(dialog).lookup("#reject-rule").queryButton();
        FxWait.until("Reject is enabled", () -> !reject.isDisabled());
        robot.clickOn(reject);
        FxWait.until("the rejection is reported", () -> console.shell().notificationText().contains(DEACTIVATION + " rejected"));
        try (Registry registry = Registry.open(db)) {
            assertEquals("REJECTED", RuleChanges.find(registry, DEACTIVATION).orElseThrow().status());
        }
    }
}
