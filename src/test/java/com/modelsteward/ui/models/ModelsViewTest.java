package com.modelsteward.ui.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppSettings;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.shell.ConsoleOptions;
import com.modelsteward.ui.shell.ConsoleShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.GridPane;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Models view as a user meets it: the Type and State filters read "All types"/"All states" before and after their
 * choices load, and the detail pane follows the selection with the same controls — moving through the table refills
 * the fields, the state badge and what each Copy button copies, instead of building the pane anew for every row.
 */
@ExtendWith(ApplicationExtension.class)
class ModelsViewTest {

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
        shell.start(ConsoleOptions.opening(folder.resolve("demo.db")));
    }

    @AfterEach
    void closeShell() throws Exception {
        org.testfx.util.WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    @Test
    void bothFiltersShowTheirAllChoiceBeforeAndAfterTheChoicesLoad(FxRobot robot) {
        FxWait.until("the registry is open", () -> shell.context() != null);
        FxWait.clickOn(robot, "#nav-models");
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

    @Test
    void movingTheSelectionRefillsTheSameFieldsBadgeAndCopyButtons(FxRobot robot) {
        FxWait.until("the registry is open", () -> shell.context() != null);
        FxWait.clickOn(robot, "#nav-models");
        TableView<ModelSummary> table = robot.lookup("#models-table").queryTableView();
        FxWait.until("the versions are listed", () -> table.getItems().size() > 2);
        List<ModelSummary> rows = table.getItems();
        ModelSummary active = rows.stream().filter(v -> v.state().equals("ACTIVE")).findFirst().orElseThrow();
        ModelSummary other = rows.stream().filter(v -> !v.state().equals("ACTIVE")).findFirst().orElseThrow();

        select(robot, table, active);
        GridPane fields = robot.lookup("#models-detail").query();
        Label badge = robot.lookup("#detail-state").query();
        Label idField = (Label) cellAt(fields, 0, 1);
        Paint activeColour = background(badge);
        assertEquals("● ACTIVE", badge.getText());

        select(robot, table, other);
        assertSame(idField, cellAt(fields, 0, 1), "the same field is refilled");
        assertSame(badge, robot.lookup("#detail-state").query(), "the same badge is refilled");
        assertEquals(other.modelId(), idField.getText());
        assertEquals(other.state(), badge.getText().substring(2));
        assertNotEquals(activeColour, background(badge), "the badge's colour follows the state");
        assertEquals(1, badge.getPseudoClassStates().stream().filter(p -> p.getPseudoClassName().startsWith("state-")).count(),
                "one state colour at a time: " + badge.getPseudoClassStates());

        robot.interact(() -> ((Button) cellAt(fields, 1, 1)).fire());
        String[] copied = new String[1];
        robot.interact(() -> copied[0] = Clipboard.getSystemClipboard().getString());
        assertEquals(other.modelId(), copied[0], "Copy copies the version shown now, not the first one");
    }

    /**
     * At the smallest window a hash does not fit the detail pane: it is cut in the middle (both ends stay, as people
     * compare hashes), its tooltip holds the whole hash and Copy copies the whole hash; name, version, state and creator
     * stay in view in the table beside it.
     */
    @Test
    void at1024x700AHashIsCutInTheMiddleWithTheWholeHashInItsTooltipAndOnCopy(FxRobot robot) {
        FxWait.until("the registry is open", () -> shell.context() != null);
        robot.interact(() -> {
            shell.stage().setWidth(1024);
            shell.stage().setHeight(700);
        });
        FxWait.clickOn(robot, "#nav-models");
        TableView<ModelSummary> table = robot.lookup("#models-table").queryTableView();
        FxWait.until("the versions are listed", () -> table.getItems().size() > 2);
        ModelSummary live = table.getItems().stream().filter(v -> v.modelId().equals("momentum_xgb-3.1.0")).findFirst().orElseThrow();
        select(robot, table, live);
        String hash = shell.context().catalog().version(live.modelId()).orElseThrow().trainingConfigHash();
        GridPane fields = robot.lookup("#models-detail").query();
        Label value = fields.getChildren().stream().filter(node -> node instanceof Label label && hash.equals(label.getText()))
                .map(Label.class::cast).findFirst().orElseThrow();
        robot.interact(() -> table.getScene().getRoot().layout());

        String shown = ((Text) value.lookup(".text")).getText();
        assertTrue(value.isTextTruncated(), "a 64-digit hash does not fit " + value.getWidth() + " px");
        assertTrue(shown.startsWith(hash.substring(0, 6)) && shown.endsWith(hash.substring(hash.length() - 6)),
                "both ends of the hash stay: " + shown);
        assertEquals(hash, value.getTooltip().getText());
        robot.interact(() -> ((Button) cellAt(fields, 1, GridPane.getRowIndex(value))).fire());
        String[] copied = new String[1];
        robot.interact(() -> copied[0] = Clipboard.getSystemClipboard().getString());
        assertEquals(hash, copied[0], "Copy copies the whole hash");

        Bounds tableShown = table.localToScene(table.getBoundsInLocal());
        TableColumn<ModelSummary, ?> creator = table.getColumns().get(3);
        assertEquals("Created by", creator.getText());
        double creatorRight = tableShown.getMinX() + table.getColumns().subList(0, 4).stream().mapToDouble(TableColumn::getWidth).sum();
        assertTrue(creatorRight <= tableShown.getMaxX(), "the creator column ends inside the table: " + creatorRight + " > " + tableShown.getMaxX());
        robot.interact(() -> Screenshots.write(shell.stage().getScene(), "models-1024-detail"));
    }

    private static void select(FxRobot robot, TableView<ModelSummary> table, ModelSummary version) {
        robot.interact(() -> table.getSelectionModel().select(version));
        FxWait.until("the detail shows " + version.modelId(), () -> robot.lookup("#models-detail .detail-value").tryQuery()
                .map(node -> version.modelId().equals(((Label) node).getText())).orElse(false));
        robot.interact(() -> table.getScene().getRoot().applyCss());
    }

    private static Node cellAt(GridPane grid, int column, int row) {
        return grid.getChildren().stream()
                .filter(node -> GridPane.getColumnIndex(node) == column && GridPane.getRowIndex(node) == row)
                .findFirst().orElseThrow();
    }

    private static Paint background(Label label) {
        assertTrue(label.getBackground() != null && !label.getBackground().getFills().isEmpty(), "the badge has a colour");
        return label.getBackground().getFills().getFirst().getFill();
    }

    /** The text the box's button shows, which is what the user sees. */
    private static String shown(ComboBox<String> box) {
        ListCell<String> cell = box.getButtonCell();
        return cell == null || !cell.isVisible() || cell.getScene() == null ? null : cell.getText();
    }
}
