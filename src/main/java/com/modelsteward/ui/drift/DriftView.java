package com.modelsteward.ui.drift;

import com.modelsteward.drift.DriftMonitor;
import com.modelsteward.drift.PsiHistory;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.Columns;
import com.modelsteward.ui.common.LazyPage;
import com.modelsteward.ui.common.Tiles;
import eu.hansolo.tilesfx.Tile;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Drift page: pick a version (ACTIVE and SHADOW first), see per feature PSI, KS and severity with a PSI sparkline,
 * and for the selected feature the two distributions on the PSI bins, the ECDFs with the KS gap, and PSI per day
 * against the thresholds; gauges for the worst PSI and the share drifted; a performance panel for signal models and
 * an LLM panel for prompt packs. A breach shows an alert that can lead to the rollback confirmation.
 */
public final class DriftView extends LazyPage {

    private final AppContext context;
    private final DriftViewModel model;

    public DriftView(AppContext context) {
        this(context, (name, id, reason) -> context.dialogs().showInfo("Roll back " + name,
                "Open the rollback of " + name + " from the Models page; it asks for confirmation before anything changes.\n\n" + reason));
    }

    /** @param rollback where "Roll back…" leads: the shell wires it to the governance rollback confirmation */
    public DriftView(AppContext context, RollbackRequester rollback) {
        this.context = context;
        this.model = new DriftViewModel(context, rollback);
    }

    public DriftViewModel model() {
        return model;
    }

    @Override
    public void refresh() {
        model.refresh();
    }

    @Override
    protected VBox build() {
        Label title = new Label("Drift");
        title.getStyleClass().add("page-title");
        ComboBox<DriftViewModel.Choice> picker = new ComboBox<>(model.choices());
        picker.setId("drift-model");
        picker.setPrefWidth(420);
        // The picker lists every version (100 000 on a large registry); by default the skin measures every row to size
        // its popup, which stalled the FX thread for seconds. The width is fixed above, so a few rows are enough.
        picker.getProperties().put("comboBoxRowsToMeasureWidth", 20);
        picker.valueProperty().bindBidirectional(model.selectedProperty());
        Button recompute = new Button("Recompute");
        recompute.setId("drift-compute");
        recompute.setOnAction(event -> model.compute());
        recompute.disableProperty().bind(model.computingProperty().or(model.selectedProperty().isNull()));
        ProgressBar progress = new ProgressBar();
        progress.setId("drift-progress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(model.progressProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("drift-cancel");
        cancel.setOnAction(event -> model.cancel());
        HBox busy = new HBox(8, progress, cancel);
        busy.setId("drift-busy");
        busy.setAlignment(Pos.CENTER_LEFT);
        busy.visibleProperty().bind(model.computingProperty());
        busy.managedProperty().bind(model.computingProperty());
        Label policy = new Label(String.format(java.util.Locale.ROOT, "Policy %s · MODERATE from PSI %.2f · SEVERE from %.2f · KS p < %.2f and D ≥ %.2f",
                model.policy().name(), model.policy().moderatePsi(), model.policy().severePsi(), model.policy().ksAlpha(), model.policy().ksMinD()));
        policy.getStyleClass().add("drift-muted");
        policy.setWrapText(true);
        title.setMinWidth(Region.USE_PREF_SIZE);
        recompute.setMinWidth(Region.USE_PREF_SIZE);
        cancel.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(12, title, picker, recompute, busy);
        header.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("drift-status");
        status.getStyleClass().add("drift-muted");
        status.textProperty().bind(model.statusProperty());

        VBox body = new VBox(12, header, alert(), tiles(status, policy), content());
        VBox.setVgrow(body.getChildren().getLast(), Priority.ALWAYS);
        body.setPadding(new Insets(16));
        body.getStylesheets().add(Objects.requireNonNull(DriftView.class.getResource("/styles/drift.css")).toExternalForm());
        body.getStyleClass().add("drift-page");
        return body;
    }

    private Node alert() {
        Label text = new Label();
        text.setId("drift-alert-text");
        text.setWrapText(true);
        text.getStyleClass().add("drift-alert-text");
        Button rollback = new Button("Roll back…");
        rollback.setId("drift-rollback");
        rollback.setOnAction(event -> model.requestRollback());
        rollback.visibleProperty().bind(model.rollbackOfferedProperty());
        rollback.managedProperty().bind(model.rollbackOfferedProperty());
        Button dismiss = new Button("Dismiss");
        dismiss.setOnAction(event -> model.dismissAlert());
        rollback.setMinWidth(Region.USE_PREF_SIZE);
        dismiss.setMinWidth(Region.USE_PREF_SIZE);
        text.setMaxWidth(Double.MAX_VALUE);
        text.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox banner = new HBox(12, text, rollback, dismiss);
        banner.setId("drift-alert");
        banner.getStyleClass().add("drift-alert");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setVisible(false);
        banner.setManaged(false);
        model.breaches().addListener((ListChangeListener<DriftMonitor.Breach>) change -> {
            List<DriftMonitor.Breach> breaches = model.breaches();
            banner.setVisible(!breaches.isEmpty());
            banner.setManaged(!breaches.isEmpty());
            if (breaches.isEmpty()) {
                return;
            }
            String features = breaches.stream().map(b -> b.row().feature()).distinct().collect(Collectors.joining(", "));
            String opened = breaches.stream().filter(DriftMonitor.Breach::newlyOpened).map(b -> "#" + b.incidentId())
                    .collect(Collectors.joining(", "));
            text.setText("▲ " + DriftMonitor.BREACH_CODE + " — SEVERE drift on " + features + ". "
                    + (opened.isEmpty() ? "Incidents already open." : "Incident " + opened + " opened, audited and announced.")
                    + (model.rollbackOfferedProperty().get() ? " The policy offers a rollback to the last-known-good version." : ""));
        });
        return banner;
    }

    private Node tiles(Label status, Label policy) {
        Tile worst = Tiles.thresholdGauge("Worst PSI, whole window", "PSI", "whole current window", 1.0, model.policy().moderatePsi(),
                model.policy().severePsi(), 2);
        worst.setId("tile-worst-psi");
        Tile drifted = Tiles.thresholdGauge("Drifted", "%", "results MODERATE or SEVERE", 100, 10, 25, 0);
        drifted.setId("tile-drifted");
        Label worstWhy = new Label();
        Label driftedWhy = new Label();
        StackPane worstBox = orNothing(worst, "Worst PSI, whole window", worstWhy, "drift-worst-psi-none");
        StackPane driftedBox = orNothing(drifted, "Drifted", driftedWhy, "drift-drifted-none");
        Runnable show = () -> {
            DriftMonitor.ModelReport now = model.reportProperty().get();
            OptionalDouble psi = model.worstPsi();
            OptionalDouble share = model.driftedShare();
            worst.setVisible(psi.isPresent());
            worstBox.getChildren().getLast().setVisible(psi.isEmpty());
            drifted.setVisible(share.isPresent());
            driftedBox.getChildren().getLast().setVisible(share.isEmpty());
            String why = nothingMeasured();
            worstWhy.setText(now != null && psi.isEmpty() ? "no feature has a PSI in this report" : why);
            driftedWhy.setText(why);
            psi.ifPresent(value -> {
                worst.setMaxValue(Math.max(1.0, Math.ceil(value * 2) / 2));
                worst.setValue(value);
                worst.setDescription("whole current window, on " + now.features().getFirst().drift().feature());
            });
            share.ifPresent(drifted::setValue);
        };
        model.reportProperty().addListener((obs, old, now) -> show.run());
        model.selectedProperty().addListener((obs, old, now) -> show.run());
        model.computingProperty().addListener((obs, old, now) -> show.run());
        show.run();
        status.setWrapText(true);
        Label legend = new Label("PSI bins are the reference's deciles and never move, so values from different days compare. "
                + "KS counts only with p < α and a minimum D, so large samples do not alarm on trivia.");
        legend.setWrapText(true);
        legend.getStyleClass().add("drift-muted");
        VBox notes = new VBox(8, status, policy, legend);
        notes.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(notes, Priority.ALWAYS);
        for (StackPane box : List.of(worstBox, driftedBox)) {
            box.setMinSize(Tiles.WIDTH * 0.8, Tiles.HEIGHT);
            box.setPrefSize(Tiles.WIDTH * 0.8, Tiles.HEIGHT);
            box.setMaxSize(Tiles.WIDTH * 0.8, Tiles.HEIGHT);
        }
        HBox row = new HBox(12, worstBox, driftedBox, notes);
        row.setMinHeight(Region.USE_PREF_SIZE);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /**
     * A gauge, or in its place, when nothing was measured, a tile that reads "—" with the reason: a needle at 0 would
     * read as healthy.
     */
    private static StackPane orNothing(Tile gauge, String title, Label why, String id) {
        Label heading = new Label(title);
        heading.getStyleClass().add("drift-none-title");
        Label dash = new Label("—");
        dash.setId(id + "-value");
        dash.getStyleClass().add("drift-none-value");
        why.setWrapText(true);
        why.getStyleClass().add("drift-none-text");
        VBox none = new VBox(6, heading, dash, why);
        none.setId(id);
        none.getStyleClass().add("drift-none");
        none.setVisible(false);
        return new StackPane(gauge, none);
    }

    /** Why the gauges show "—": no version chosen, no samples, or a computation under way or cancelled. */
    private String nothingMeasured() {
        DriftViewModel.Choice choice = model.selectedProperty().get();
        if (choice == null) {
            return "choose a version";
        }
        if (!choice.hasSamples()) {
            return "no drift samples yet";
        }
        return model.computingProperty().get() ? "computing…" : "nothing computed";
    }

    private Node content() {
        TableView<DriftMonitor.FeatureReport> table = new TableView<>(model.features());
        table.setId("drift-table");
        Label empty = new Label();
        empty.setId("drift-table-empty");
        empty.setWrapText(true);
        empty.getStyleClass().add("placeholder-message");
        empty.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            DriftViewModel.Choice choice = model.selectedProperty().get();
            if (choice != null && !choice.hasSamples()) {
                return "Nothing to show for " + choice.model().modelName() + " " + choice.model().version() + ": no drift samples yet.";
            }
            return model.computingProperty().get() ? "Computing…" : "Choose a version with drift samples.";
        }, model.selectedProperty(), model.computingProperty()));
        table.setPlaceholder(empty);
        table.getColumns().add(Columns.text("Feature", (DriftMonitor.FeatureReport f) -> f.drift().feature(), 125));
        table.getColumns().add(Columns.number("PSI", (DriftMonitor.FeatureReport f) -> f.drift().psi(), 4, 70));
        table.getColumns().add(Columns.number("KS D", (DriftMonitor.FeatureReport f) -> f.drift().ksStatistic(), 4, 70));
        TableColumn<DriftMonitor.FeatureReport, String> p = Columns.text("p-value",
                (DriftMonitor.FeatureReport f) -> DriftCharts.pValue(f.drift().ksPvalue()), 84);
        p.setStyle("-fx-alignment: CENTER-RIGHT;");
        table.getColumns().add(p);
        table.getColumns().add(Columns.badge("Severity", (DriftMonitor.FeatureReport f) -> f.drift().severity().name(), 104));
        TableColumn<DriftMonitor.FeatureReport, List<PsiHistory.Point>> spark = new TableColumn<>("PSI by day");
        spark.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().history()));
        spark.setCellFactory(ignored -> new SparklineCell<>(model.policy().severePsi()));
        spark.setPrefWidth(112);
        spark.setMinWidth(112);
        spark.setSortable(false);
        table.getColumns().add(spark);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // Each column keeps room for its longest usual value ("prediction_score", "0.9547", "5.38e-146", "▲ SEVERE"), and
        // the table as a whole claims that room from the charts beside it: at 1024 px the cells read "0.9…" and "▲ SE…".
        double[] minimums = {128, 66, 66, 84, 100, 84};
        double needed = 4;
        for (int i = 0; i < minimums.length; i++) {
            table.getColumns().get(i).setMinWidth(minimums[i]);
            needed += minimums[i];
        }
        table.setMinWidth(needed);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedFeatureProperty().set(now);
            }
        });
        model.selectedFeatureProperty().addListener((obs, old, now) -> {
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });

        BarChart<String, Number> histogram = DriftCharts.histogram();
        LineChart<Number, Number> ecdf = DriftCharts.ecdf();
        LineChart<Number, Number> history = DriftCharts.history();
        model.selectedFeatureProperty().addListener((obs, old, now) -> {
            if (now == null) {
                // The charts of the previous version or feature must not stay up under a title that names it.
                for (javafx.scene.chart.XYChart<?, ?> chart : List.of(histogram, ecdf, history)) {
                    chart.getData().clear();
                    chart.setTitle(null);
                }
                return;
            }
            DriftCharts.fillHistogram(histogram, now.drift());
            DriftCharts.fillEcdf(ecdf, now);
            DriftCharts.fillHistory(history, now, model.policy());
        });
        TabPane tabs = new TabPane(
                tab("drift-tab-distribution", "Distribution", histogram),
                tab("drift-tab-ecdf", "ECDF", ecdf),
                tab("drift-tab-history", "PSI over time", historyPanel(history)),
                tab("drift-tab-performance", "Performance", performancePanel()),
                tab("drift-tab-llm", "LLM", llmPanel()));
        tabs.setId("drift-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setMinWidth(240);

        SplitPane split = new SplitPane(table, tabs);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        return split;
    }

    /**
     * PSI per day with the note that reconciles it with the "Worst PSI" gauge: the gauge measures the whole current
     * window, a day measures a day's fewer values, so daily PSI runs higher and noisier; the chart draws the window's PSI
     * of the same feature as a line of its own, on the same axis.
     */
    private Node historyPanel(LineChart<Number, Number> history) {
        Label scale = new Label("Each point compares one day's values with the reference bins. The \"Worst PSI\" gauge compares "
                + "the whole current window at once: it mixes the days that shifted little with those that shifted most, so it "
                + "reads lower than the worst days, and a single day's fewer values make the daily line noisier. The \"whole "
                + "window\" line is the gauge's figure for this feature, on the same scale.");
        scale.setId("drift-history-scale");
        scale.setWrapText(true);
        scale.getStyleClass().add("drift-muted");
        scale.setMinHeight(Region.USE_PREF_SIZE);
        VBox.setVgrow(history, Priority.ALWAYS);
        VBox panel = new VBox(4, history, scale);
        panel.setPadding(new Insets(0, 8, 8, 8));
        return panel;
    }

    /** The selected version as a person names it ("momentum_xgb 3.2.0"), or "this version". */
    private String versionName() {
        DriftViewModel.Choice choice = model.selectedProperty().get();
        return choice == null ? "this version" : choice.model().modelName() + " " + choice.model().version();
    }

    private Node performancePanel() {
        LineChart<Number, Number> chart = DriftCharts.timeChart("drift-performance", "rolling Sharpe (annualised)");
        Label none = placeholder("");
        none.setId("drift-performance-none");
        StackPane panel = new StackPane(chart, none);
        Runnable show = () -> {
            DriftMonitor.ModelReport now = model.reportProperty().get();
            boolean has = now != null && now.performance() != null;
            chart.setVisible(has);
            none.setVisible(!has);
            none.setText("No performance figures for " + versionName() + ". They appear once the monitoring pipeline sends the "
                    + "model's realised daily returns, for a reference period and for every day it trades: its rolling Sharpe "
                    + "ratio is then compared with the band of the reference period.");
            if (has) {
                DriftCharts.fillPerformance(chart, now.performance(), model.policy());
            } else {
                chart.getData().clear();
                chart.setTitle(null);
            }
        };
        model.reportProperty().addListener((obs, old, now) -> show.run());
        model.selectedProperty().addListener((obs, old, now) -> show.run());
        show.run();
        return panel;
    }

    private Node llmPanel() {
        VBox charts = new VBox(8);
        Label none = placeholder("");
        none.setId("drift-llm-none");
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(charts);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        StackPane panel = new StackPane(scroll, none);
        Runnable explain = () -> none.setText("No prompt-pack figures for " + versionName() + ". They appear for a prompt pack "
                + "whose answers the monitoring pipeline records — whether each was refused, whether it broke the expected "
                + "format, and how long it took: the refusal rate, the format failures and the slowest answers per day are then "
                + "compared with their baseline.");
        model.selectedProperty().addListener((obs, old, now) -> explain.run());
        explain.run();
        model.reportProperty().addListener((obs, old, now) -> {
            charts.getChildren().clear();
            boolean has = now != null && !now.llmSeries().isEmpty();
            none.setVisible(!has);
            explain.run();
            if (!has) {
                return;
            }
            for (DriftMonitor.DailySeries series : now.llmSeries()) {
                LineChart<Number, Number> chart = DriftCharts.timeChart("drift-llm-" + series.name(), series.name());
                String row = now.rows().stream().filter(r -> r.feature().equals(series.name())
                                || series.name().equals("llm_latency_p95") && r.feature().equals("llm_latency_ms"))
                        .map(r -> r.severity().name()).findFirst().orElse("");
                DriftCharts.fillDaily(chart, series, series.name() + " per day vs baseline — " + row);
                chart.setMinHeight(230);
                VBox.setVgrow(chart, Priority.ALWAYS);
                charts.getChildren().add(chart);
            }
        });
        return panel;
    }

    private static Label placeholder(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMaxWidth(520);
        label.getStyleClass().add("placeholder-message");
        return label;
    }

    private static Tab tab(String id, String title, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        return tab;
    }
}
