package com.modelsteward.ui.scorecards;

import static com.modelsteward.ui.common.Layout.fixed;

import com.modelsteward.registry.ModelSummary;
import com.modelsteward.scorecards.MetricRules;
import com.modelsteward.scorecards.ScorecardComparison;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.DialogService;
import com.modelsteward.ui.common.LazyPage;
import com.modelsteward.ui.lineage.ModelCardAction;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import javax.imageio.ImageIO;
import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.SearchableComboBox;

/**
 * Versions of one name side by side: pack × metric with values, delta to the baseline, threshold and gate result, a
 * grouped bar chart per metric and the metric's trend over every version of the name.
 */
public final class ScorecardsView extends LazyPage {

    public static final String PAGE_ID = "scorecards";
    private static final DialogService.FileType CSV = new DialogService.FileType("CSV", "*.csv");

    private final AppContext context;
    private final ScorecardsViewModel model;
    private final ModelCardAction modelCard;
    private TableView<ScorecardComparison.Row> table;
    private BarChart<String, Number> bars;
    private LineChart<String, Number> trend;
    private Label summary;
    private Label missingNote;
    /** The most versions the trend chart draws one by one. */
    static final int TREND_POINTS = 60;
    private HBox charts;
    private static final double NAME_WIDTH = 220;
    /** The charts keep room for their axes and a readable plot when the window is 700 px tall. */
    private static final double CHARTS_MIN_HEIGHT = 240;
    private static final double PACK_LABEL_ROTATION = -30;

    public ScorecardsView(AppContext context) {
        this.context = context;
        this.model = new ScorecardsViewModel(context);
        this.modelCard = new ModelCardAction(context);
    }

    public ScorecardsViewModel model() {
        return model;
    }

    @Override
    public void refresh() {
        model.refresh();
    }

    @Override
    protected SplitPane build() {
        Label title = new Label("Scorecards");
        title.getStyleClass().add("page-title");

        // A registry may hold thousands of names: typing narrows the list.
        SearchableComboBox<String> name = new SearchableComboBox<>(model.names());
        name.setId("scorecards-name");
        name.setPrefWidth(NAME_WIDTH);
        // The box shows the name shown; a name the user picks is loaded, and becomes the name shown once it is. (Bound
        // both ways, the pick became the shown name first and loaded nothing; SearchableComboBox sets its value
        // before its action fires.)
        boolean[] following = {false};
        model.modelNameProperty().addListener((obs, old, now) -> {
            following[0] = true;
            try {
                name.setValue(now);
            } finally {
                following[0] = false;
            }
        });
        name.setValue(model.modelNameProperty().get());
        name.valueProperty().addListener((obs, old, now) -> {
            if (!following[0]) {
                model.showName(now);
            }
        });
        CheckComboBox<ModelSummary> versions = versionPicker();
        ComboBox<String> baseline = new ComboBox<>(model.chosen());
        baseline.setId("scorecards-baseline");
        baseline.setPromptText("none");
        baseline.valueProperty().bindBidirectional(model.baselineProperty());
        baseline.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                return id == null ? "none" : model.versions().stream().filter(v -> v.modelId().equals(id)).findFirst()
                        .map(model::label).orElse(id);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        Button csv = new Button("Export CSV…");
        csv.setId("scorecards-export-csv");
        csv.setOnAction(event -> exportCsv());
        Button png = new Button("Export charts PNG…");
        png.setId("scorecards-export-png");
        png.setOnAction(event -> exportPng());
        Button card = new Button("Model card…");
        card.setId("scorecards-model-card");
        card.setOnAction(event -> modelCard.chooseFileAndWrite(lastChosen()));
        Button importCsv = new Button("Import CSV…");
        importCsv.setId("scorecards-import");
        // Same rule as the command line: importing scorecards is an ANALYST's action.
        importCsv.setDisable(context.mayOnlyLook() || !context.roles().contains("ANALYST"));
        if (importCsv.isDisabled()) {
            importCsv.setTooltip(new Tooltip("Importing scorecards needs the ANALYST role on a writable registry"));
        }
        importCsv.setOnAction(event -> importCsv());
        baseline.setMinWidth(Region.USE_PREF_SIZE);
        HBox choice = new HBox(8, fixed(new Label("Model")), name, fixed(versions), fixed(new Label("Baseline")), baseline);
        choice.setAlignment(Pos.CENTER_LEFT);
        HBox exports = new HBox(8, fixed(importCsv), fixed(csv), fixed(png), fixed(card));
        exports.setAlignment(Pos.CENTER_LEFT);
        // Two groups that wrap under each other when the window is narrow, instead of shrinking every control to "…".
        FlowPane toolbar = new FlowPane(16, 8, choice, exports);
        toolbar.getStyleClass().add("toolbar");
        toolbar.setAlignment(Pos.CENTER_LEFT);

        summary = new Label();
        summary.setId("scorecards-summary");
        summary.setWrapText(true);

        table = new TableView<>();
        table.setId("scorecards-table");
        // Lets tests reach the page behind the table without a registry of pages.
        table.getProperties().put(ScorecardsView.class, this);
        table.setPlaceholder(new Label("Choose versions to compare."));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox top = new VBox(10, title, toolbar, importStrip(), summary, table);
        top.setPadding(new Insets(16, 16, 8, 16));

        ComboBox<String> metric = new ComboBox<>(model.metrics());
        metric.setId("scorecards-metric");
        metric.valueProperty().bindBidirectional(model.metricProperty());
        missingNote = new Label();
        missingNote.getStyleClass().add("chart-note");
        HBox chartBar = new HBox(8, new Label("Chart metric"), metric, missingNote);
        chartBar.setAlignment(Pos.CENTER_LEFT);
        bars = new BarChart<>(new CategoryAxis(), new NumberAxis());
        bars.setId("scorecards-bars");
        bars.getStyleClass().add("scorecards-bars");
        bars.setAnimated(false);
        bars.getXAxis().setLabel("pack");
        // Slanted, not the automatic upright turn the axis makes when names overlap: that reserved the longest name's
        // length in height and left the bars a strip at 700 px.
        bars.getXAxis().setTickLabelRotation(PACK_LABEL_ROTATION);
        trend = new LineChart<>(new CategoryAxis(), new NumberAxis());
        trend.setId("scorecards-trend");
        trend.getStyleClass().add("scorecards-trend");
        trend.setAnimated(false);
        trend.getXAxis().setLabel("version (creation order)");
        ((NumberAxis) trend.getYAxis()).setForceZeroInRange(false);
        HBox.setHgrow(bars, Priority.ALWAYS);
        HBox.setHgrow(trend, Priority.ALWAYS);
        bars.setPrefWidth(500);
        trend.setPrefWidth(500);
        charts = new HBox(12, bars, trend);
        charts.setId("scorecards-charts");
        charts.setMinHeight(CHARTS_MIN_HEIGHT);
        VBox.setVgrow(charts, Priority.ALWAYS);
        VBox bottom = new VBox(8, chartBar, charts);
        bottom.setPadding(new Insets(8, 16, 16, 16));

        model.comparisonProperty().addListener((obs, old, now) -> show(now));
        model.metricProperty().addListener((obs, old, now) -> showCharts(model.comparisonProperty().get()));

        SplitPane split = new SplitPane(top, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        split.getStylesheets().add(Objects.requireNonNull(getClass().getResource("/styles/lineage.css")).toExternalForm());
        return split;
    }

    /**
     * The running import: a bar that follows the bytes read, what it is doing in words, and Cancel. After the import, the
     * outcome stays in words (imported, cancelled with nothing imported, or refused) until the next one.
     */
    private HBox importStrip() {
        ProgressBar bar = new ProgressBar();
        bar.setId("scorecards-import-progress");
        bar.setPrefWidth(240);
        bar.progressProperty().bind(model.importProgressProperty());
        bar.visibleProperty().bind(model.importingProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Label status = new Label();
        status.setId("scorecards-import-status");
        status.textProperty().bind(model.importStatusProperty());
        Button cancel = new Button("Cancel import");
        cancel.setId("scorecards-import-cancel");
        cancel.visibleProperty().bind(model.importingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(event -> model.cancelImport());
        HBox strip = new HBox(8, bar, status, cancel);
        strip.setId("scorecards-import-strip");
        strip.setAlignment(Pos.CENTER_LEFT);
        strip.visibleProperty().bind(model.importStatusProperty().isNotEmpty());
        strip.managedProperty().bind(strip.visibleProperty());
        return strip;
    }

    /**
     * The versions to compare, newest first, as check boxes in a list that stays open while the user picks several
     * (a menu closed after every pick). The boxes follow {@link ScorecardsViewModel#chosen()}; a pick beyond
     * {@value ScorecardsViewModel#MAX_VERSIONS} is undone.
     */
    private CheckComboBox<ModelSummary> versionPicker() {
        ObservableList<ModelSummary> newestFirst = FXCollections.observableArrayList();
        CheckComboBox<ModelSummary> picker = new CheckComboBox<>(newestFirst);
        picker.setId("scorecards-versions");
        picker.setTitle("Versions");
        picker.setShowCheckedCount(true);
        picker.setTooltip(new Tooltip("Compare up to " + ScorecardsViewModel.MAX_VERSIONS + " versions"));
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(ModelSummary version) {
                return version == null ? "" : model.label(version) + "   " + version.state() + "   " + version.createdAt().substring(0, 10);
            }

            @Override
            public ModelSummary fromString(String text) {
                return null;
            }
        });
        boolean[] following = {false};
        Runnable showChosen = () -> {
            following[0] = true;
            try {
                picker.getCheckModel().clearChecks();
                newestFirst.stream().filter(v -> model.chosen().contains(v.modelId())).forEach(picker.getCheckModel()::check);
            } finally {
                following[0] = false;
            }
        };
        model.versions().addListener((ListChangeListener<ModelSummary>) change -> {
            // Checks cleared before the items change: ControlsFX's check model keeps checks by index and failed with
            // an IndexOutOfBoundsException clearing checks of items no longer there.
            following[0] = true;
            try {
                picker.getCheckModel().clearChecks();
                newestFirst.setAll(model.versions().reversed());
            } finally {
                following[0] = false;
            }
            showChosen.run();
        });
        model.chosen().addListener((ListChangeListener<String>) change -> showChosen.run());
        picker.getCheckModel().getCheckedItems().addListener((ListChangeListener<ModelSummary>) change -> {
            if (following[0]) {
                return;
            }
            List<String> checked = picker.getCheckModel().getCheckedItems().stream().map(ModelSummary::modelId).toList();
            if (checked.size() > ScorecardsViewModel.MAX_VERSIONS) {
                Platform.runLater(showChosen); // not while the check model is still reporting this change
                return;
            }
            model.choose(checked, model.baselineProperty().get());
        });
        return picker;
    }

    private String lastChosen() {
        return model.chosen().isEmpty() ? context.selectedModelIdProperty().get() : model.chosen().getLast();
    }

    private void show(ScorecardComparison comparison) {
        table.getColumns().clear();
        if (comparison == null) {
            table.getItems().clear();
            return;
        }
        table.getColumns().add(text("Pack", ScorecardComparison.Row::packId, 120));
        table.getColumns().add(text("Metric", ScorecardComparison.Row::metric, 130));
        table.getColumns().add(text("Better", r -> r.direction().arrow() + " " + r.direction().words(), 130));
        table.getColumns().add(text("Threshold", ScorecardComparison.Row::threshold, 180));
        for (int i = 0; i < comparison.versions().size(); i++) {
            int index = i;
            boolean isBaseline = i == comparison.baselineIndex();
            TableColumn<ScorecardComparison.Row, String> group = new TableColumn<>(comparison.versions().get(i).label()
                    + (isBaseline ? " (baseline)" : ""));
            TableColumn<ScorecardComparison.Row, ScorecardComparison.Cell> value = cell("Value", index, isBaseline ? 140 : 84, c -> c.value() == null ? "missing" : format(c.value()),
                    (row, c) -> c.value() == null ? "score-missing" : null);
            group.getColumns().add(value);
            if (!isBaseline) {
                group.getColumns().add(cell("Δ", index, 84, c -> c.delta() == null ? "" : (c.delta() >= 0 ? "+" : "") + format(c.delta()),
                        (row, c) -> deltaStyle(row, c)));
                group.getColumns().add(cell("Gate", index, 80, c -> c.verdict().outcome().label(),
                        (row, c) -> switch (c.verdict().outcome()) {
                            case PASS -> "score-pass";
                            case FAIL -> "score-fail";
                            case MISSING -> "score-missing";
                            default -> "score-baseline";
                        }));
            }
            table.getColumns().add(group);
        }
        table.getItems().setAll(comparison.rows());
        StringBuilder text = new StringBuilder();
        int baselineIndex = comparison.baselineIndex();
        text.append(comparison.versions().size()).append(" version(s) of ").append(model.modelNameProperty().get());
        text.append(baselineIndex >= 0 ? " against the baseline " + comparison.versions().get(baselineIndex).label() : " without a baseline (absolute gates only)");
        for (int i = 0; i < comparison.versions().size(); i++) {
            if (i == baselineIndex) {
                continue;
            }
            int index = i;
            long gated = comparison.rows().stream().filter(r -> r.gate().isPresent()).count();
            long passed = comparison.rows().stream().filter(r -> r.gate().isPresent()
                    && r.cells().get(index).verdict().outcome() == MetricRules.Outcome.PASS).count();
            text.append("   ·   ").append(comparison.versions().get(i).label()).append(": ")
                    .append(gated == 0 ? "no gates apply" : (passed == gated ? "✓ passes all " : "✗ passes " + passed + " of ") + gated + " gates");
        }
        summary.setText(text.toString());
        showCharts(comparison);
    }

    private static String deltaStyle(ScorecardComparison.Row row, ScorecardComparison.Cell cell) {
        if (cell.delta() == null || cell.delta() == 0) {
            return null;
        }
        return switch (row.direction()) {
            case HIGHER_IS_BETTER -> cell.delta() > 0 ? "score-better" : "score-worse";
            case LOWER_IS_BETTER -> cell.delta() < 0 ? "score-better" : "score-worse";
            default -> null;
        };
    }

    private void showCharts(ScorecardComparison comparison) {
        String metric = model.metricProperty().get();
        bars.getData().clear();
        trend.getData().clear();
        if (comparison == null || metric == null) {
            return;
        }
        bars.setTitle(metric + " by pack");
        List<String> missing = new ArrayList<>();
        List<String> packs = comparison.rows().stream().filter(r -> r.metric().equals(metric)).map(ScorecardComparison.Row::packId).toList();
        ((CategoryAxis) bars.getXAxis()).setCategories(javafx.collections.FXCollections.observableArrayList(packs));
        for (int i = 0; i < comparison.versions().size(); i++) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(comparison.versions().get(i).label() + (i == comparison.baselineIndex() ? " (baseline)" : ""));
            for (String pack : packs) {
                Double value = comparison.row(pack, metric).orElseThrow().cells().get(i).value();
                if (value == null) {
                    missing.add(comparison.versions().get(i).label() + " on " + pack);
                } else {
                    series.getData().add(new XYChart.Data<>(pack, value));
                }
            }
            bars.getData().add(series);
        }
        missingNote.setText(missing.isEmpty() ? "" : "No bar where a scorecard is missing: " + String.join(", ", missing));

        // A name may have 1 000 versions: a point node and an axis label for each (times the packs) took seconds of
        // FX time. Above TREND_POINTS versions the trend shows every step-th version (always the newest) without symbols.
        List<String> labels = model.versions().stream().map(model::label).toList();
        int step = Math.max(1, (labels.size() + TREND_POINTS - 1) / TREND_POINTS);
        List<Integer> shown = java.util.stream.IntStream.range(0, labels.size())
                .filter(i -> i % step == (labels.size() - 1) % step).boxed().toList();
        // Short enough for half of a 1024 px window; the name is in the toolbar above.
        trend.setTitle(metric + " by version" + (step == 1 ? "" : " (every " + step + "th of " + labels.size() + ")"));
        trend.setCreateSymbols(step == 1);
        ((CategoryAxis) trend.getXAxis()).setCategories(javafx.collections.FXCollections.observableArrayList(
                shown.stream().map(labels::get).toList()));
        List<XYChart.Series<String, Number>> trendSeries = new ArrayList<>();
        for (Map.Entry<String, List<Double>> pack : model.trend(metric).entrySet()) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(pack.getKey());
            for (int i : shown) {
                Double value = pack.getValue().get(i);
                if (value != null) {
                    series.getData().add(new XYChart.Data<>(labels.get(i), value));
                }
            }
            trendSeries.add(series);
        }
        trend.getData().setAll(trendSeries);
    }

    private void exportCsv() {
        if (model.comparisonProperty().get() == null) {
            return;
        }
        context.dialogs().chooseFileToSave("Export the comparison", model.modelNameProperty().get() + "-scorecards.csv", List.of(CSV))
                .ifPresent(file -> model.exportCsv(file, written -> context.dialogs().showInfo("Exported", "The comparison was written to " + written + ".")));
    }

    private void importCsv() {
        context.dialogs().chooseFileToOpen("Import scorecards (model_id,pack_id,metric,value,generated_at)", List.of(CSV))
                .ifPresent(file -> model.importCsv(file, rows -> context.dialogs().showInfo("Imported", rows + " scorecard value(s) were imported from "
                        + file.getFileName() + ".")));
    }

    private void exportPng() {
        context.dialogs().chooseFileToSave("Export the charts", model.modelNameProperty().get() + "-" + model.metricProperty().get() + ".png",
                        List.of(new DialogService.FileType("PNG image", "*.png")))
                .ifPresent(file -> exportChartsPng(file, written -> context.dialogs().showInfo("Exported", "The charts were written to " + written + ".")));
    }

    /** Snapshots both charts on the FX thread and writes the PNG in the background. */
    public void exportChartsPng(Path file, java.util.function.Consumer<Path> onWritten) {
        WritableImage image = charts.snapshot(null, null);
        var buffered = SwingFXUtils.fromFXImage(image, null);
        context.tasks().run("Exporting the charts", () -> {
            if (!ImageIO.write(buffered, "png", file.toFile())) {
                throw new IOException("no PNG writer available");
            }
            return file;
        }, onWritten, failure -> context.showFailure("Cannot export the charts to " + file, failure));
    }

    private static String format(double value) {
        return BigDecimal.valueOf(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static TableColumn<ScorecardComparison.Row, String> text(String title, Function<ScorecardComparison.Row, String> value, double width) {
        TableColumn<ScorecardComparison.Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static TableColumn<ScorecardComparison.Row, ScorecardComparison.Cell> cell(String title, int index, double width,
            Function<ScorecardComparison.Cell, String> text,
            java.util.function.BiFunction<ScorecardComparison.Row, ScorecardComparison.Cell, String> style) {
        TableColumn<ScorecardComparison.Row, ScorecardComparison.Cell> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().cells().get(index)));
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellFactory(ignored -> new TableCell<>() {
            @Override
            protected void updateItem(ScorecardComparison.Cell item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("score-missing", "score-pass", "score-fail", "score-baseline", "score-better", "score-worse");
                if (empty || item == null || getTableRow() == null || getTableRow().getItem() == null) {
                    setText(null);
                    return;
                }
                setText(text.apply(item));
                String css = style.apply(getTableRow().getItem(), item);
                if (css != null) {
                    getStyleClass().add(css);
                }
            }
        });
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        return column;
    }
}
