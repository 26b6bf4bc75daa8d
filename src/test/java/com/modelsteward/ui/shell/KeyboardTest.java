package com.modelsteward.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.ModelSummary;
import com.modelsteward.testsupport.DemoConsole;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The console without a mouse, at the smallest size it supports (1024×700): shortcuts, sidebar keys, menus. */
@ExtendWith(ApplicationExtension.class)
class KeyboardTest {

    @TempDir
    static Path dir;

    private ConsoleShell shell;

    @Start
    void start(Stage stage) throws Exception {
        shell = DemoConsole.at1024x700(stage, dir, "keys-", dir.resolve("settings.properties"));
    }

    @AfterEach
    void closeShell() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    @Test
    void ctrlAndADigitShowThePageInSidebarOrderAndTheViewMenuChecksIt(FxRobot robot) {
        FxWait.until("the registry is open", () -> "overview".equals(shell.currentPage()));

        robot.push(KeyCode.CONTROL, KeyCode.DIGIT3);
        String third = Pages.ALL.get(2).id();
        FxWait.until("Ctrl+3 shows the third page, " + third, () -> third.equals(shell.currentPage()));
        assertTrue(robot.lookup("#nav-" + third).queryAs(ToggleButton.class).isSelected(), "the sidebar highlights it");
        assertTrue(pageItem(robot, third).isSelected(), "View checks it");

        robot.push(KeyCode.CONTROL, KeyCode.DIGIT7);
        String last = Pages.ALL.get(6).id();
        FxWait.until("Ctrl+7 shows the seventh page, " + last, () -> last.equals(shell.currentPage()));
        assertFalse(pageItem(robot, third).isSelected(), "one page checked at a time");
        assertEquals("Ctrl+3", pageItem(robot, third).getAccelerator().getDisplayText(), "View shows each page's key");
    }

    @Test
    void arrowsMoveTheFocusInTheSidebarAndEnterOrSpaceShowThePage(FxRobot robot) {
        FxWait.until("the registry is open", () -> "overview".equals(shell.currentPage()));
        ToggleButton overview = robot.lookup("#nav-overview").queryAs(ToggleButton.class);
        ToggleButton second = robot.lookup("#nav-" + Pages.ALL.get(1).id()).queryAs(ToggleButton.class);
        ToggleButton third = robot.lookup("#nav-" + Pages.ALL.get(2).id()).queryAs(ToggleButton.class);
        robot.interact(overview::requestFocus);

        robot.push(KeyCode.DOWN);
        FxWait.until("↓ moves the focus to the next page", second::isFocused);
        assertEquals("overview", shell.currentPage(), "moving the focus alone does not load the page");
        assertTrue(overview.isSelected(), "the highlight stays on the page shown");

        robot.push(KeyCode.ENTER);
        FxWait.until("Enter shows the focused page", () -> Pages.ALL.get(1).id().equals(shell.currentPage()));
        assertTrue(second.isSelected());

        robot.push(KeyCode.DOWN);
        FxWait.until("↓ again", third::isFocused);
        robot.push(KeyCode.SPACE);
        FxWait.until("Space shows the focused page", () -> Pages.ALL.get(2).id().equals(shell.currentPage()));

        robot.push(KeyCode.UP).push(KeyCode.UP).push(KeyCode.UP);
        FxWait.until("↑ stops at the first page", overview::isFocused);
        robot.push(KeyCode.END);
        ToggleButton lastButton = robot.lookup("#nav-" + Pages.ALL.getLast().id()).queryAs(ToggleButton.class);
        FxWait.until("End goes to the last page", lastButton::isFocused);
        assertTrue(third.isSelected(), "the page shown is still the one chosen with Space");
    }

    @Test
    void shiftF10TheMenuKeyAndRightClickOpenTheSelectedVersionsActions(FxRobot robot) {
        FxWait.until("the registry is open", () -> "overview".equals(shell.currentPage()));
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        FxWait.until("the Models page is shown", () -> "models".equals(shell.currentPage()));
        TableView<ModelSummary> table = robot.lookup("#models-table").queryTableView();
        FxWait.until("versions are loaded", () -> table.getItems().size() > 2);
        ModelSummary candidate = table.getItems().stream().filter(v -> v.state().equals("CANDIDATE")).findFirst()
                .orElse(table.getItems().getFirst());
        robot.interact(() -> {
            table.getSelectionModel().select(candidate);
            table.scrollTo(candidate);
            table.requestFocus();
        });
        FxWait.until("the detail shows the version and its actions", () -> robot.lookup("#model-actions").tryQuery()
                .map(bar -> !((Pane) bar).getChildren().isEmpty()).orElse(false)
                && candidate.modelId().equals(shell.context().selectedModelIdProperty().get()));
        List<String> actions = robot.lookup("#model-actions").queryAs(Pane.class).getChildren().stream()
                .map(node -> ((Button) node).getText()).toList();
        ContextMenu menu = table.getContextMenu();

        robot.push(KeyCode.SHIFT, KeyCode.F10);
        assertActionsShowing(menu, candidate, actions);
        robot.interact(() -> Screenshots.write(menu.getScene(), "models-context-menu"));
        robot.push(KeyCode.ESCAPE);
        FxWait.until("Escape closes it", () -> !menu.isShowing());

        robot.interact(table::requestFocus);
        robot.push(KeyCode.CONTEXT_MENU);
        assertActionsShowing(menu, candidate, actions);
        robot.push(KeyCode.ESCAPE);
        FxWait.until("Escape closes it", () -> !menu.isShowing());

        Node[] row = new Node[1];
        FxWait.until("the row is on screen", () -> {
            row[0] = table.lookupAll(".table-row-cell").stream()
                    .filter(node -> node.isVisible() && ((TableRow<?>) node).getItem() instanceof ModelSummary shown
                            && shown.modelId().equals(candidate.modelId())).findFirst().orElse(null);
            return row[0] != null;
        });
        robot.rightClickOn(row[0]);
        assertActionsShowing(menu, candidate, actions);
        robot.push(KeyCode.ESCAPE);
        FxWait.until("Escape closes it", () -> !menu.isShowing());
    }

    @Test
    void theShortcutsDialogListsWhatTheKeysDo(FxRobot robot) {
        FxWait.until("the registry is open", () -> "overview".equals(shell.currentPage()));
        robot.push(KeyCode.F1);
        FxWait.until("F1 opens the list", () -> robot.lookup("#shortcuts").tryQuery().isPresent());
        GridPane grid = robot.lookup("#shortcuts").query();
        List<String> texts = grid.getChildren().stream().map(node -> ((Label) node).getText()).toList();
        int at = texts.indexOf("Ctrl+3");
        assertTrue(at >= 0, "Ctrl+3 is listed: " + texts);
        assertEquals("Show " + Pages.ALL.get(2).title(), texts.get(at + 1));
        assertTrue(texts.contains("Shift+F10 / Menu key"), texts.toString());
        robot.interact(() -> Screenshots.write(grid.getScene(), "keyboard-shortcuts"));
        FxWait.clickOn(robot, "Close");
        FxWait.until("the dialog is closed", () -> robot.lookup("#shortcuts").tryQuery().isEmpty());
    }

    @Test
    void theMainWindowWithItsMenuBarAt1024x700(FxRobot robot) {
        FxWait.until("the registry is open", () -> "overview".equals(shell.currentPage()));
        FxWait.until("background work is done", () -> shell.tasks().runningProperty().get() == 0);
        MenuBar bar = robot.lookup("#menu-bar").query();
        assertEquals(List.of("_File", "_View", "_Help"), bar.getMenus().stream().map(MenuItem::getText).toList());
        assertTrue(bar.getMenus().stream().allMatch(MenuItem::isMnemonicParsing));
        List<String> view = bar.getMenus().get(1).getItems().stream().map(MenuItem::getText).toList();
        assertEquals(List.of("_Overview", "_Models", "_Lineage", "_Scorecards", "_Drift", "_Approvals", "A_udit"), view.subList(0, 7),
                "one item per page in sidebar order, each with its own mnemonic");
        assertEquals("_Theme", view.getLast(), "then the theme, with a mnemonic no page uses");
        assertEquals(1024, shell.stage().getWidth(), 0.5);
        robot.interact(() -> Screenshots.write(shell.stage().getScene(), "main-window-1024x700"));
        assertTrue(Files.exists(Screenshots.FOLDER.resolve("main-window-1024x700.png")));
    }

    @Test
    void aboutNamesTheVersionAndTheRegistrysSchema(FxRobot robot) {
        FxWait.until("the registry is open", () -> "overview".equals(shell.currentPage()));
        robot.push(KeyCode.ALT, KeyCode.H);
        Node[] about = new Node[1];
        FxWait.until("Alt+H opens Help", () -> {
            about[0] = robot.lookup(node -> node instanceof Labeled item && item.getText() != null
                    && item.getText().replace("_", "").equals("About Model Steward") && node.isVisible()).tryQuery().orElse(null);
            return about[0] != null;
        });
        robot.clickOn(about[0]);
        FxWait.until("About is shown", () -> aboutText(robot) != null);
        String text = aboutText(robot);
        assertTrue(text.startsWith("Model Steward 0.1.0"), text);
        assertTrue(text.contains("Schema version: v" + shell.context().registry().schemaVersion()), text);
        FxWait.clickOn(robot, "OK");
    }

    private static String aboutText(FxRobot robot) {
        return robot.lookup(node -> node instanceof Label label && label.getText() != null
                && label.getText().startsWith("Model Steward ") && label.getText().contains("Schema")).tryQuery()
                .map(node -> ((Label) node).getText()).orElse(null);
    }

    private static RadioMenuItem pageItem(FxRobot robot, String pageId) {
        MenuBar bar = robot.lookup("#menu-bar").query();
        return (RadioMenuItem) bar.getMenus().get(1).getItems().stream().filter(item -> ("menu-page-" + pageId).equals(item.getId()))
                .findFirst().orElseThrow();
    }

    /** The menu is open on screen with the version's actions (not the placeholder shown while they load). */
    private static void assertActionsShowing(ContextMenu menu, ModelSummary version, List<String> actions) {
        FxWait.until("the menu shows the actions of " + version.modelId(), () -> menu.isShowing()
                && !menu.getItems().isEmpty() && menu.getItems().stream().noneMatch(item -> item.getText().startsWith("Loading")));
        FxWait.until("its items are on screen", () -> menu.getItems().stream().allMatch(item -> {
            Node shown = item.getStyleableNode();
            return shown != null && shown.isVisible() && shown.getScene() != null && shown.getScene().getWindow().isShowing();
        }));
        assertEquals(actions, menu.getItems().stream().map(MenuItem::getText).toList(), "the same actions as the detail's buttons");
    }
}
