package com.modelsteward.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppSettings;
import com.modelsteward.config.RecentRegistries;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File ▸ Open recent: newest first, one click (or its digit) away, and still there after the console is killed. */
@ExtendWith(ApplicationExtension.class)
class RecentRegistriesTest {

    @TempDir
    static Path dir;

    private ConsoleShell shell;
    private Path settingsFile;
    private Path first;
    private Path second;

    @Start
    void start(Stage stage) throws Exception {
        first = copyOfTheDemo("desk-a-" + System.nanoTime());
        second = copyOfTheDemo("desk-b-" + System.nanoTime());
        settingsFile = dir.resolve("settings-" + System.nanoTime() + ".properties");
        shell = new ConsoleShell(stage, TestRegistries.OPERATOR, Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC), new AppSettings(settingsFile));
        stage.show();
        shell.start(ConsoleOptions.opening(first));
    }

    @AfterEach
    void closeShell() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    @Test
    void theRegistriesOpenedAreListedNewestFirstAndOpenFromTheMenu(FxRobot robot) throws Exception {
        FxWait.until("the first registry is open", () -> shell.context() != null && shell.context().registry().file().equals(first));
        robot.interact(() -> shell.open(second, false));
        FxWait.until("the second registry is open", () -> shell.context().registry().file().equals(second));

        List<MenuItem> items = recentItems(robot);
        assertEquals("_1  demo.db  —  " + second.getParent(), items.get(0).getText());
        assertEquals("_2  demo.db  —  " + first.getParent(), items.get(1).getText());
        // Written as they change: a console killed now (no close, no save on exit) still remembers both.
        FxWait.until("the settings file lists both", () -> RecentRegistries.read(new AppSettings(settingsFile)).equals(List.of(second.toString(), first.toString())));

        robot.interact(() -> items.get(1).fire());
        FxWait.until("the older registry opens again", () -> shell.context().registry().file().equals(first));
        assertEquals("_1  demo.db  —  " + first.getParent(), recentItems(robot).get(0).getText(), "and moves to the top");

        robot.interact(() -> recentItems(robot).stream().filter(i -> "menu-recent-clear".equals(i.getId())).findFirst().orElseThrow().fire());
        assertEquals("No recent registries", recentItems(robot).get(0).getText());
        assertTrue(recentItems(robot).get(0).isDisable());
        FxWait.until("the cleared list is written", () -> RecentRegistries.read(new AppSettings(settingsFile)).isEmpty());
    }

    private static Path copyOfTheDemo(String folder) throws java.io.IOException {
        try (var registry = TestRegistries.demo(Files.createDirectories(dir.resolve(folder)))) {
            return registry.file();
        }
    }

    private static List<MenuItem> recentItems(FxRobot robot) {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        Menu recent = (Menu) bar.getMenus().get(0).getItems().stream().filter(i -> "menu-recent".equals(i.getId())).findFirst().orElseThrow();
        return List.copyOf(recent.getItems());
    }
}
