package com.modelsteward.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.ModelSummary;
import com.modelsteward.testsupport.DemoConsole;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A result notification floats over the page: it never moves what the user is about to click. */
@ExtendWith(ApplicationExtension.class)
class NotificationTest {

    @TempDir
    static Path dir;

    private ConsoleShell shell;

    @Start
    void start(Stage stage) throws Exception {
        shell = DemoConsole.at1024x700(stage, dir, "toast-", dir.resolve("settings.properties"));
    }

    @AfterEach
    void closeShell() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    @Test
    void aNotificationLeavesTheTableWhereItWas(FxRobot robot) {
        FxWait.until("the registry is open", () -> "overview".equals(shell.currentPage()));
        robot.interact(() -> shell.show("models"));
        TableView<ModelSummary> table = robot.lookup("#models-table").queryTableView();
        FxWait.until("versions are loaded", () -> table.getItems().size() > 2);
        Bounds before = laidOut(robot, table);

        robot.interact(() -> shell.context().notify("REQ-000042 created: momentum_xgb 3.2.0 → ACTIVE, waiting for approval."));
        FxWait.until("the notification is shown", () -> shell.notificationText().startsWith("REQ-000042"));
        Node toast = robot.lookup("#notification").query();
        assertEquals(before, laidOut(robot, table), "the table has not moved or shrunk");
        Bounds toastBounds = laidOut(robot, toast);
        assertTrue(toastBounds.getHeight() > 0 && toastBounds.getWidth() <= 560, "a toast, not a strip: " + toastBounds);
        Bounds window = laidOut(robot, shell.stage().getScene().getRoot());
        assertTrue(window.contains(toastBounds), "inside the window: " + toastBounds);
        robot.interact(() -> Screenshots.write(shell.stage().getScene(), "notification-toast-1024x700"));

        FxWait.clickOn(robot, "Dismiss");
        FxWait.until("the notification is gone", () -> shell.notificationText().isEmpty());
        assertEquals(before, laidOut(robot, table), "nor does it move when the notification goes");
    }

    /** The node's layout bounds (without effects such as shadows) on screen, after CSS and layout of the whole scene. */
    private Bounds laidOut(FxRobot robot, Node node) {
        Bounds[] bounds = new Bounds[1];
        robot.interact(() -> {
            shell.stage().getScene().getRoot().applyCss();
            shell.stage().getScene().getRoot().layout();
            bounds[0] = node.localToScreen(node.getLayoutBounds());
        });
        return bounds[0];
    }
}
