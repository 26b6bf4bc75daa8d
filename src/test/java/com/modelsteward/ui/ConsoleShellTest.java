package com.modelsteward.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppSettings;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.shell.ConsoleOptions;
import com.modelsteward.ui.shell.ConsoleShell;
import com.modelsteward.ui.models.ModelsView;
import com.modelsteward.ui.scorecards.ScorecardsView;
import com.modelsteward.ui.scorecards.ScorecardsViewModel;
import com.modelsteward.ui.shell.Pages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Set;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The console on a real demo registry, in a real (headless) JavaFX scene. */
@ExtendWith(ApplicationExtension.class)
@Tag("console")
class ConsoleShellTest {

    @TempDir
    static Path dir;

    private ConsoleShell shell;
    private Path db;

    @Start
    void start(Stage stage) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("gen-" + System.nanoTime()));
        TestRegistries.demo(folder).close();
        db = folder.resolve("demo.db");
        shell = new ConsoleShell(stage, TestRegistries.OPERATOR, Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC),
                new AppSettings(dir.resolve("settings.properties")));
        stage.show();
        shell.start(ConsoleOptions.opening(db));
    }

    @AfterEach
    void closeShell() throws Exception {
        org.testfx.util.WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    @Test
    void theModelsTableFiltersByTypeStateAndText(FxRobot robot) {
        FxWait.until("the registry is open", () -> shell.context() != null);
        assertTrue(shell.stage().getTitle().startsWith("Model Steward"));
        assertTrue(shell.stage().getTitle().contains(db.getFileName().toString()));

        FxWait.clickOn(robot, "#nav-models");
        TableView<ModelSummary> table = robot.lookup("#models-table").queryTableView();
        FxWait.until("versions are loaded", () -> table.getItems().size() >= 60);

        ComboBox<String> type = robot.lookup("#models-type").queryComboBox();
        robot.interact(() -> type.setValue("prompt_pack"));
        FxWait.until("only prompt packs remain", () -> table.getItems().stream().allMatch(v -> v.modelType().equals("prompt_pack")));
        assertEquals(8, table.getItems().size());

        ComboBox<String> state = robot.lookup("#models-state").queryComboBox();
        robot.interact(() -> state.setValue("ACTIVE"));
        FxWait.until("one ACTIVE prompt pack", () -> table.getItems().size() == 1);
        assertEquals("research_summary_prompts", table.getItems().getFirst().modelName());

        robot.interact(() -> {
            type.setValue("All");
            state.setValue("All");
        });
        FxWait.clickOn(robot, "#models-search").write("momentum");
        FxWait.until("only momentum versions remain", () -> table.getItems().size() == 14);
        assertTrue(table.getItems().stream().allMatch(v -> v.modelName().equals("momentum_xgb")));
        Label count = robot.lookup("#models-count").queryAs(Label.class);
        assertEquals("14 of 63 versions", count.getText());

        robot.interact(() -> table.getSelectionModel().select(0));
        FxWait.until("the detail pane shows the version", () -> robot.lookup("#detail-state").tryQuery().isPresent());
    }

    @Test
    void anotherProcessCommittingRefreshesTheOpenView(FxRobot robot) throws Exception {
        FxWait.until("the registry is open", () -> shell.context() != null);
        FxWait.clickOn(robot, "#nav-models");
        TableView<ModelSummary> table = robot.lookup("#models-table").queryTableView();
        FxWait.until("versions are loaded", () -> table.getItems().size() == 63);
        try (Connection pipeline = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = pipeline.createStatement()) {
            sql.executeUpdate("INSERT INTO model_registry (model_id, model_name, model_type, version) VALUES ('late-1', 'late_arrival', 'signal_model', '0.1.0')");
        }
        FxWait.until("the new version appears without any user action", () -> table.getItems().size() == 64);
    }

    @Test
    void pagesNotShownYetArePreparedWhileIdleAndReadNothingUntilShown(FxRobot robot) {
        FxWait.until("the registry is open", () -> shell.context() != null);
        FxWait.until("every page is prepared while the console is idle",
                () -> Pages.ALL.stream().allMatch(spec -> shell.page(spec.id()) != null));
        assertEquals("overview", shell.currentPage(), "preparing pages does not navigate");
        assertOnlyShown("overview");
        ModelsView models = (ModelsView) shell.page("models");
        assertEquals(0, models.model().totalProperty().get(), "a prepared page has read nothing from the registry");

        FxWait.clickOn(robot, "#nav-models");
        FxWait.until("the versions load once the page is shown", () -> models.model().visibleVersions().size() == 63);
        assertOnlyShown("models");
        FxWait.clickOn(robot, "#models-search").write("momentum");
        FxWait.until("the search applies", () -> models.model().visibleVersions().size() == 14);

        FxWait.clickOn(robot, "#nav-lineage");
        assertOnlyShown("lineage");
        FxWait.clickOn(robot, "#nav-models");
        assertOnlyShown("models");
        assertEquals(14, models.model().visibleVersions().size(), "the page comes back as it was left");
    }

    @Test
    void aHiddenPageFollowsTheSelectionOnlyOnceShownAgain(FxRobot robot) {
        FxWait.until("the registry is open", () -> shell.context() != null);
        robot.interact(() -> shell.context().selectedModelIdProperty().set("momentum_xgb-3.1.0"));
        FxWait.clickOn(robot, "#nav-scorecards");
        ScorecardsViewModel scorecards = ((ScorecardsView) shell.page("scorecards")).model();
        FxWait.until("the scorecards of the selected name load", () -> "momentum_xgb".equals(scorecards.modelNameProperty().get()));

        FxWait.clickOn(robot, "#nav-models");
        String other = "news_embedder-1.4.0";
        robot.interact(() -> shell.context().selectedModelIdProperty().set(other));
        FxWait.until("the Models page shows the new selection", () -> ((ModelsView) shell.page("models")).model().detailProperty().get() != null
                && other.equals(((ModelsView) shell.page("models")).model().detailProperty().get().modelId()));
        FxWait.until("background work is done", () -> shell.tasks().runningProperty().get() == 0);
        assertEquals("momentum_xgb", scorecards.modelNameProperty().get(), "the hidden Scorecards page did no work for it");

        FxWait.clickOn(robot, "#nav-scorecards");
        FxWait.until("shown again, it catches up", () -> "news_embedder".equals(scorecards.modelNameProperty().get()));
    }

    /** Exactly one page is visible and takes part in layout; the others stay in the scene, hidden. */
    private void assertOnlyShown(String pageId) {
        for (Pages.Spec spec : Pages.ALL) {
            javafx.scene.Node root = shell.page(spec.id()) == null ? null : shell.page(spec.id()).root();
            if (root != null) {
                boolean current = spec.id().equals(pageId);
                assertEquals(current, root.isVisible() && root.isManaged(), spec.id() + (current ? " is shown" : " is hidden"));
                assertNotNull(root.getScene(), spec.id() + " stays in the scene");
            }
        }
    }

    @Test
    void everyViewIsPhotographed(FxRobot robot) {
        FxWait.until("the registry is open", () -> shell.context() != null);
        robot.interact(() -> shell.context().selectedModelIdProperty().set("momentum_xgb-3.1.0"));
        for (Pages.Spec spec : Pages.ALL) {
            FxWait.clickOn(robot, "#nav-" + spec.id());
            FxWait.until(spec.id() + " is shown", () -> spec.id().equals(shell.currentPage()));
            FxWait.until("background work is done", () -> shell.tasks().runningProperty().get() == 0);
            // The governance flow test photographs Approvals and Audit with a realistic history; these are the plain pages.
            String name = Set.of("approvals", "audit").contains(spec.id()) ? spec.id() + "-page" : spec.id();
            robot.interact(() -> Screenshots.write(shell.stage().getScene(), name));
            assertTrue(Files.exists(Screenshots.FOLDER.resolve(name + ".png")));
        }
    }
}
