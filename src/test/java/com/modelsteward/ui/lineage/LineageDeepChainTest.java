package com.modelsteward.ui.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppSettings;
import com.modelsteward.demo.ScaleGenerator;
import com.modelsteward.lineage.LineageTree;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.shell.ConsoleOptions;
import com.modelsteward.ui.shell.ConsoleShell;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Lineage view on one name of 1 000 versions whose retrain chain is hundreds of versions deep: selecting the
 * deepest version selects and shows it, with every ancestor in the tree before it, at a bounded nesting depth.
 */
@ExtendWith(ApplicationExtension.class)
class LineageDeepChainTest {

    @TempDir
    static Path dir;

    private static Path registry;
    private ConsoleShell shell;

    @BeforeAll
    static void buildRegistry() {
        registry = dir.resolve("chain.db");
        new ScaleGenerator(7L, TestRegistries.ANCHOR, TestRegistries.OPERATOR).create(registry, ScaleGenerator.VERSIONS_PER_NAME, done -> { })
                .close();
    }

    @Start
    void start(Stage stage) {
        shell = new ConsoleShell(stage, TestRegistries.OPERATOR, Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC),
                new AppSettings(dir.resolve("settings.properties")));
        stage.setWidth(1440);
        stage.setHeight(900);
        stage.show();
        shell.start(ConsoleOptions.opening(registry));
    }

    @AfterEach
    void closeShell() throws Exception {
        org.testfx.util.WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    @Test
    void selectingTheDeepestVersionShowsItSelectedAfterItsAncestors(FxRobot robot) throws Exception {
        FxWait.until("the registry is open", () -> shell.context() != null);
        FxWait.clickOn(robot, "#nav-lineage");
        TreeView<LineageItem> tree = robot.lookup("#lineage-tree").query();
        FxWait.until("the tree is loaded", () -> !tree.getRoot().getChildren().isEmpty());
        LineageView view = (LineageView) shell.page("lineage");
        LineageTree lineage = view.model().treeProperty().get();
        assertEquals(1, lineage.groups().size());
        assertEquals(ScaleGenerator.VERSIONS_PER_NAME, lineage.groups().getFirst().size());

        // The deepest version and its ancestors, root first.
        List<LineageTree.Node> path = deepest(lineage.groups().getFirst());
        assertTrue(path.size() > 500, "the fixture is a deep chain: " + path.size());
        String deepest = path.getLast().modelId();

        robot.interact(() -> shell.context().selectedModelIdProperty().set(deepest));
        FxWait.until("the tree selects the deepest version", () -> tree.getSelectionModel().getSelectedItem() != null
                && tree.getSelectionModel().getSelectedItem().getValue() instanceof LineageItem.Version v
                && v.version().modelId().equals(deepest));
        FxWait.until("the graph shows it", () -> view.graph().contains(deepest));
        FxWait.until("its row is on screen", () -> robot.lookup(".tree-cell").queryAllAs(TreeCell.class).stream()
                .anyMatch(cell -> cell.isVisible() && cell.getTreeItem() == tree.getSelectionModel().getSelectedItem()
                        && cell.localToScene(cell.getBoundsInLocal()).getMaxY() <= tree.localToScene(tree.getBoundsInLocal()).getMaxY()
                        && cell.localToScene(cell.getBoundsInLocal()).getMinY() >= tree.localToScene(tree.getBoundsInLocal()).getMinY()));

        Map<String, TreeItem<LineageItem>> items = new HashMap<>();
        robot.interact(() -> collect(tree.getRoot(), items));
        int previousRow = -1;
        for (int i = 0; i < path.size(); i++) {
            LineageTree.Node node = path.get(i);
            TreeItem<LineageItem> item = items.get(node.modelId());
            assertNotNull(item, "ancestor " + node.modelId() + " is in the tree");
            int row = tree.getRow(item);
            assertTrue(row > previousRow, "ancestor " + node.modelId() + " is shown before its child (row " + row + " after " + previousRow + ")");
            previousRow = row;
            int level = tree.getTreeItemLevel(item);
            assertTrue(level <= LineageOutline.MAX_NESTING + 1, node.modelId() + " nests " + level + " levels deep");
            LineageItem.Version version = (LineageItem.Version) item.getValue();
            if (i > 0) {
                TreeItem<LineageItem> parentItem = items.get(path.get(i - 1).modelId());
                String parentVersion = path.get(i - 1).version().version();
                // Either directly under its parent, or a flat continuation that names its parent.
                assertTrue(item.getParent() == parentItem || parentVersion.equals(version.chainedFrom()),
                        node.modelId() + " is linked to its parent " + parentVersion);
            }
        }
        assertEquals(path.get(path.size() - 2).version().version(), ((LineageItem.Version) items.get(deepest).getValue()).chainedFrom(),
                "beyond the nesting cap the parent is named on the row");
        FxWait.until("background work is done", () -> shell.tasks().runningProperty().get() == 0);
        robot.interact(() -> Screenshots.write(shell.stage().getScene(), "lineage-deep-chain"));
    }

    private static List<LineageTree.Node> deepest(LineageTree.Group group) {
        List<LineageTree.Node> best = List.of();
        Deque<List<LineageTree.Node>> todo = new ArrayDeque<>();
        group.roots().forEach(root -> todo.push(List.of(root)));
        while (!todo.isEmpty()) {
            List<LineageTree.Node> path = todo.pop();
            if (path.size() > best.size()) {
                best = path;
            }
            for (LineageTree.Node child : path.getLast().children()) {
                List<LineageTree.Node> longer = new ArrayList<>(path);
                longer.add(child);
                todo.push(longer);
            }
        }
        return best;
    }

    private static void collect(TreeItem<LineageItem> item, Map<String, TreeItem<LineageItem>> items) {
        if (item.getValue() instanceof LineageItem.Version v) {
            items.put(v.version().modelId(), item);
        }
        item.getChildren().forEach(child -> collect(child, items));
    }
}
