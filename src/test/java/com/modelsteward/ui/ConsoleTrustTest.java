package com.modelsteward.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppSettings;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.shell.ConsoleOptions;
import com.modelsteward.ui.shell.ConsoleShell;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The console warns loudly when a registry's root key differs from the one this user pinned on first use. */
@ExtendWith(ApplicationExtension.class)
class ConsoleTrustTest {

    @TempDir
    static Path dir;

    private ConsoleShell shell;
    private Path registry;

    @Start
    void start(Stage stage) throws Exception {
        Path folder = dir.resolve("r" + System.nanoTime());
        java.nio.file.Files.createDirectories(folder);
        TestRegistries.demo(folder).close();
        registry = folder.resolve("demo.db");
        AppSettings settings = new AppSettings(folder.resolve("settings.properties"));
        settings.put("trust.root." + registry.toAbsolutePath().normalize(), "SHA256:" + "0".repeat(64));
        shell = new ConsoleShell(stage, TestRegistries.OPERATOR, Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC), settings);
        stage.show();
        shell.start(ConsoleOptions.opening(registry));
    }

    @AfterEach
    void closeShell() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    @Test
    void aChangedRootKeyIsShownInADialog(FxRobot robot) throws Exception {
        FxWait.until("the warning dialog is shown", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        String message = ((Label) pane.getContent()).getText();
        assertTrue(message.contains("HAS CHANGED"), message);
        assertTrue(message.contains(registry.toAbsolutePath().normalize().toString()), message);
        assertTrue(message.contains("SHA256:" + "0".repeat(64)), message);
        robot.interact(() -> Screenshots.write(pane.getScene(), "trust-root-changed"));
        FxWait.clickOn(robot, "OK");
        assertTrue(shell.context() != null, "the registry is open all the same, for looking");
    }
}
