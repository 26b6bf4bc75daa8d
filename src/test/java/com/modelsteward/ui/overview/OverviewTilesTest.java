package com.modelsteward.ui.overview;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.testsupport.DemoConsole;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.ui.shell.ConsoleShell;
import java.nio.file.Path;
import javafx.scene.input.KeyCode;
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

/** The Overview's tiles lead to the page that lists what they count, by mouse and by keyboard. */
@ExtendWith(ApplicationExtension.class)
class OverviewTilesTest {

    @TempDir
    static Path dir;

    private ConsoleShell shell;

    /** The demo is generated once per test JVM: here, not in {@code @Start}, whose set-up has a time limit. */
    @BeforeAll
    static void generateTheDemoOnce() throws Exception {
        com.modelsteward.testsupport.TestRegistries.demo(java.nio.file.Files.createDirectories(dir.resolve("warm-up"))).close();
    }

    @Start
    void start(Stage stage) throws Exception {
        shell = DemoConsole.at1024x700(stage, dir, "tiles-", dir.resolve("settings.properties"));
    }

    @AfterEach
    void closeShell() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    @Test
    void aClickOrEnterOnATileShowsItsPage(FxRobot robot) {
        FxWait.until("the overview is shown", () -> "overview".equals(shell.currentPage()));
        javafx.scene.control.TableView<?> events = robot.lookup("#recent-events").queryTableView();
        FxWait.until("the events are loaded", () -> !events.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> com.modelsteward.testsupport.Screenshots.write(shell.stage().getScene(), "overview-tiles-1024x700"));
        FxWait.clickOn(robot, "#tile-pending");
        FxWait.until("the pending tile leads to the approvals", () -> "approvals".equals(shell.currentPage()));

        robot.interact(() -> shell.show("overview"));
        FigureTile drift = robot.lookup("#tile-drift").queryAs(FigureTile.class);
        assertTrue(drift.isFocusTraversable(), "Tab reaches the tiles");
        robot.interact(drift::requestFocus);
        FxWait.until("the drift tile has the focus", drift::isFocused);
        robot.type(KeyCode.ENTER);
        FxWait.until("Enter on the drift tile shows the drift page", () -> "drift".equals(shell.currentPage()));
    }
}
