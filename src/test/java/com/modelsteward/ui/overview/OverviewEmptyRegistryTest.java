package com.modelsteward.ui.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelsteward.config.AppSettings;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.shell.ConsoleOptions;
import com.modelsteward.ui.shell.ConsoleShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A registry with nothing in it yet: the Overview's figures read 0 once read (not the dash of "not read"). */
@Tag("console")
@ExtendWith(ApplicationExtension.class)
class OverviewEmptyRegistryTest {

    @TempDir
    Path dir;

    private ConsoleShell shell;

    @Start
    void start(Stage stage) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("empty"));
        TestRegistries.empty(folder).close();
        shell = new ConsoleShell(stage, TestRegistries.OPERATOR, Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC),
                new AppSettings(dir.resolve("settings.properties")));
        stage.setWidth(1024);
        stage.setHeight(700);
        stage.setX(0);
        stage.setY(0);
        stage.show();
        shell.start(ConsoleOptions.opening(folder.resolve("empty.db")));
    }

    @AfterEach
    void closeShell() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    @Test
    void theFiguresOfAnEmptyRegistryReadZero(FxRobot robot) {
        FxWait.until("the overview is shown", () -> "overview".equals(shell.currentPage()));
        List<FigureTile> figures = List.of("#tile-active", "#tile-pending", "#tile-drift").stream()
                .map(id -> robot.lookup(id).queryAs(FigureTile.class)).toList();
        FxWait.until("the figures are read", () -> figures.stream().allMatch(figure -> figure.getValue() >= 0));
        WaitForAsyncUtils.waitForFxEvents();
        for (FigureTile figure : figures) {
            assertEquals("0", ((Label) figure.getChildren().get(1)).getText(), figure.getAccessibleText());
        }
        StateBarsTile states = robot.lookup("#tile-states").queryAs(StateBarsTile.class);
        assertEquals("Versions per state: no versions yet", states.getAccessibleText());
    }
}
