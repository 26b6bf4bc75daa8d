package com.modelsteward.ui.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.drift.DriftMonitor;
import com.modelsteward.drift.Severity;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.Timestamps;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.FxDialogService;
import com.modelsteward.ui.common.FxTaskRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Drift view on a demo registry with returns and prompt-pack samples added, in a real (headless) scene. */
@ExtendWith(ApplicationExtension.class)
class DriftViewTest {

    private static final String SIGNAL = "momentum_xgb-3.1.0";
    private static final String PROMPTS = "research_summary_prompts-2.1.0";

    @TempDir
    static Path dir;

    private Registry registry;
    private FxTaskRunner tasks;
    private DriftView view;
    private AppContext context;
    private Stage stage;
    private final List<String> rollbackRequests = new ArrayList<>();

    /** The demo is generated once per test JVM: here, not in {@code @Start}, whose set-up has a time limit. */
    @org.junit.jupiter.api.BeforeAll
    static void generateTheDemoOnce() {
        Path warmUp = dir.resolve("warm-up");
        assertTrue(warmUp.toFile().mkdirs());
        TestRegistries.demo(warmUp).close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Path folder = dir.resolve("gen-" + System.nanoTime());
        assertTrue(folder.toFile().mkdirs());
        registry = TestRegistries.demo(folder);
        addReturnsAndLlmSamples(registry);
        tasks = new FxTaskRunner();
        List<String> css = List.of(Objects.requireNonNull(getClass().getResource("/styles/light.css")).toExternalForm());
        Clock clock = Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC);
        context = new AppContext(registry, tasks, new FxDialogService(stage, css), TestRegistries.OPERATOR,
                new ModelCatalog(registry).rolesOf(TestRegistries.OPERATOR), clock);
        context.selectedModelIdProperty().set(SIGNAL);
        view = new DriftView(context, (name, id, reason) -> rollbackRequests.add(name + "|" + id + "|" + reason));
        Scene scene = new Scene(new StackPane(view.root()), 1440, 900);
        scene.getStylesheets().setAll(css);
        stage.setScene(scene);
        stage.show();
        view.refresh();
    }

    @AfterEach
    void close() {
        tasks.close();
        registry.close();
    }

    @Test
    void showsDriftedFeaturesRaisesTheBreachAndOffersARollback(FxRobot robot) throws Exception {
        TableView<DriftMonitor.FeatureReport> table = robot.lookup("#drift-table").queryTableView();
        FxWait.until("drift of the ACTIVE momentum model is computed",
                () -> table.getItems().size() == 9 && !view.model().computingProperty().get());
        assertEquals(SIGNAL, view.model().selectedProperty().get().model().modelId(), "the shared selection is honoured");
        assertEquals("ACTIVE", view.model().choices().getFirst().model().state(), "ACTIVE versions are listed first");
        DriftMonitor.FeatureReport worst = table.getItems().getFirst();
        assertEquals("vol_20d", worst.drift().feature());
        assertEquals(Severity.SEVERE, worst.drift().severity());
        assertTrue(table.getItems().stream().anyMatch(f -> f.drift().severity() == Severity.NORMAL));

        assertTrue(robot.lookup("#drift-alert").query().isVisible(), "the breach is announced in the console");
        assertTrue(robot.lookup("#drift-rollback").query().isVisible(), "the default policy offers a rollback");
        long incidents = registry.readHandle(h -> h.createQuery("SELECT count(*) FROM incidents WHERE model_id = :m").bind("m", SIGNAL)
                .mapTo(Long.class).one());
        assertTrue(incidents >= 2, "vol_20d and spread_bps opened incidents");
        assertEquals(Severity.SEVERE, view.model().reportProperty().get().rows().stream()
                .filter(r -> r.feature().equals("rolling_sharpe")).findFirst().orElseThrow().severity(), "the returns decayed below the band");

        robot.interact(() -> Screenshots.write(stage.getScene(), "drift"));
        TabPane tabs = robot.lookup("#drift-tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        robot.interact(() -> Screenshots.write(stage.getScene(), "drift-ecdf"));
        robot.interact(() -> tabs.getSelectionModel().select(2));
        robot.interact(() -> Screenshots.write(stage.getScene(), "drift-history"));
        robot.interact(() -> tabs.getSelectionModel().select(3));
        robot.interact(() -> Screenshots.write(stage.getScene(), "drift-performance"));

        FxWait.clickOn(robot, "#drift-rollback");
        assertEquals(1, rollbackRequests.size(), "Roll back… hands over to the confirmation, it does not roll back itself");
        assertTrue(rollbackRequests.getFirst().startsWith("momentum_xgb|" + SIGNAL + "|Drift breach"), rollbackRequests.getFirst());
        assertEquals("ACTIVE", new ModelCatalog(registry).version(SIGNAL).orElseThrow().state());
    }

    /** A feed whose every current value is missing measured nothing: the table says so and never shows it as NORMAL. */
    @Test
    void aFeatureWithNoUsableCurrentValueShowsNoData(FxRobot robot) {
        FxWait.until("the first computation is done", () -> view.model().reportProperty().get() != null && !view.model().computingProperty().get());
        registry.writeHandle(handle -> {
            PreparedBatch batch = handle.prepareBatch(
                    "INSERT INTO drift_samples (model_id, feature, role, value, observed_at) VALUES (:m, 'dead_feed', :r, :v, :at)");
            for (int day = 0; day < 40; day++) {
                batch.bind("m", SIGNAL).bind("r", day < 30 ? "REFERENCE" : "CURRENT").bind("v", day < 30 ? (Double) (double) day : null)
                        .bind("at", Timestamps.format(TestRegistries.ANCHOR.minus(Duration.ofDays(40 - day)))).add();
            }
            batch.execute();
            return null;
        });
        robot.interact(() -> view.model().compute());
        TableView<DriftMonitor.FeatureReport> table = robot.lookup("#drift-table").queryTableView();
        FxWait.until("the dead feed is in the table", () -> !view.model().computingProperty().get()
                && table.getItems().stream().anyMatch(f -> f.drift().feature().equals("dead_feed")));
        DriftMonitor.FeatureReport dead = table.getItems().stream().filter(f -> f.drift().feature().equals("dead_feed")).findFirst().orElseThrow();
        assertEquals(Severity.NO_DATA, dead.drift().severity());
        assertEquals(10, dead.drift().nDropped());
        robot.interact(() -> table.scrollTo(dead));
        assertTrue(robot.lookup(".badge").queryAllAs(javafx.scene.control.Label.class).stream()
                .anyMatch(badge -> badge.getText().equals("◌ NO_DATA") && badge.isVisible()), "the severity badge reads NO_DATA");
    }

    @Test
    void promptPacksGetTheLlmPanel(FxRobot robot) {
        FxWait.until("the first computation is done", () -> !view.model().choices().isEmpty() && !view.model().computingProperty().get()
                && view.model().reportProperty().get() != null);
        robot.interact(() -> view.model().selectedProperty().set(view.model().choices().stream()
                .filter(c -> c.model().modelId().equals(PROMPTS)).findFirst().orElseThrow()));
        FxWait.until("the prompt pack's drift is computed", () -> view.model().reportProperty().get() != null
                && view.model().reportProperty().get().modelId().equals(PROMPTS) && !view.model().computingProperty().get());
        assertEquals(3, view.model().reportProperty().get().llmSeries().size());
        assertEquals(Severity.SEVERE, view.model().reportProperty().get().rows().stream()
                .filter(r -> r.feature().equals("llm_refusal")).findFirst().orElseThrow().severity());
        assertFalse(view.model().rollbackOfferedProperty().get() && rollbackRequests.size() > 0);
        TabPane tabs = robot.lookup("#drift-tabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(4));
        robot.interact(() -> Screenshots.write(stage.getScene(), "drift-llm"));
        assertTrue(robot.lookup("#drift-llm-llm_refusal").tryQuery().isPresent());
    }

    @Test
    void cancellingStopsTheProgressDisplay(FxRobot robot) {
        FxWait.until("the first computation is done", () -> view.model().reportProperty().get() != null && !view.model().computingProperty().get());
        robot.interact(() -> {
            view.model().compute();
            assertTrue(robot.lookup("#drift-busy").query().isVisible(), "progress and Cancel show while computing");
            view.model().cancel();
        });
        assertFalse(robot.lookup("#drift-busy").query().isVisible());
        assertEquals("Cancelled.", view.model().statusProperty().get());
    }

    private DriftViewModel.Choice choice(String modelId) {
        return view.model().choices().stream().filter(c -> c.model().modelId().equals(modelId)).findFirst().orElseThrow();
    }

    private void waitForReportOf(String modelId) {
        FxWait.until("the drift of " + modelId + " is computed", () -> view.model().reportProperty().get() != null
                && view.model().reportProperty().get().modelId().equals(modelId) && !view.model().computingProperty().get());
    }

    /** A version the pipeline sent nothing for reads "—" and says why; nothing of the version shown before stays. */
    @Test
    void aVersionWithoutSamplesShowsDashesAndASentenceNeverZero(FxRobot robot) {
        waitForReportOf(SIGNAL);
        assertTrue(robot.lookup("#drift-alert").query().isVisible(), "the breach of the version shown first is up");
        robot.interact(() -> view.model().selectedProperty().set(choice("momentum_xgb-3.2.0")));
        FxWait.until("the view has let go of 3.1.0", () -> view.model().reportProperty().get() == null);

        assertEquals("No drift samples for momentum_xgb 3.2.0 yet — the pipeline writes them to drift_samples. Until then there is "
                + "nothing to measure, and nothing here reads as healthy.", view.model().statusProperty().get());
        assertFalse(robot.lookup("#tile-worst-psi").query().isVisible(), "no gauge, so no needle at 0.00 PSI");
        assertFalse(robot.lookup("#tile-drifted").query().isVisible(), "no gauge, so no 0 %");
        javafx.scene.control.Label dash = robot.lookup("#drift-worst-psi-none-value").queryAs(javafx.scene.control.Label.class);
        assertTrue(dash.isVisible() && dash.getText().equals("—"));
        assertTrue(robot.lookup("#drift-drifted-none-value").query().isVisible());
        assertFalse(robot.lookup("#drift-alert").query().isVisible(), "the banner of 3.1.0's breach is gone");
        javafx.scene.chart.XYChart<?, ?> histogram = robot.lookup("#drift-histogram").queryAs(javafx.scene.chart.XYChart.class);
        javafx.scene.chart.XYChart<?, ?> history = robot.lookup("#drift-history").queryAs(javafx.scene.chart.XYChart.class);
        assertTrue(histogram.getData().isEmpty() && histogram.getTitle() == null, "no chart or title of vol_20d: " + histogram.getTitle());
        assertTrue(history.getData().isEmpty() && history.getTitle() == null);
        assertTrue(robot.lookup("#drift-table").queryTableView().getItems().isEmpty());
        com.modelsteward.testsupport.PageShots.atThreeSizes(robot, stage, "drift-no-samples");
    }

    /** The panels a model has no data for say in a user's words what would fill them, and name the version. */
    @Test
    void panelsWithoutDataExplainWhatWouldFillThem(FxRobot robot) {
        waitForReportOf(SIGNAL);
        robot.interact(() -> view.model().selectedProperty().set(choice("momentum_xgb-3.2.0")));
        FxWait.until("3.2.0 is chosen", () -> view.model().reportProperty().get() == null);
        for (String id : List.of("#drift-performance-none", "#drift-llm-none")) {
            javafx.scene.control.Label none = robot.lookup(id).queryAs(javafx.scene.control.Label.class);
            assertTrue(none.isVisible(), id);
            assertTrue(none.getText().contains("momentum_xgb 3.2.0") && none.getText().contains("monitoring pipeline"), none.getText());
            for (String developerWord : List.of("drift_samples", "docs/", "daily_return", "llm_", "REFERENCE", "CURRENT")) {
                assertFalse(none.getText().contains(developerWord), id + " speaks of " + developerWord + ": " + none.getText());
            }
        }
    }

    /** The headline gauge and PSI over time measure differently; the chart says how and draws the gauge's figure on its axis. */
    @Test
    void psiOverTimeCarriesTheGaugesMeasureAndSaysWhyTheyDiffer(FxRobot robot) {
        waitForReportOf(SIGNAL);
        DriftMonitor.FeatureReport worst = view.model().selectedFeatureProperty().get();
        assertEquals("vol_20d", worst.drift().feature());
        javafx.scene.chart.XYChart<?, ?> history = robot.lookup("#drift-history").queryAs(javafx.scene.chart.XYChart.class);
        String windowLine = String.format(java.util.Locale.ROOT, "whole window %.2f (the gauge's measure)", worst.drift().psi());
        assertTrue(history.getData().stream().anyMatch(series -> series.getName().equals(windowLine)), "the gauge's PSI is a line on the chart");
        assertEquals(worst.drift().psi(), view.model().worstPsi().orElseThrow(), 1e-12, "the gauge shows the same feature's window PSI");
        String scale = robot.lookup("#drift-history-scale").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(scale.contains("whole current window") && scale.contains("one day"), scale);
    }

    /**
     * After a rollback the retired version stays chosen and says RETIRED in the picker; its breach banner and rollback
     * offer go, and it can still be reviewed (computed, not stored: no new incident for a version that no longer trades).
     */
    @Test
    void aRetiredVersionStaysSelectableForReviewWithoutItsBanner(FxRobot robot) {
        waitForReportOf(SIGNAL);
        assertTrue(view.model().rollbackOfferedProperty().get());
        var who = com.modelsteward.governance.Principals.resolve(registry, TestRegistries.OPERATOR, java.util.Optional.empty());
        context.services().governance().rollback(who, "momentum_xgb", "Drift breach on vol_20d");
        robot.interact(view::refresh);
        FxWait.until("the picker knows 3.1.0 is retired", () -> view.model().selectedProperty().get() != null
                && view.model().selectedProperty().get().model().state().equals("RETIRED"));
        javafx.scene.control.ComboBox<?> picker = robot.lookup("#drift-model").queryComboBox();
        assertEquals("momentum_xgb 3.1.0  [RETIRED, for review]", picker.getValue().toString(), "the selector is not left blank");
        assertFalse(robot.lookup("#drift-alert").query().isVisible(), "no breach banner for a version that no longer trades");
        assertFalse(view.model().rollbackOfferedProperty().get());

        long incidents = registry.readHandle(h -> h.createQuery("SELECT count(*) FROM incidents").mapTo(Long.class).one());
        robot.interact(() -> view.model().compute());
        waitForReportOf(SIGNAL);
        assertTrue(view.model().statusProperty().get().endsWith("not stored (a retired version, shown for review)"),
                view.model().statusProperty().get());
        assertEquals(9, view.model().features().size(), "the review shows the figures");
        long after = registry.readHandle(h -> h.createQuery("SELECT count(*) FROM incidents").mapTo(Long.class).one());
        assertEquals(incidents, after, "reviewing a retired version opens no incident");
        assertFalse(robot.lookup("#drift-alert").query().isVisible());
        assertTrue(view.model().choices().stream().anyMatch(c -> c.model().modelId().equals("momentum_xgb-3.0.0")
                && !c.retired() && c.toString().contains("[ACTIVE]")), "the version rolled back to is live again");
    }

    /** Daily returns that decay in the current window, and prompt-pack outcomes with a rising refusal rate. */
    private static void addReturnsAndLlmSamples(Registry registry) {
        Random random = new Random(7);
        registry.writeHandle(handle -> {
            PreparedBatch batch = handle.prepareBatch(
                    "INSERT INTO drift_samples (model_id, feature, role, value, observed_at) VALUES (:m, :f, :r, :v, :at)");
            for (int day = 0; day < 150; day++) {
                boolean reference = day < 120;
                double mean = reference ? 0.001 : 0.001 - 0.007 * (day - 120) / 30.0;
                batch.bind("m", SIGNAL).bind("f", "daily_return").bind("r", reference ? "REFERENCE" : "CURRENT")
                        .bind("v", mean + random.nextGaussian() * 0.005)
                        .bind("at", Timestamps.format(TestRegistries.ANCHOR.minus(Duration.ofDays(150 - day)))).add();
            }
            for (int day = 0; day < 60; day++) {
                boolean reference = day < 30;
                for (int i = 0; i < 80; i++) {
                    String at = Timestamps.format(TestRegistries.ANCHOR.minus(Duration.ofDays(60 - day)).plusSeconds(i * 600L));
                    String role = reference ? "REFERENCE" : "CURRENT";
                    double refusal = reference ? 0.03 : 0.03 + 0.08 * (day - 30) / 30.0;
                    batch.bind("m", PROMPTS).bind("f", "llm_refusal").bind("r", role).bind("v", random.nextDouble() < refusal ? 1.0 : 0.0)
                            .bind("at", at).add();
                    batch.bind("m", PROMPTS).bind("f", "llm_schema_fail").bind("r", role).bind("v", random.nextDouble() < 0.01 ? 1.0 : 0.0)
                            .bind("at", at).add();
                    batch.bind("m", PROMPTS).bind("f", "llm_latency_ms").bind("r", role)
                            .bind("v", Math.exp(6.5 + random.nextGaussian() * 0.35) * (reference ? 1 : 1.15)).bind("at", at).add();
                }
            }
            batch.execute();
            return null;
        });
    }
}
