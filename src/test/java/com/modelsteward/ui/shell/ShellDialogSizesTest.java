package com.modelsteward.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelsteward.registry.Location;
import com.modelsteward.testsupport.DemoConsole;
import com.modelsteward.testsupport.DialogShots;
import com.modelsteward.testsupport.FxWait;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's own dialogs — open a registry, log in to a server, the keyboard shortcuts — shown through the dialog
 * service and photographed on the three supported screens with no text cut.
 */
@ExtendWith(ApplicationExtension.class)
class ShellDialogSizesTest {

    @TempDir
    static Path dir;

    private ConsoleShell shell;

    @Start
    void start(Stage stage) throws Exception {
        shell = DemoConsole.at1024x700(stage, dir, "shell-dialogs-", dir.resolve("settings.properties"));
    }

    @AfterEach
    void closeShell() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    private static DialogPane shown(FxRobot robot, String id) {
        FxWait.until(id + " is shown", () -> robot.lookup("#" + id).tryQuery().isPresent());
        return robot.lookup("#" + id).queryAs(DialogPane.class);
    }

    private static void close(FxRobot robot, DialogPane dialog) {
        robot.interact(() -> dialog.getScene().getWindow().hide());
        FxWait.until("the dialog is closed", () -> !dialog.getScene().getWindow().isShowing());
    }

    @Test
    void theOpenRegistryDialogReadsWholeOnEveryScreen(FxRobot robot) {
        FxWait.until("the registry is open", () -> "overview".equals(shell.currentPage()));
        robot.push(KeyCode.CONTROL, KeyCode.O);
        DialogPane dialog = shown(robot, "open-registry-dialog");
        assertEquals(shell.stage(), ((Stage) dialog.getScene().getWindow()).getOwner(), "owned by the main window");
        DialogShots.atEverySize(robot, dialog, "open-registry", -1, -1);
        close(robot, dialog);
    }

    @Test
    void thePasswordDialogReadsWholeOnEveryScreen(FxRobot robot) {
        FxWait.until("the registry is open", () -> "overview".equals(shell.currentPage()));
        Location.Server server = (Location.Server) Location.parse("postgresql://rachel@db.example.org:5432/steward");
        Platform.runLater(() -> PasswordDialog.ask(shell.context().dialogs(), server,
                "The server db.example.org:5432 asks for the password of rachel (database steward)."));
        DialogPane dialog = shown(robot, "password-dialog");
        DialogShots.atEverySize(robot, dialog, "password", -1, -1);
        close(robot, dialog);
    }

    @Test
    void theShortcutsDialogReadsWholeOnEveryScreen(FxRobot robot) {
        FxWait.until("the registry is open", () -> "overview".equals(shell.currentPage()));
        robot.push(KeyCode.F1);
        FxWait.until("F1 opens the list", () -> robot.lookup("#shortcuts").tryQuery().isPresent());
        DialogPane dialog = (DialogPane) robot.lookup(".dialog-pane").match(pane -> pane.lookup("#shortcuts") != null).query();
        DialogShots.atEverySize(robot, dialog, "shortcuts", -1, -1);
        close(robot, dialog);
    }
}
