package com.modelsteward.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppSettings;
import com.modelsteward.testsupport.DemoConsole;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.ui.common.Theme;
import com.modelsteward.ui.overview.FigureTile;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** View ▸ Theme ▸ Dark restyles the window, the Overview's tiles and later dialogs, and is remembered. */
@ExtendWith(ApplicationExtension.class)
class ThemeTest {

    @TempDir
    static Path dir;

    private ConsoleShell shell;
    private Path settingsFile;

    @Start
    void start(Stage stage) throws Exception {
        settingsFile = dir.resolve("settings-" + System.nanoTime() + ".properties");
        shell = DemoConsole.at1024x700(stage, dir, "theme-", settingsFile);
    }

    @AfterEach
    void closeShell() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    @Test
    void theDarkThemeRestylesTheWindowTheTilesAndLaterDialogsAndIsRemembered(FxRobot robot) throws Exception {
        FxWait.until("the overview is shown", () -> "overview".equals(shell.currentPage()) && robot.lookup("#tile-active").tryQuery().isPresent());
        Region root = (Region) shell.stage().getScene().getRoot();
        FigureTile tile = robot.lookup("#tile-active").queryAs(FigureTile.class);
        assertEquals(Theme.LIGHT, shell.theme());
        assertEquals(Color.web("#f6f7f9"), background(root), "light.css's -color-bg");
        assertEquals(Color.web("#1f2a37"), background(tile), "light.css's -color-tile-bg");
        assertTrue(themeItem(robot, "light").isSelected());

        robot.interact(() -> themeItem(robot, "dark").fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Theme.DARK, shell.theme());
        assertTrue(themeItem(robot, "dark").isSelected() && !themeItem(robot, "light").isSelected(), "View checks the theme in use");
        assertEquals(Color.web("#14181d"), background(root), "dark.css's -color-bg");
        assertEquals(Color.web("#1c2229"), background(tile), "the tile follows the theme");
        robot.interact(() -> Screenshots.write(shell.stage().getScene(), "dark-overview-1024x700"));
        FxWait.clickOn(robot, "#nav-models");
        FxWait.until("the models page is shown", () -> "models".equals(shell.currentPage()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshots.write(shell.stage().getScene(), "dark-models-1024x700"));

        robot.push(javafx.scene.input.KeyCode.F1);
        FxWait.until("the shortcuts dialog is shown", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        var pane = robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertTrue(pane.getStylesheets().stream().anyMatch(sheet -> sheet.endsWith("/styles/dark.css")), pane.getStylesheets().toString());
        robot.interact(() -> Screenshots.write(pane.getScene(), "dark-shortcuts-dialog"));
        FxWait.clickOn(robot, "Close");

        FxWait.until("the choice is written", () -> new AppSettings(settingsFile).get(Theme.SETTING).equals(Optional.of("dark")));
        assertEquals(Theme.DARK, Theme.named(new AppSettings(settingsFile).get(Theme.SETTING)), "the next start uses it");
    }

    private static Color background(Region region) {
        return (Color) region.getBackground().getFills().getFirst().getFill();
    }

    private static RadioMenuItem themeItem(FxRobot robot, String name) {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        for (var menu : bar.getMenus()) {
            for (MenuItem item : menu.getItems()) {
                if (item instanceof javafx.scene.control.Menu themes && "menu-theme".equals(themes.getId())) {
                    return (RadioMenuItem) themes.getItems().stream().filter(i -> ("menu-theme-" + name).equals(i.getId())).findFirst().orElseThrow();
                }
            }
        }
        throw new AssertionError("no View > Theme menu");
    }
}
