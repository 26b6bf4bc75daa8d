package com.modelsteward.ui.audit;

import static com.modelsteward.ui.common.Layout.fixed;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.registry.AuditEntry;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.Columns;
import com.modelsteward.ui.common.IsoDates;
import com.modelsteward.ui.common.LazyPage;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.SearchableComboBox;

/** The audit trail: filters, the canonical payload of the selected entry, chain verification, export. */
public final class AuditView extends LazyPage {

    private static final double SUMMARY_MIN_WIDTH = 240;

    private final AppContext context;
    private final AuditViewModel model;

    public AuditView(AppContext context) {
        this.context = context;
        this.model = new AuditViewModel(context);
    }

    public AuditViewModel model() {
        return model;
    }

    @Override
    public void refresh() {
        model.refresh();
    }

    @Override
    protected SplitPane build() {
        ComboBox<String> actor = new ComboBox<>(model.actors());
        actor.setId("audit-actor");
        actor.valueProperty().bindBidirectional(model.actorFilterProperty());
        ComboBox<String> action = new ComboBox<>(model.actions());
        action.setId("audit-action");
        action.valueProperty().bindBidirectional(model.actionFilterProperty());
        TextField modelText = new TextField();
        modelText.setId("audit-model");
        modelText.setPromptText("Model or entity…");
        modelText.textProperty().bindBidirectional(model.modelFilterProperty());
        DatePicker from = IsoDates.picker("YYYY-MM-DD");
        from.setId("audit-from");
        from.setPrefWidth(130);
        from.valueProperty().bindBidirectional(model.fromDateProperty());
        DatePicker to = IsoDates.picker("YYYY-MM-DD");
        to.setId("audit-to");
        to.setPrefWidth(130);
        to.valueProperty().bindBidirectional(model.toDateProperty());
        Button clear = new Button("Clear filters");
        clear.setOnAction(event -> model.clearFilters());
        modelText.setPrefColumnCount(14);
        // The filters wrap onto a second row in a narrow window instead of squeezing a date or a choice unreadable;
        // each label stays with its control.
        FlowPane filters = new FlowPane(12, 6, labelled("Actor", actor), labelled("Action", action), modelText,
                labelled("From", from), labelled("To", to), fixed(clear));
        filters.getStyleClass().add("toolbar");

        Button verify = new Button("Verify chain");
        verify.setId("audit-verify");
        verify.setDefaultButton(false);
        verify.disableProperty().bind(model.chainStatusProperty().isEqualTo(AuditViewModel.ChainStatus.CHECKING));
        verify.setOnAction(event -> model.verify());
        Label chain = new Label();
        chain.setId("audit-chain-status");
        chain.textProperty().bind(model.chainMessageProperty());
        model.chainStatusProperty().addListener((obs, old, now) -> {
            chain.getStyleClass().removeAll("chain-intact", "chain-broken");
            if (now == AuditViewModel.ChainStatus.INTACT) {
                chain.getStyleClass().add("chain-intact");
            } else if (now == AuditViewModel.ChainStatus.BROKEN) {
                chain.getStyleClass().add("chain-broken");
            }
        });
        Button exportCsv = new Button("Export CSV…");
        exportCsv.setId("audit-export-csv");
        exportCsv.setOnAction(event -> model.chooseAndExportCsv());
        Button exportJson = new Button("Export JSON…");
        exportJson.setOnAction(event -> model.chooseAndExportJson());
        Label count = new Label();
        count.setId("audit-count");
        count.textProperty().bind(model.countTextProperty());
        // The chain's verdict is never cut, nor the buttons: where the row is too narrow ("✔ Chain intact: 101112 entries
        // verified" beside 100 000 entries' count at 1024 px), the count and the exports move together to a line of their
        // own, and a long verdict (a broken entry and why) wraps at the page's edge.
        HBox exports = fixed(new HBox(8, fixed(count), fixed(exportCsv), fixed(exportJson)));
        exports.setAlignment(Pos.CENTER_LEFT);
        FlowPane actions = new FlowPane(8, 6, fixed(verify), chain, exports);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.getStyleClass().add("toolbar");
        chain.setWrapText(true);
        chain.maxWidthProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(0, actions.getWidth() - actions.snappedLeftInset() - actions.snappedRightInset()),
                actions.widthProperty(), actions.insetsProperty()));

        TableView<AuditEntry> table = new TableView<>();
        table.itemsProperty().bind(model.visibleProperty());
        table.setId("audit-table");
        table.setPlaceholder(new Label("No audit entries match the filters."));
        table.getColumns().add(Columns.value("Seq", AuditEntry::seq, 70));
        table.getColumns().add(Columns.text("Time", AuditEntry::ts, 190));
        table.getColumns().add(Columns.text("Actor", AuditEntry::actor, 130));
        table.getColumns().add(Columns.text("Action", AuditEntry::action, 170));
        table.getColumns().add(Columns.text("Entity", AuditEntry::entity, 220));
        TableColumn<AuditEntry, String> summary = Columns.text("Summary", AuditViewModel::summary, 420);
        summary.setMinWidth(SUMMARY_MIN_WIDTH);
        table.getColumns().add(summary);
        // Seq to entity whole; the summary is free text that takes the rest of the width, whole in the payload pane
        // below when the entry is selected.
        @SuppressWarnings("unchecked")
        TableColumn<AuditEntry, ?>[] whole = table.getColumns().subList(0, 5).toArray(TableColumn[]::new);
        Columns.fitToContent(table, whole);
        Columns.fillWithLast(table, summary);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> selectInTable(table, now));
        // The filters give the table a new list: the chosen entry stays selected when it is still shown. An
        // invalidation listener (it reads the list, so that the next one fires too): a change listener compares the
        // old and new lists, 50 000 entries, on the FX thread.
        table.itemsProperty().addListener((javafx.beans.Observable items) -> {
            table.getItems();
            selectInTable(table, model.selectedProperty().get());
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        Label title = new Label("Audit");
        title.getStyleClass().add("page-title");
        VBox top = new VBox(8, title, filters, actions, table);
        top.setPadding(new Insets(16, 16, 8, 16));

        TextArea payload = new TextArea();
        payload.setId("audit-payload");
        payload.setEditable(false);
        payload.getStyleClass().add("copyable");
        payload.textProperty().bind(model.payloadTextProperty());
        VBox.setVgrow(payload, Priority.ALWAYS);
        VBox entry = new VBox(6, payload);
        entry.setPadding(new Insets(8, 0, 0, 0));
        Tab entryTab = new Tab("Selected entry", entry);
        Tab timelineTab = new Tab("Who was ACTIVE when", timeline());
        timelineTab.setId("tab-timeline");
        TabPane tabs = new TabPane(entryTab, timelineTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox bottom = new VBox(6, tabs);
        bottom.setPadding(new Insets(8, 16, 16, 16));

        SplitPane split = new SplitPane(top, bottom);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.68);
        return split;
    }

    private static HBox labelled(String text, Region control) {
        HBox pair = new HBox(6, fixed(new Label(text)), fixed(control));
        pair.setAlignment(Pos.CENTER_LEFT);
        return pair;
    }

    /** The ACTIVE periods of one model name (from the audit trail), and which version was ACTIVE on a given day. */
    private Node timeline() {
        // A registry may hold thousands of names: typing narrows the list.
        SearchableComboBox<String> name = new SearchableComboBox<>(model.modelNames());
        name.setId("timeline-model");
        name.setPromptText("Model name…");
        name.setPrefWidth(240);
        name.valueProperty().bindBidirectional(model.timelineNameProperty());
        DatePicker day = IsoDates.picker("YYYY-MM-DD");
        day.setId("timeline-day");
        day.setPrefWidth(150);
        day.setMinWidth(Region.USE_PREF_SIZE);
        day.valueProperty().bindBidirectional(model.activeAtDateProperty());
        Label answer = new Label();
        answer.setId("timeline-answer");
        answer.getStyleClass().add("section-title");
        answer.textProperty().bind(model.activeAtTextProperty());
        HBox controls = new HBox(8, fixed(new Label("Model name")), name, fixed(new Label("Which version was ACTIVE on")), day);
        controls.getStyleClass().add("toolbar");
        answer.managedProperty().bind(answer.textProperty().isNotEmpty());
        TableView<GovernanceEngine.ActivePeriod> periods = new TableView<>(model.timeline());
        periods.setId("timeline-table");
        periods.setPlaceholder(new Label("Choose a model name to see which version was ACTIVE when."));
        periods.getColumns().add(Columns.text("ACTIVE version", GovernanceEngine.ActivePeriod::modelId, 230));
        periods.getColumns().add(Columns.text("From", GovernanceEngine.ActivePeriod::from, 200));
        periods.getColumns().add(Columns.text("Until", p -> p.until() == null ? "now (current)" : p.until(), 200));
        periods.getColumns().add(Columns.text("Cause", GovernanceEngine.ActivePeriod::cause, 110));
        periods.getColumns().add(Columns.text("By", GovernanceEngine.ActivePeriod::actor, 130));
        periods.getColumns().add(Columns.value("Audit seq", GovernanceEngine.ActivePeriod::auditSeq, 90));
        VBox.setVgrow(periods, Priority.ALWAYS);
        VBox box = new VBox(8, controls, answer, periods);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private static void selectInTable(TableView<AuditEntry> table, AuditEntry entry) {
        if (entry != null && !Objects.equals(table.getSelectionModel().getSelectedItem(), entry) && table.getItems().contains(entry)) {
            table.getSelectionModel().select(entry);
            table.scrollTo(entry);
        }
    }
}
