package com.modelsteward.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.DemoTemplate;
import com.modelsteward.testsupport.Screenshots;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A decided request is shown as it was decided (issue 18, deliver 8): a header saying so, each decision's signature
 * status in words and symbol, and no decision box — no comment field, no Approve or Reject.
 */
@ExtendWith(ApplicationExtension.class)
class DecidedRequestDialogTest {

    private static final String TEMPLATE = "decided-dialog";

    @TempDir
    static Path dir;

    private final ConsoleAsUser console = new ConsoleAsUser();
    private Stage stage;
    private Path db;
    /** The newest executed promotion to ACTIVE with an approval: the demo's live version of some model. */
    private String executed;

    @BeforeAll
    static void prepareTemplate() {
        DemoTemplate.copyTo(dir.resolve("template-check"), TEMPLATE, registry -> { });
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        db = DemoTemplate.copyTo(dir.resolve("dialog-" + System.nanoTime()), TEMPLATE, registry -> { });
        try (Registry registry = Registry.open(db)) {
            executed = registry.readHandle(h -> h.createQuery("""
                            SELECT r.request_id FROM transition_requests r
                             WHERE r.status = 'EXECUTED' AND r.to_state = 'ACTIVE' AND r.kind = 'PROMOTION'
                               AND EXISTS (SELECT 1 FROM approvals a WHERE a.request_id = r.request_id)
                             ORDER BY r.requested_at DESC LIMIT 1""").mapTo(String.class).one());
        }
    }

    @AfterEach
    void closeShell() throws Exception {
        console.close();
    }

    private void openAs(FxRobot robot, String user) {
        console.open(robot, stage, db, dir, user);
    }

    private DialogPane openRequest(FxRobot robot, String requestId) {
        DialogPane dialog = console.openRequest(robot, requestId, "approval-dialog");
        // The smallest window the console supports: the record must read there too.
        robot.interact(() -> {
            dialog.getScene().getWindow().setWidth(1024);
            dialog.getScene().getWindow().setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return dialog;
    }

    /** Scrolls the evidence to the decisions, so the screenshot shows their signature status. */
    private static void screenshot(FxRobot robot, DialogPane dialog, String name) {
        robot.interact(() -> robot.from(dialog).lookup(".evidence-scroll").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1.0));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshots.write(dialog.getScene(), name));
    }

    private static String text(FxRobot robot, DialogPane dialog, String id) {
        return ((Label) robot.from(dialog).lookup("#" + id).query()).getText();
    }

    @Test
    void anExecutedRequestIsARecordWithSignedDecisionsAndNoDecisionBox(FxRobot robot) {
        openAs(robot, "rachel.okafor");
        DialogPane dialog = openRequest(robot, executed);

        assertTrue(text(robot, dialog, "decided-header").contains("Decided — shown as it was on"), text(robot, dialog, "decided-header"));
        assertTrue(robot.from(dialog).lookup("#decision-comment").tryQuery().isEmpty(), "no comment field");
        assertTrue(robot.from(dialog).lookup("#approve-button").tryQuery().isEmpty(), "no Approve");
        assertTrue(robot.from(dialog).lookup("#reject-button").tryQuery().isEmpty(), "no Reject");
        assertTrue(robot.from(dialog).lookup("#evidence-glance").tryQuery().isEmpty(), "no chips of today's state");
        String signature = text(robot, dialog, "signature-status-0");
        assertTrue(signature.startsWith("✔ Signature verified with "), signature);
        assertTrue(signature.contains("SHA256:"), "names the key: " + signature);
        String replaced = ((Label) ((javafx.scene.layout.HBox) robot.from(dialog).lookup("#decided-replaced").query()).getChildren().get(1)).getText();
        assertTrue(replaced.endsWith("(it became RETIRED)") && !replaced.startsWith("nothing"),
                "the version it replaced, not today's \"nothing is ACTIVE\": " + replaced);
        String time = ((Label) robot.from(dialog).lookup("#decided-time").queryAs(javafx.scene.layout.VBox.class).getChildren().getFirst()).getText();
        assertTrue(time.startsWith("✔ In SHADOW for ") && time.contains("at the decision"), "the prior state, not today's ACTIVE: " + time);
        screenshot(robot, dialog, "approval-dialog-decided");
    }

    @Test
    void aSignatureAlteredByRawSqlIsShownAsNotVerifying(FxRobot robot) throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement()) {
            sql.executeUpdate("DROP TRIGGER approvals_no_update");
            sql.executeUpdate("UPDATE approvals SET signature = 'AAAA' || substr(signature, 5) WHERE request_id = '" + executed + "'");
        }
        openAs(robot, "rachel.okafor");
        DialogPane dialog = openRequest(robot, executed);

        String signature = text(robot, dialog, "signature-status-0");
        assertTrue(signature.startsWith("✖ Signature does not verify: "), signature);
        assertTrue(signature.contains("does not match its content"), signature);
        assertEquals(0, robot.from(dialog).lookup("#approve-button").queryAll().size());
        screenshot(robot, dialog, "approval-dialog-decided-bad-signature");
    }
}
