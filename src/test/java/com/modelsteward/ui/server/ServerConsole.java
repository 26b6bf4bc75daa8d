package com.modelsteward.ui.server;

import com.modelsteward.config.AppSettings;
import com.modelsteward.config.Environment;
import com.modelsteward.registry.Location;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.ui.shell.ConsoleOptions;
import com.modelsteward.ui.shell.ConsoleShell;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console on a server registry, as a person at a workstation starts it: the OS account {@code desk-user}, an
 * environment without PGUSER, PGPASSWORD or a password file (unless a test gives one), and a settings file of its own.
 */
final class ServerConsole {

    /** The OS account running the console: on a server the login acts, whatever this is. */
    static final String OS_USER = "desk-user";
    /** A week after the contract's first registration: shadow periods begun then have run their seven days. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-08T13:00:00Z"), ZoneOffset.UTC);

    private ConsoleShell shell;

    /** Starts the console on {@code stage} at 1024×700 with {@code --db location} (none: the last registry, or the demo). */
    ConsoleShell start(FxRobot robot, Stage stage, Path settings, Optional<Location> location, Map<String, String> environment) {
        robot.interact(() -> {
            shell = new ConsoleShell(stage, OS_USER, CLOCK, new AppSettings(settings), Environment.of(environment));
            stage.setWidth(1024);
            stage.setHeight(700);
            stage.setX(0);
            stage.setY(0);
            stage.show();
            shell.start(new ConsoleOptions(location, false));
        });
        return shell;
    }

    ConsoleShell start(FxRobot robot, Stage stage, Path settings, Location location) {
        return start(robot, stage, settings, Optional.of(location), Map.of());
    }

    ConsoleShell shell() {
        return shell;
    }

    void close() throws Exception {
        if (shell != null) {
            WaitForAsyncUtils.asyncFx(shell::close).get();
            shell = null;
        }
    }

    /** The dialog pane with {@code id} once shown. */
    static DialogPane dialog(FxRobot robot, String id) {
        FxWait.until(id + " is shown", () -> robot.lookup("#" + id).tryQuery().isPresent());
        return robot.lookup("#" + id).queryAs(DialogPane.class);
    }

    /** The error dialog (an Alert) once shown: its title and its sentence. */
    static String errorText(FxRobot robot) {
        FxWait.until("an error dialog is shown",
                () -> robot.lookup(".dialog-pane").tryQuery().map(pane -> ((DialogPane) pane).getContent() instanceof Label).orElse(false));
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        return pane.getHeaderText() + ": " + ((Label) pane.getContent()).getText();
    }
}
