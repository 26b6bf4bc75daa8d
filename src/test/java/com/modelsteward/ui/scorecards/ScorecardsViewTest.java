package com.modelsteward.ui.scorecards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppSettings;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.scorecards.MetricRules;
import com.modelsteward.scorecards.ScorecardComparison;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.shell.ConsoleOptions;
import com.modelsteward.ui.shell.ConsoleShell;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.SearchableComboBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Scorecards view in the whole console on a demo registry. */
@ExtendWith(ApplicationExtension.class)
class ScorecardsViewTest {

    @TempDir
    static Path dir;

    private static Path template;
    private ConsoleShell shell;
    private Path folder;

    /** The registry is built once, off the FX thread; each test gets its own copy (the @Start must stay quick). */
    @BeforeAll
    static void buildRegistry() throws Exception {
        Path templateFolder = Files.createDirectories(dir.resolve("template"));
        TestRegistries.demo(templateFolder).close();
        template = templateFolder.resolve("demo.db");
    }

    @Start
    void start(Stage stage) throws Exception {
        folder = Files.createDirectories(dir.resolve("gen-" + System.nanoTime()));
        Files.copy(template, folder.resolve("demo.db"));
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

    private TableView<ScorecardComparison.Row> open(FxRobot robot, String selected) {
        FxWait.until("the registry is open", () -> shell.context() != null);
        robot.interact(() -> shell.context().selectedModelIdProperty().set(selected));
        FxWait.clickOn(robot, "#nav-scorecards");
        // On a loaded machine the click can land before the page is built.
        FxWait.until("the Scorecards page is shown", () -> robot.lookup("#scorecards-table").tryQuery().isPresent());
        TableView<ScorecardComparison.Row> table = robot.lookup("#scorecards-table").queryTableView();
        FxWait.until("the comparison is shown", () -> !table.getItems().isEmpty());
        FxWait.until("background work is done", () -> shell.tasks().runningProperty().get() == 0);
        return table;
    }

    @Test
    void theSelectedCandidateIsComparedWithTheActiveVersionByDefault(FxRobot robot) {
        TableView<ScorecardComparison.Row> table = open(robot, "mean_reversion_lgbm-3.0.0");
        assertFalse(table.getItems().isEmpty());
        ScorecardComparison comparison = currentComparison(robot);
        assertEquals(List.of("mean_reversion_lgbm-2.3.0", "mean_reversion_lgbm-3.0.0"),
                comparison.versions().stream().map(ScorecardComparison.Version::modelId).toList());
        assertEquals(0, comparison.baselineIndex(), "the ACTIVE version is the baseline");
        // The demo's newest mean-reversion shadow trades Sharpe for drawdown: the drawdown gate fails.
        ScorecardComparison.Row drawdown = comparison.row("bench_core_v1", "max_drawdown").orElseThrow();
        assertEquals(MetricRules.Outcome.FAIL, drawdown.cells().get(1).verdict().outcome());
        assertTrue(drawdown.threshold().startsWith("Δ ≤ +0.02"), drawdown.threshold());
        Label summary = robot.lookup("#scorecards-summary").queryAs(Label.class);
        assertTrue(summary.getText().contains("✗ passes"), summary.getText());
        robot.interact(() -> Screenshots.write(shell.stage().getScene(), "scorecards"));
    }

    /**
     * Colour means a version in the bars; in the trend a pack is a line pattern and a marker in the text colour, so the
     * two charts never give one colour two meanings.
     */
    @Test
    void theChartsNeverGiveOneColourTwoMeanings(FxRobot robot) {
        open(robot, "mean_reversion_lgbm-3.0.0");
        BarChart<?, ?> bars = robot.lookup("#scorecards-bars").queryAs(BarChart.class);
        LineChart<?, ?> trend = robot.lookup("#scorecards-trend").queryAs(LineChart.class);
        FxWait.until("both charts are drawn", () -> bars.getData().size() == 2 && trend.getData().size() >= 2);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        java.util.Set<Object> barFills = new java.util.HashSet<>();
        for (var series : bars.getData()) {
            java.util.Set<Object> fills = new java.util.HashSet<>();
            for (var point : series.getData()) {
                fills.add(((javafx.scene.layout.Region) point.getNode()).getBackground().getFills().getFirst().getFill());
            }
            assertEquals(1, fills.size(), "one colour per version: " + fills);
            barFills.addAll(fills);
        }
        assertEquals(2, barFills.size(), "each version its own colour");
        java.util.Set<Object> lineStrokes = new java.util.HashSet<>();
        java.util.Set<List<Double>> patterns = new java.util.HashSet<>();
        for (var series : trend.getData()) {
            javafx.scene.shape.Path line = (javafx.scene.shape.Path) series.getNode();
            lineStrokes.add(line.getStroke());
            patterns.add(List.copyOf(line.getStrokeDashArray()));
        }
        assertEquals(1, lineStrokes.size(), "packs are not told by colour: " + lineStrokes);
        assertFalse(barFills.contains(lineStrokes.iterator().next()), "the trend's colour is no version's colour");
        assertEquals(trend.getData().size(), patterns.size(), "each pack its own line pattern: " + patterns);
    }

    @Test
    void aMissingScorecardIsShownAsMissingAndHasNoBar(FxRobot robot) {
        TableView<ScorecardComparison.Row> table = open(robot, "crypto_basis_gbm-2.0.0");
        ScorecardComparison comparison = currentComparison(robot);
        ScorecardComparison.Row bear = comparison.row("pack_04_bear", "sharpe").orElseThrow();
        int candidate = comparison.versions().size() - 1;
        assertEquals(null, bear.cells().get(candidate).value());
        robot.interact(() -> table.scrollTo(bear));
        assertTrue(robot.lookup(".score-missing").queryAll().stream().anyMatch(n -> n instanceof javafx.scene.control.Labeled l
                && "missing".equals(l.getText())), "the table says missing");
        BarChart<String, Number> bars = robot.lookup("#scorecards-bars").query();
        var candidateSeries = bars.getData().get(candidate);
        assertFalse(candidateSeries.getData().stream().anyMatch(d -> d.getXValue().equals("pack_04_bear")), "no bar, never a zero bar");
        LineChart<String, Number> trend = robot.lookup("#scorecards-trend").query();
        assertEquals(6, ((javafx.scene.chart.CategoryAxis) trend.getXAxis()).getCategories().size(), "every version of the name");
        var bearLine = trend.getData().stream().filter(series -> series.getName().equals("pack_04_bear")).findFirst().orElseThrow();
        assertEquals(5, bearLine.getData().size(), "the trend has a point for every version but the one without a scorecard");
        String candidateLabel = comparison.versions().get(candidate).label();
        assertFalse(bearLine.getData().stream().anyMatch(d -> d.getXValue().equals(candidateLabel)),
                "no point where the scorecard is missing");
    }

    @Test
    void choosingVersionsIsCappedAtEightAndExportsWork(FxRobot robot) throws Exception {
        open(robot, "momentum_xgb-3.2.0");
        ScorecardsView view = view(robot);
        robot.interact(() -> view.model().choose(view.model().versions().stream().map(v -> v.modelId()).limit(9).toList(),
                "momentum_xgb-3.1.0"));
        assertEquals(8, view.model().chosen().size(), "a ninth version is not compared");
        Path csv = folder.resolve("out.csv");
        Path png = folder.resolve("charts.png");
        AtomicReference<Path> written = new AtomicReference<>();
        robot.interact(() -> view.model().exportCsv(csv, written::set));
        FxWait.until("the CSV is written", () -> csv.equals(written.get()));
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFFpack,metric,direction,threshold,1.0.0 value,1.0.0 delta,1.0.0 gate"), text.lines().findFirst().orElse(""));
        assertEquals(1 + currentComparison(robot).rows().size(), text.lines().count());
        written.set(null);
        robot.interact(() -> view.exportChartsPng(png, written::set));
        FxWait.until("the PNG is written", () -> png.equals(written.get()));
        assertEquals("\u0089PNG", new String(Files.readAllBytes(png), 0, 4, StandardCharsets.ISO_8859_1));
    }

    @Test
    void importingACsvFillsTheMissingScorecard(FxRobot robot) throws Exception {
        open(robot, "crypto_basis_gbm-2.0.0");
        ScorecardsView view = view(robot);
        Path file = Files.writeString(folder.resolve("bear.csv"), "model_id,pack_id,metric,value,generated_at\n"
                + "crypto_basis_gbm-2.0.0,pack_04_bear,sharpe,0.52,2026-11-01T09:00:00Z\n");
        AtomicReference<Long> imported = new AtomicReference<>();
        robot.interact(() -> view.model().importCsv(file, imported::set));
        FxWait.until("the import is done", () -> Long.valueOf(1).equals(imported.get()));
        FxWait.until("the comparison shows the new value", () -> {
            ScorecardComparison comparison = currentComparison(robot);
            return comparison != null && Double.valueOf(0.52).equals(comparison.row("pack_04_bear", "sharpe").orElseThrow()
                    .cells().get(comparison.versions().size() - 1).value());
        });
    }

    @Test
    void cancellingALargeImportSaysNothingWasImportedAndLeavesTheTableAsItWas(FxRobot robot) throws Exception {
        TableView<ScorecardComparison.Row> table = open(robot, "crypto_basis_gbm-2.0.0");
        ScorecardsView view = view(robot);
        List<ScorecardComparison.Row> rowsBefore = List.copyOf(table.getItems());
        long scorecardsBefore = scorecardCount();
        // Large enough that reading takes seconds on any machine: the cancel comes while the bar is moving.
        Path file = folder.resolve("large.csv");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("model_id,pack_id,metric,value,generated_at\n");
            for (int i = 0; i < 600_000; i++) {
                out.write("crypto_basis_gbm-2.0.0,pack_04_bear,metric_" + i + ",0.5,2026-11-01T09:00:00Z\n");
            }
        }
        AtomicReference<Long> imported = new AtomicReference<>();
        robot.interact(() -> view.model().importCsv(file, imported::set));
        ProgressBar bar = robot.lookup("#scorecards-import-progress").queryAs(ProgressBar.class);
        FxWait.until("the bar follows the bytes read", () -> bar.isVisible() && bar.getProgress() > 0);
        Label status = robot.lookup("#scorecards-import-status").queryAs(Label.class);
        assertTrue(status.getText().startsWith("Reading large.csv:"), status.getText());
        robot.interact(() -> Screenshots.write(shell.stage().getScene(), "scorecards-import-progress"));
        FxWait.clickOn(robot, "#scorecards-import-cancel");
        FxWait.until("the import says it was cancelled", () -> status.getText().contains("cancelled"));
        assertEquals("Import of large.csv cancelled; nothing was imported.", status.getText());
        assertFalse(bar.isVisible());
        assertFalse(robot.lookup("#scorecards-import-cancel").query().isVisible());
        robot.interact(() -> Screenshots.write(shell.stage().getScene(), "scorecards-import-cancelled"));
        assertEquals(null, imported.get());
        assertEquals(scorecardsBefore, scorecardCount());
        assertEquals(rowsBefore, List.copyOf(table.getItems()));
    }

    private long scorecardCount() {
        return shell.context().registry().readHandle(h -> h.createQuery("SELECT count(*) FROM scorecards").mapTo(Long.class).one());
    }

    /**
     * The versions to compare are check boxes in a list that stays open for several picks, following the comparison
     * both ways; a ninth is undone. The name box (one of thousands, in a large registry) is a searchable one.
     */
    @Test
    void versionsArePickedAsCheckBoxesUpToEightAndTheNameFromASearchableBox(FxRobot robot) {
        open(robot, "momentum_xgb-3.1.0");
        ScorecardsViewModel model = ((ScorecardsView) shell.page(ScorecardsView.PAGE_ID)).model();
        @SuppressWarnings("unchecked")
        CheckComboBox<ModelSummary> versions = robot.lookup("#scorecards-versions").queryAs(CheckComboBox.class);
        FxWait.until("the picker lists the name's 14 versions", () -> versions.getItems().size() == 14);
        assertEquals(List.copyOf(model.chosen()), checked(robot, versions), "the boxes show the versions compared");

        robot.interact(versions::show);
        robot.interact(() -> versions.getCheckModel().check(versions.getItems().getFirst()));
        FxWait.until("the newest version joins the comparison", () -> model.chosen().contains("momentum_xgb-3.3.0"));
        robot.interact(() -> versions.getItems().forEach(versions.getCheckModel()::check));
        FxWait.until("a ninth pick is undone", () -> checked(robot, versions).size() == ScorecardsViewModel.MAX_VERSIONS);
        assertEquals(ScorecardsViewModel.MAX_VERSIONS, model.chosen().size());
        assertEquals(List.copyOf(model.chosen()), checked(robot, versions));

        @SuppressWarnings("unchecked")
        SearchableComboBox<String> name = robot.lookup("#scorecards-name").queryAs(SearchableComboBox.class);
        robot.interact(() -> name.setValue("news_embedder"));
        FxWait.until("the other name's versions are listed", () -> versions.getItems().size() == 6
                && versions.getItems().stream().allMatch(v -> v.modelName().equals("news_embedder")));
        FxWait.until("background work is done", () -> shell.tasks().runningProperty().get() == 0);
        assertEquals(List.copyOf(model.chosen()), checked(robot, versions), "the boxes follow the new comparison");
    }

    /** The checked versions' ids, in creation order as the comparison keeps them. */
    private static List<String> checked(FxRobot robot, CheckComboBox<ModelSummary> versions) {
        AtomicReference<List<String>> ids = new AtomicReference<>();
        robot.interact(() -> ids.set(versions.getCheckModel().getCheckedItems().stream().map(ModelSummary::modelId).sorted(
                Comparator.comparingInt(id -> versions.getItems().size() - indexOf(versions, id))).toList()));
        return ids.get();
    }

    private static int indexOf(CheckComboBox<ModelSummary> versions, String id) {
        for (int i = 0; i < versions.getItems().size(); i++) {
            if (versions.getItems().get(i).modelId().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static ScorecardComparison currentComparison(FxRobot robot) {
        return view(robot).model().comparisonProperty().get();
    }

    private static ScorecardsView view(FxRobot robot) {
        Object page = robot.lookup("#scorecards-table").query().getProperties().get(ScorecardsView.class);
        return (ScorecardsView) page;
    }
}
