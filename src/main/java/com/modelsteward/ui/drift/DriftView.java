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
        picker.setPrefWidth(340);
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
        Tile worst = Tiles.thresholdGauge("Worst PSI", "PSI", "highest feature PSI", 1.0, model.policy().moderatePsi(),
                model.policy().severePsi(), 2);
        worst.setId("tile-worst-psi");
        Tile drifted = Tiles.thresholdGauge("Drifted", "%", "results MODERATE or SEVERE", 100, 10, 25, 0);
        drifted.setId("tile-drifted");
        model.reportProperty().addListener((obs, old, now) -> {
            double psi = model.worstPsi();
            worst.setMaxValue(Math.max(1.0, Math.ceil(psi * 2) / 2));
            worst.setValue(psi);
            worst.setDescription(now == null || now.features().isEmpty() ? "no features" : "on " + now.features().getFirst().drift().feature());
            drifted.setValue(model.driftedShare());
        });
        status.setWrapText(true);
        Label legend = new Label("PSI bins are the reference's deciles and never move, so values from different days compare. "
                + "KS counts only with p < α and a minimum D, so large samples do not alarm on trivia.");
        legend.setWrapText(true);
        legend.getStyleClass().add("drift-muted");
        VBox notes = new VBox(8, status, policy, legend);
        notes.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(notes, Priority.ALWAYS);
        for (Tile tile : List.of(worst, drifted)) {
            tile.setMinSize(Tiles.WIDTH * 0.8, Tiles.HEIGHT);
            tile.setPrefSize(Tiles.WIDTH * 0.8, Tiles.HEIGHT);
        }
        HBox row = new HBox(12, worst, drifted, notes);
        row.setMinHeight(Region.USE_PREF_SIZE);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node content() {
        TableView<DriftMonitor.FeatureReport> table = new TableView<>(model.features());
        table.setId("drift-table");
        table.setPlaceholder(new Label("Choose a version with drift samples."));
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
                histogram.getData().clear();
                ecdf.getData().clear();
                history.getData().clear();
                return;
            }
            DriftCharts.fillHistogram(histogram, now.drift());
            DriftCharts.fillEcdf(ecdf, now);
            DriftCharts.fillHistory(history, now, model.policy());
        });
        TabPane tabs = new TabPane(
                tab("drift-tab-distribution", "Distribution", histogram),
                tab("drift-tab-ecdf", "ECDF", ecdf),
                tab("drift-tab-history", "PSI over time", history),
                tab("drift-tab-performance", "Performance", performancePanel()),
                tab("drift-tab-llm", "LLM", llmPanel()));
        tabs.setId("drift-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        SplitPane split = new SplitPane(table, tabs);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        return split;
    }

    private Node performancePanel() {
        LineChart<Number, Number> chart = DriftCharts.timeChart("drift-performance", "rolling Sharpe (annualised)");
        Label none = placeholder("Performance drift needs daily returns: drift_samples rows with feature \"daily_return\" "
                + "(REFERENCE for the reference period, CURRENT for live days) — see docs/drift.md.");
        StackPane panel = new StackPane(chart, none);
        model.reportProperty().addListener((obs, old, now) -> {
            boolean has = now != null && now.performance() != null;
            chart.setVisible(has);
            none.setVisible(!has);
            if (has) {
                DriftCharts.fillPerformance(chart, now.performance(), model.policy());
            }
        });
        chart.setVisible(false);
        return panel;
    }

    private Node llmPanel() {
        VBox charts = new VBox(8);
        Label none = placeholder("LLM drift needs prompt-pack samples: llm_refusal and llm_schema_fail (1 when it happened, else 0) "
                + "and llm_latency_ms — see docs/drift.md.");
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(charts);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        StackPane panel = new StackPane(scroll, none);
        model.reportProperty().addListener((obs, old, now) -> {
            charts.getChildren().clear();
            boolean has = now != null && !now.llmSeries().isEmpty();
            none.setVisible(!has);
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
