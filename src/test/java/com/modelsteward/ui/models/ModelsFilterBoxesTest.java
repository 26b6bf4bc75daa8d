package com.modelsteward.ui.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppSettings;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.shell.ConsoleOptions;
import com.modelsteward.ui.shell.ConsoleShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Type and State filters of the Models view read "All types"/"All states" before and after their choices load. */
@ExtendWith(ApplicationExtension.class)
class ModelsFilterBoxesTest {

    @TempDir
    static Path dir;

    private ConsoleShell shell;

    @Start
    void start(Stage stage) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("gen-" + System.nanoTime()));
        TestRegistries.demo(folder).close();
        shell = new ConsoleShell(stage, TestRegistries.OPERATOR, Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC),
                new AppSettings(dir.resolve("settings.properties")));
        stage.setWidth(1440);
        stage.setHeight(900);
        stage.show();
        shell.start(new ConsoleOptions(Optional.of(folder.resolve("demo.db")), false));
    }

    @AfterEach
    void closeShell() throws Exception {
        org.testfx.util.WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    @Test
    void bothFiltersShowTheirAllChoiceBeforeAndAfterTheChoicesLoad(FxRobot robot) {
        FxWait.until("the registry is open", () -> shell.context() != null);
        robot.clickOn("#nav-models");
        ComboBox<String> type = robot.lookup("#models-type").queryComboBox();
        ComboBox<String> state = robot.lookup("#models-state").queryComboBox();
        FxWait.until("the type box reads All types", () -> "All types".equals(shown(type)));
        FxWait.until("the state box reads All states", () -> "All states".equals(shown(state)));

        FxWait.until("the choices are loaded", () -> type.getItems().size() > 1 && state.getItems().size() > 1);
        FxWait.until("background work is done", () -> shell.tasks().runningProperty().get() == 0);
        robot.interact(() -> { });
        assertEquals("All types", shown(type));
        assertEquals("All states", shown(state));
        assertEquals(ModelsViewModel.ALL, type.getValue());
        assertEquals(ModelsViewModel.ALL, state.getSelectionModel().getSelectedItem());
        assertTrue(state.getItems().contains("ACTIVE"), "the states of the registry are offered: " + state.getItems());

        // A chosen state survives a reload of the choices (the refresh after another process commits).
        robot.interact(() -> state.setValue("ACTIVE"));
        robot.interact(() -> ((ModelsView) shell.page("models")).model().refresh());
        FxWait.until("background work is done", () -> shell.tasks().runningProperty().get() == 0);
        robot.interact(() -> { });
        assertEquals("ACTIVE", shown(state));
        robot.interact(() -> state.setValue(ModelsViewModel.ALL));
        robot.interact(() -> { });
        assertEquals("All states", shown(state));
        robot.interact(() -> Screenshots.write(shell.stage().getScene(), "models-filter-boxes"));
    }

    /** The text the box's button shows, which is what the user sees. */
    private static String shown(ComboBox<String> box) {
        ListCell<String> cell = box.getButtonCell();
        return cell == null || !cell.isVisible() || cell.getScene() == null ? null : cell.getText();
    }
}
