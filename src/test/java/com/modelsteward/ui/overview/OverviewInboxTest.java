package com.modelsteward.ui.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.app.AttentionInbox;
import com.modelsteward.config.AppSettings;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.PageShots;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.drift.DriftViewModel;
import com.modelsteward.ui.shell.ConsoleOptions;
import com.modelsteward.ui.shell.ConsoleShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Needs your attention" in the whole console, as the demo's operator (who holds every role and requested nothing):
 * the requests to decide, the live version that drifts SEVERE (not the retired one), the due shadow, each opened by
 * Enter or a click on its page with it selected.
 */
@ExtendWith(ApplicationExtension.class)
class OverviewInboxTest {

    @TempDir
    static Path dir;

    private ConsoleShell shell;

    /** The demo is generated once per test JVM: here, not in {@code @Start}, whose set-up has a time limit. */
    @BeforeAll
    static void generateTheDemoOnce() throws Exception {
        TestRegistries.demo(Files.createDirectories(dir.resolve("warm-up"))).close();
    }

    @Start
    void start(Stage stage) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("inbox-" + System.nanoTime()));
        try (Registry registry = TestRegistries.demo(folder)) {
            severe(registry, "momentum_xgb-3.1.0", "vol_20d", 0.62);
            severe(registry, "momentum_xgb-3.0.0", "vol_20d", 0.9);
        }
        shell = new ConsoleShell(stage, TestRegistries.OPERATOR, Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC),
                new AppSettings(folder.resolve("settings.properties")));
        stage.setWidth(1024);
        stage.setHeight(700);
        stage.setX(0);
        stage.setY(0);
        stage.show();
        shell.start(ConsoleOptions.opening(folder.resolve("demo.db")));
    }

    @AfterEach
    void closeShell() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            List.copyOf(Window.getWindows()).stream().filter(w -> w != shell.stage()).forEach(Window::hide);
            shell.close();
        }).get();
    }

    private static void severe(Registry registry, String modelId, String feature, double psi) {
        registry.writeHandle(h -> h.execute("INSERT INTO model_drift (model_id, feature, drift_kind, psi, severity, computed_at) "
                + "VALUES (?, ?, 'FEATURE', ?, 'SEVERE', '2026-10-31T00:00:00.000Z')", modelId, feature, psi));
    }

    @SuppressWarnings("unchecked")
    private ListView<AttentionInbox.Item> inbox(FxRobot robot) {
        FxWait.until("the overview is shown", () -> "overview".equals(shell.currentPage()));
        ListView<AttentionInbox.Item> list = robot.lookup("#attention").queryAs(ListView.class);
        // Read whole, the lineage checks that follow the first figures included (the placeholder stops saying "Reading").
        FxWait.until("the inbox is read", () -> !list.getItems().isEmpty()
                && !((javafx.scene.control.Label) list.getPlaceholder()).getText().startsWith("Reading"));
        return list;
    }

    private static int indexOf(ListView<AttentionInbox.Item> list, AttentionInbox.Kind kind, String subject) {
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i).kind() == kind && list.getItems().get(i).subject().equals(subject)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void listsWhatNeedsTheOperatorAndEnterOpensEachOnItsPage(FxRobot robot) {
        ListView<AttentionInbox.Item> list = inbox(robot);
        int request = indexOf(list, AttentionInbox.Kind.DECIDE, "REQ-000015");
        int drift = indexOf(list, AttentionInbox.Kind.SEVERE_DRIFT, "momentum_xgb-3.1.0");
        assertTrue(request >= 0 && drift >= 0, "the request to decide and the live drift are listed: " + list.getItems());
        assertEquals(-1, indexOf(list, AttentionInbox.Kind.SEVERE_DRIFT, "momentum_xgb-3.0.0"), "a RETIRED version's drift is not");
        assertTrue(robot.lookup(".attention-title").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(title -> title.getText().equals("REQ-000015: momentum_xgb 3.2.0 SHADOW → ACTIVE") && title.isVisible()));
        WaitForAsyncUtils.waitForFxEvents();
        PageShots.atThreeSizes(robot, shell.stage(), "overview");

        robot.interact(() -> {
            list.requestFocus();
            list.getSelectionModel().select(drift);
        });
        FxWait.until("the inbox has the focus", list::isFocused);
        robot.type(KeyCode.ENTER);
        FxWait.until("Enter on the drift item shows Drift", () -> "drift".equals(shell.currentPage()));
        ComboBox<DriftViewModel.Choice> picker = robot.lookup("#drift-model").queryComboBox();
        FxWait.until("Drift shows momentum_xgb 3.1.0", () -> picker.getValue() != null
                && picker.getValue().model().modelId().equals("momentum_xgb-3.1.0"));

        javafx.scene.control.TableView<?> features = robot.lookup("#drift-table").queryTableView();
        FxWait.until("the drift of 3.1.0 is on screen", () -> !features.getItems().isEmpty()
                && !robot.lookup("#drift-busy").query().isVisible());
        WaitForAsyncUtils.waitForFxEvents();
        PageShots.atThreeSizes(robot, shell.stage(), "drift");

        robot.interact(() -> shell.show("overview"));
        robot.interact(() -> {
            list.requestFocus();
            list.getSelectionModel().select(request);
        });
        FxWait.until("the inbox has the focus again", list::isFocused);
        robot.type(KeyCode.ENTER);
        FxWait.until("Enter on the request opens its approval dialog over the Approvals page", () -> "approvals".equals(shell.currentPage())
                && Window.getWindows().stream().anyMatch(w -> w.getScene() != null && w.getScene().getRoot().lookup("#approval-dialog") != null
                && ((Stage) w).getTitle().contains("REQ-000015")));
    }

    @Test
    void aClickOnADueShadowShowsItOnTheModelsPage(FxRobot robot) {
        ListView<AttentionInbox.Item> list = inbox(robot);
        int shadow = indexOf(list, AttentionInbox.Kind.SHADOW_ELAPSED, "crypto_basis_gbm-1.4.0");
        assertTrue(shadow >= 0, list.getItems().toString());
        robot.interact(() -> list.scrollTo(shadow));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node cell = robot.lookup(".list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                .filter(c -> c.getItem() instanceof AttentionInbox.Item item && item.subject().equals("crypto_basis_gbm-1.4.0"))
                .findFirst().orElseThrow();
        robot.clickOn(cell);
        FxWait.until("the click shows Models", () -> "models".equals(shell.currentPage()));
        assertEquals("crypto_basis_gbm-1.4.0", shell.context().selectedModelIdProperty().get());

        robot.interact(() -> shell.show("overview"));
        var analyst = com.modelsteward.governance.Principals.resolve(shell.context().registry(), "chen.wei", java.util.Optional.empty());
        String request = shell.context().services().governance().request(analyst, "crypto_basis_gbm-1.4.0", "ACTIVE", "Shadow period complete.")
                .requestId();
        robot.interact(() -> shell.context().changed());
        FxWait.until("the inbox follows the registry: the shadow has its request, which is now to decide", () ->
                indexOf(list, AttentionInbox.Kind.SHADOW_ELAPSED, "crypto_basis_gbm-1.4.0") < 0
                        && indexOf(list, AttentionInbox.Kind.DECIDE, request) >= 0);
    }
}
