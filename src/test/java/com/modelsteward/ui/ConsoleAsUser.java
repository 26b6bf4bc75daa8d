package com.modelsteward.ui;

import com.modelsteward.config.AppSettings;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.approvals.GovernanceActions;
import com.modelsteward.ui.shell.ConsoleOptions;
import com.modelsteward.ui.shell.ConsoleShell;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The console opened on a registry as one user, for the decision-dialog tests; closed after each test. */
final class ConsoleAsUser {

    private final Clock clock = Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC);
    private ConsoleShell shell;

    /** Opens {@code registry} in {@code stage} as {@code user}, with that user's own settings file in {@code settingsFolder}. */
    void open(FxRobot robot, Stage stage, Path registry, Path settingsFolder, String user) {
        robot.interact(() -> {
            shell = new ConsoleShell(stage, user, clock, new AppSettings(settingsFolder.resolve("settings-" + user + ".properties")));
            stage.show();
            shell.start(ConsoleOptions.opening(registry));
        });
        FxWait.until("the registry is open for " + user, () -> shell.context() != null);
    }

    ConsoleShell shell() {
        return shell;
    }

    /** Opens a request or rule change as the Approvals queue does, and waits for the dialog with that id. */
    DialogPane openRequest(FxRobot robot, String id, String dialogId) {
        robot.interact(() -> new GovernanceActions(shell.context()).openRequest(id));
        FxWait.until("the dialog " + dialogId + " is shown", () -> robot.lookup("#" + dialogId).tryQuery().isPresent());
        return robot.lookup("#" + dialogId).queryAs(DialogPane.class);
    }

    void close() throws Exception {
        if (shell != null) {
            WaitForAsyncUtils.asyncFx(shell::close).get();
        }
    }
}
