package com.modelsteward.ui.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppSettings;
import com.modelsteward.demo.ScaleGenerator;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.shell.ConsoleOptions;
import com.modelsteward.ui.shell.ConsoleShell;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
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
 * The Lineage view on a registry above {@link LineageOutline#EXPANDED_VERSIONS} versions, in lines of 1 000 retrained
 * versions: the version the user came for, deep in its line, is selected and names its parent, while the other names
 * stay collapsed (their items are made only when opened).
 */
@ExtendWith(ApplicationExtension.class)
class LargeLineageViewTest {

    private static final int VERSIONS = 6_000;

    @TempDir
    static Path dir;

    private static Path db;
    private static String deepest;
    private static String parentOfDeepest;
    private ConsoleShell shell;

    @BeforeAll
    static void buildRegistry() {
        db = dir.resolve("scale.db");
        try (Registry registry = new ScaleGenerator(7L, TestRegistries.ANCHOR, TestRegistries.OPERATOR).create(db, VERSIONS, done -> { })) {
            Map<String, String> parents = new HashMap<>();
            registry.readHandle(h -> h.createQuery("SELECT model_id, parent_id FROM model_registry WHERE parent_id IS NOT NULL")
                    .map((rs, ctx) -> parents.put(rs.getString(1), rs.getString(2))).list());
            int longest = -1;
            for (String id : parents.keySet()) {
                int depth = 0;
                for (String at = id; parents.containsKey(at); at = parents.get(at)) {
                    depth++;
                }
                if (depth > longest) {
                    longest = depth;
                    deepest = id;
                }
            }
            parentOfDeepest = parents.get(deepest);
            assertTrue(longest >= 100, "the generator makes long retrain lines: " + longest);
        }
    }

    @Start
    void start(Stage stage) {
        shell = new ConsoleShell(stage, TestRegistries.OPERATOR, Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC),
                new AppSettings(dir.resolve("settings.properties")));
        stage.setWidth(1000);
        stage.setHeight(800);
        stage.show();
        shell.start(ConsoleOptions.opening(db));
    }

    @AfterEach
    void closeShell() throws Exception {
        org.testfx.util.WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    @Test
    void aVersionDeepInALongLineIsSelectedNamingItsParentAndOtherNamesStayClosed(FxRobot robot) {
        FxWait.until("the registry is open", () -> shell.context() != null);
        robot.interact(() -> shell.context().selectedModelIdProperty().set(deepest));
        FxWait.clickOn(robot, "#nav-lineage");
        TreeView<LineageItem> tree = robot.lookup("#lineage-tree").query();

        FxWait.until("the deep version is selected", () -> tree.getSelectionModel().getSelectedItem() != null
                && tree.getSelectionModel().getSelectedItem().getValue() instanceof LineageItem.Version version
                && version.version().modelId().equals(deepest));
        TreeItem<LineageItem> selected = tree.getSelectionModel().getSelectedItem();
        LineageItem.Version shown = (LineageItem.Version) selected.getValue();
        String name = shown.version().modelName();
        // Deep in a line the versions follow each other below the nesting limit, each naming its parent.
        assertEquals(parentOfDeepest.substring(name.length() + 1), shown.chainedFrom(), "names the version it was retrained from");
        for (TreeItem<LineageItem> other : tree.getRoot().getChildren()) {
            LineageItem.Name group = (LineageItem.Name) other.getValue();
            assertEquals(group.group().modelName().equals(name), other.isExpanded(), group.group().modelName());
        }
        assertTrue(tree.getRoot().getChildren().size() >= VERSIONS / ScaleGenerator.VERSIONS_PER_NAME, "every name is listed");
        assertFalse(tree.getRow(selected) < 0, "the selected version has a row in the tree");
        robot.interact(() -> Screenshots.write(tree.getScene(), "lineage-large-deep-selection"));
    }
}
