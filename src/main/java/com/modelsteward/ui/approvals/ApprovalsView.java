package com.modelsteward.ui.approvals;

import static com.modelsteward.ui.common.Layout.fixed;

import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.Columns;
import com.modelsteward.ui.common.LazyPage;
import com.modelsteward.ui.common.StyleClasses;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The approvals queue: pending requests to decide (open one for the evidence) and decided ones with their outcome. */
public final class ApprovalsView extends LazyPage {

    private final AppContext context;
    private final ApprovalsViewModel model;
    private final GovernanceActions actions;
    private TableView<ReviewDesk.QueueRow> pendingTable;
    private TableView<ReviewDesk.QueueRow> decidedTable;

    public ApprovalsView(AppContext context) {
        this.context = context;
        this.model = new ApprovalsViewModel(context);
        this.actions = new GovernanceActions(context);
    }

    /** The navigation badge (pending count); runs SQL, so the shell calls it off the FX thread. */
    public static String badge(AppContext context) {
        return ApprovalsViewModel.badge(context);
    }

    public ApprovalsViewModel model() {
        return model;
    }

    @Override
    public void refresh() {
        model.refresh();
    }

    @Override
    protected VBox build() {
        Label title = new Label("Approvals");
        title.getStyleClass().add("page-title");
        TextField search = new TextField();
        search.setId("approvals-search");
        search.setPromptText("Search request, model, rule, requester, state…");
        search.textProperty().bindBidirectional(model.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        ComboBox<String> gates = new ComboBox<>(model.gateChoices());
        gates.setId("approvals-gates");
        gates.valueProperty().bindBidirectional(model.gateFilterProperty());
        Button open = new Button("Open request…");
        open.setId("approvals-open");
        HBox filters = new HBox(8, fixed(new Label("Gates")), gates, search, fixed(open));
        filters.getStyleClass().add("toolbar");

        pendingTable = table("approvals-pending", model.pending(), "No requests are waiting for a decision.");
        pendingTable.getColumns().add(ageColumn());
        pendingTable.getColumns().add(gateColumn());
        pendingTable.getColumns().add(Columns.text("Approvals", r -> r.approvals() + " of " + r.requiredApprovals(), 90));
        pendingTable.getColumns().add(freeText(Columns.text("Why", ReviewDesk.QueueRow::justification, 320)));

        decidedTable = table("approvals-decided", model.decided(), "No decided requests.");
        // Who decided what comes right after the version: at 1024 px the table scrolls sideways past the rest.
        decidedTable.getColumns().add(3, Columns.badge("Outcome", ReviewDesk.QueueRow::status, 120));
        decidedTable.getColumns().add(4, Columns.text("Decided by", ReviewDesk.QueueRow::decidedBy, 130));
        decidedTable.getColumns().add(5, Columns.text("Decided", r -> Format.time(r.decidedAt()), 150));
        decidedTable.getColumns().add(gateColumn());
        decidedTable.getColumns().add(freeText(Columns.text("Comment", ReviewDesk.QueueRow::decisionComment, 300)));
        keepWhole(pendingTable);
        keepWhole(decidedTable);

        Tab pendingTab = new Tab();
        pendingTab.setId("tab-pending");
        pendingTab.textProperty().bind(Bindings.createStringBinding(() -> "Pending (" + model.pending().size() + ")", model.pending()));
        pendingTab.setContent(pendingTable);
        Tab decidedTab = new Tab();
        decidedTab.textProperty().bind(Bindings.createStringBinding(() -> "Decided (" + model.decided().size() + ")", model.decided()));
        decidedTab.setContent(decidedTable);
        TabPane tabs = new TabPane(pendingTab, decidedTab);
        tabs.setId("approvals-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        open.setOnAction(event -> {
            TableView<ReviewDesk.QueueRow> shown = tabs.getSelectionModel().getSelectedItem() == pendingTab ? pendingTable : decidedTable;
            ReviewDesk.QueueRow row = shown.getSelectionModel().getSelectedItem();
            if (row != null) {
                actions.openRequest(row.requestId());
            }
        });
        open.disableProperty().bind(pendingTable.getSelectionModel().selectedItemProperty().isNull()
                .and(decidedTable.getSelectionModel().selectedItemProperty().isNull()));

        Label hint = new Label((context.roles().contains("RISK_OFFICER")
                ? "Open a request (double-click or Enter) to see its evidence and decide it."
                : "You can review every request; deciding needs the RISK_OFFICER role, which " + context.user() + " does not hold.")
                + " Rule changes (policy, roles, deactivations) are decided by an ADMIN other than the one who asked.");
        hint.setId("approvals-hint");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        VBox box = new VBox(10, title, hint, filters, tabs);
        box.setPadding(new Insets(16));
        return box;
    }

    private TableView<ReviewDesk.QueueRow> table(String id, ObservableList<ReviewDesk.QueueRow> rows, String empty) {
        SortedList<ReviewDesk.QueueRow> sorted = new SortedList<>(rows);
        TableView<ReviewDesk.QueueRow> table = new TableView<>(sorted);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setId(id);
        table.setPlaceholder(new Label(empty));
        table.getColumns().add(Columns.text("Request", ReviewDesk.QueueRow::requestId, 110));
        table.getColumns().add(Columns.text("Model or rule", ReviewDesk.QueueRow::modelName, 190));
        table.getColumns().add(Columns.text("Version", ReviewDesk.QueueRow::version, 70));
        table.getColumns().add(Columns.text("Kind", ApprovalsViewModel::kindLabel, 120));
        table.getColumns().add(Columns.text("Change", ApprovalsViewModel::change, 200));
        table.getColumns().add(Columns.text("Requested by", ReviewDesk.QueueRow::requestedBy, 120));
        table.setRowFactory(ignored -> {
            TableRow<ReviewDesk.QueueRow> row = new TableRow<>();
            row.setOnMouseClicked(event -> {
                if (event.getClickCount() == 2 && !row.isEmpty()) {
                    actions.openRequest(row.getItem().requestId());
                }
            });
            return row;
        });
        table.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                actions.openRequest(table.getSelectionModel().getSelectedItem().requestId());
            }
        });
        return table;
    }

    /** The last column's free text keeps a readable start when the columns before it take the table's width. */
    private static TableColumn<ReviewDesk.QueueRow, String> freeText(TableColumn<ReviewDesk.QueueRow, String> column) {
        column.setMinWidth(FREE_TEXT_MIN_WIDTH);
        return column;
    }

    private static final double FREE_TEXT_MIN_WIDTH = 220;

    /** Every column but the free-text last one (why, comment) shows its values whole; the last takes the rest. */
    private static void keepWhole(TableView<ReviewDesk.QueueRow> table) {
        List<TableColumn<ReviewDesk.QueueRow, ?>> columns = table.getColumns();
        @SuppressWarnings("unchecked")
        TableColumn<ReviewDesk.QueueRow, ?>[] whole = columns.subList(0, columns.size() - 1).toArray(TableColumn[]::new);
        Columns.fitToContent(table, whole);
        Columns.fillWithLast(table, columns.getLast());
    }

    /** Age since the request, sortable as a duration, written "1 d 6 h". */
    private TableColumn<ReviewDesk.QueueRow, Duration> ageColumn() {
        TableColumn<ReviewDesk.QueueRow, Duration> column = Columns.value("Age", r -> Format.age(r.requestedAt(), context.clock()), 90);
        column.setCellFactory(ignored -> new TableCell<>() {
            @Override
            protected void updateItem(Duration age, boolean empty) {
                super.updateItem(age, empty);
                setText(empty || age == null ? null : Format.duration(age));
            }
        });
        column.getProperties().put(Columns.SHOWN_TEXT, (Function<Duration, String>) Format::duration);
        return column;
    }

    private static final List<String> GATE_STYLES = List.of("verdict-pass", "verdict-fail", "muted");

    private static TableColumn<ReviewDesk.QueueRow, String> gateColumn() {
        TableColumn<ReviewDesk.QueueRow, String> column = Columns.text("Gates", ApprovalsViewModel::gateSummary, 110);
        column.setCellFactory(ignored -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                StyleClasses.swap(this, empty || text == null ? null
                        : text.startsWith("✔") ? "verdict-pass" : text.startsWith("✖") ? "verdict-fail" : "muted", GATE_STYLES);
            }
        });
        return column;
    }
}
