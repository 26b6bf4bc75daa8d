package com.modelsteward.ui.models;

import static com.modelsteward.ui.common.Layout.fixed;

import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Scorecard;
import com.modelsteward.ui.approvals.GovernanceActions;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.Clipboard;
import com.modelsteward.ui.common.Columns;
import com.modelsteward.ui.common.LazyPage;
import com.modelsteward.ui.common.StateBadge;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** Every version in a filterable table, with the selected version's fields and hashes (copyable) beside it. */
public final class ModelsView extends LazyPage {

    public static final String PAGE_ID = "models";

    private final AppContext context;
    private final ModelsViewModel model;
    private final GovernanceActions governance;
    private TableView<ModelSummary> table;
    private GridPane fields;
    private final Label stateBadge = StateBadge.of(null);
    private final List<DetailField> detailFields = detailRows();
    private TableView<Scorecard> scorecards;
    private SplitPane split;
    private static final double PAD = 16;
    private static final double SEARCH_MIN_WIDTH = 120;
    /** Action labels up to this many characters keep their width in the action bar; longer ones wrap. */
    private static final int SHORT_ACTION = 16;
    /** The detail keeps a useful part of each value (a hash's first and last dozen characters) and its Copy button. */
    private static final double DETAIL_MIN_WIDTH = 280;

    public ModelsView(AppContext context) {
        this.context = context;
        this.model = new ModelsViewModel(context);
        this.governance = new GovernanceActions(context);
        stateBadge.setId("detail-state");
    }

    public ModelsViewModel model() {
        return model;
    }

    @Override
    public void refresh() {
        model.refresh();
    }

    @Override
    protected SplitPane build() {
        TextField search = new TextField();
        search.setId("models-search");
        search.setPromptText("Search name, version, id, creator…");
        search.textProperty().bindBidirectional(model.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        ComboBox<String> type = filterBox("models-type", "All types", model.types(), model.typeFilterProperty());
        ComboBox<String> state = filterBox("models-state", "All states", model.states(), model.stateFilterProperty());
        Label count = new Label();
        count.setId("models-count");
        count.textProperty().bind(Bindings.createStringBinding(
                () -> model.visibleVersions().size() + " of " + model.totalProperty().get() + " versions"
                        + (model.loadingProperty().get() ? " (loading…)" : ""),
                model.visibleProperty(), model.totalProperty(), model.loadingProperty()));
        search.setMinWidth(SEARCH_MIN_WIDTH);
        HBox filters = new HBox(8, fixed(new Label("Type")), type, fixed(new Label("State")), state, search);
        filters.getStyleClass().add("toolbar");

        table = new TableView<>();
        table.itemsProperty().bind(model.visibleProperty());
        table.setId("models-table");
        table.setPlaceholder(new Label("No versions match the filters."));
        Map<TableColumn<ModelSummary, ?>, Function<ModelSummary, String>> sortKeys = new HashMap<>();
        // Name, version, state and creator first: the table scrolls sideways past type and time when the pane is narrow.
        addColumn(sortKeys, Columns.text("Name", ModelSummary::modelName, 200), ModelSummary::modelName);
        addColumn(sortKeys, Columns.text("Version", ModelSummary::version, 80), ModelSummary::version);
        addColumn(sortKeys, Columns.badge("State", ModelSummary::state, 120), ModelSummary::state);
        addColumn(sortKeys, Columns.text("Created by", ModelSummary::createdBy, 120), ModelSummary::createdBy);
        addColumn(sortKeys, Columns.text("Type", ModelSummary::modelType, 120), ModelSummary::modelType);
        addColumn(sortKeys, Columns.text("Created", ModelSummary::createdAt, 190), ModelSummary::createdAt);
        @SuppressWarnings("unchecked")
        TableColumn<ModelSummary, ?>[] all = table.getColumns().toArray(TableColumn[]::new);
        Columns.fitToContent(table, all);
        DoubleBinding keptInView = Columns.keepVisible(all[0], all[1], all[2], all[3]);
        // Sorting 100 000 rows through the columns' cell values would stall the FX thread: the ViewModel sorts the
        // records in the background with the same keys, and the table shows the result.
        table.setSortPolicy(sorted -> {
            model.sortBy(comparator(sorted.getSortOrder(), sortKeys));
            return true;
        });
        // An invalidation listener (it reads the list, so that the next one fires too): a change listener compares the
        // old and new lists, 100 000 rows, on the FX thread.
        model.visibleProperty().addListener((javafx.beans.Observable shown) -> {
            model.visibleProperty().get();
            selectInTable(context.selectedModelIdProperty().get());
        });
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.select(now);
            }
        });
        context.selectedModelIdProperty().addListener((obs, old, now) -> selectInTable(now));
        table.sceneProperty().addListener((obs, old, now) -> selectInTable(context.selectedModelIdProperty().get()));
        installContextMenu();
        VBox.setVgrow(table, Priority.ALWAYS);

        Label title = new Label("Models");
        title.getStyleClass().add("page-title");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox heading = new HBox(8, fixed(title), gap, fixed(count));
        heading.setAlignment(Pos.BASELINE_LEFT);
        VBox left = new VBox(8, heading, filters, table);
        left.setPadding(new Insets(PAD));
        // The pane never gets narrower than name, version, state and creator need; the rest scrolls sideways.
        left.minWidthProperty().bind(keptInView.add(2 * PAD));

        fields = new GridPane();
        fields.setId("models-detail");
        fields.setHgap(8);
        fields.setVgap(2);
        ColumnConstraints value = new ColumnConstraints();
        value.setHgrow(Priority.ALWAYS);
        value.setMinWidth(0);
        fields.getColumnConstraints().addAll(value, new ColumnConstraints());
        scorecards = new TableView<>(model.detailScorecards());
        scorecards.setId("models-scorecards");
        scorecards.setPlaceholder(new Label("No scorecards for this version."));
        scorecards.getColumns().add(Columns.text("Pack", Scorecard::packId, 130));
        scorecards.getColumns().add(Columns.text("Metric", Scorecard::metric, 140));
        scorecards.getColumns().add(Columns.number("Value", Scorecard::value, 4, 90));
        @SuppressWarnings("unchecked")
        TableColumn<Scorecard, ?>[] scorecardColumns = scorecards.getColumns().toArray(TableColumn[]::new);
        Columns.fitToContent(scorecards, scorecardColumns);
        Columns.fillWithLast(scorecards, scorecards.getColumns().getLast());
        scorecards.setPrefHeight(260);
        Label detailTitle = new Label("Select a version");
        detailTitle.getStyleClass().add("section-title");
        detailTitle.setWrapText(true);
        HBox actionBar = new HBox(8);
        actionBar.setId("model-actions");
        Label actionNote = new Label();
        actionNote.setId("model-actions-note");
        actionNote.getStyleClass().add("muted");
        actionNote.setWrapText(true);
        model.detailActions().addListener((ListChangeListener<ReviewDesk.VersionAction>) change -> {
            showActions(actionBar, actionNote);
            refreshOpenMenu();
        });
        model.detailProperty().addListener((obs, old, now) -> showActions(actionBar, actionNote));
        VBox detail = new VBox(10, detailTitle, actionBar, actionNote, fields, new Label("Latest scorecards"), scorecards);
        detail.setPadding(new Insets(16));
        model.detailProperty().addListener((obs, old, now) -> {
            detailTitle.setText(now == null ? "Select a version" : now.modelName() + " " + now.version());
            showFields(now);
        });
        ScrollPane detailScroll = new ScrollPane(detail);
        detailScroll.setFitToWidth(true);
        detailScroll.setMinWidth(DETAIL_MIN_WIDTH);

        split = new SplitPane(left, detailScroll);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.6);
        split.visibleProperty().addListener((obs, old, now) -> selectInTable(context.selectedModelIdProperty().get()));
        return split;
    }

    private void addColumn(Map<TableColumn<ModelSummary, ?>, Function<ModelSummary, String>> sortKeys,
            TableColumn<ModelSummary, String> column, Function<ModelSummary, String> key) {
        table.getColumns().add(column);
        sortKeys.put(column, key);
    }

    /**
     * A filter choice that shows {@code allText} for {@link ModelsViewModel#ALL}. The choices arrive after the box is
     * shown and replace its list, which dropped the box's selection and left its button blank although the value was
     * unchanged: the button shows the value itself, and the selection is put back on the value after the list changes.
     */
    private static ComboBox<String> filterBox(String id, String allText, ObservableList<String> choices,
            StringProperty filter) {
        ComboBox<String> box = new ComboBox<>(choices);
        box.setId(id);
        StringConverter<String> converter = new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null ? "" : ModelsViewModel.ALL.equals(value) ? allText : value;
            }

            @Override
            public String fromString(String text) {
                return allText.equals(text) ? ModelsViewModel.ALL : text;
            }
        };
        box.setConverter(converter);
        box.setMinWidth(Region.USE_PREF_SIZE); // "All states" stays readable when the search field takes the width
        box.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(converter.toString(box.getValue()));
            }
        });
        box.valueProperty().addListener((obs, old, now) -> box.getButtonCell().setText(converter.toString(now)));
        box.valueProperty().bindBidirectional(filter);
        choices.addListener((ListChangeListener<String>) change -> {
            String value = filter.get();
            if (value != null && choices.contains(value) && !value.equals(box.getSelectionModel().getSelectedItem())) {
                box.getSelectionModel().select(value);
            }
            box.getButtonCell().setText(converter.toString(box.getValue()));
        });
        return box;
    }

    /** The table's sort order as a comparator over the records; null for no sort (newest first, as loaded). */
    private static Comparator<ModelSummary> comparator(List<TableColumn<ModelSummary, ?>> sortOrder,
            Map<TableColumn<ModelSummary, ?>, Function<ModelSummary, String>> sortKeys) {
        Comparator<ModelSummary> result = null;
        for (TableColumn<ModelSummary, ?> column : sortOrder) {
            Comparator<ModelSummary> byColumn = Comparator.comparing(sortKeys.get(column), Comparator.nullsFirst(Comparator.naturalOrder()));
            if (column.getSortType() == TableColumn.SortType.DESCENDING) {
                byColumn = byColumn.reversed();
            }
            result = result == null ? byColumn : result.thenComparing(byColumn);
        }
        return result;
    }

    /** One button per action the policy offers from the version's state; disabled, with the reason, when the user may not. */
    private void showActions(HBox bar, Label note) {
        bar.getChildren().clear();
        ModelVersion version = model.detailProperty().get();
        List<String> reasons = new ArrayList<>();
        for (ReviewDesk.VersionAction action : actionsOf(version)) {
            Button button = new Button(action.label());
            button.setMnemonicParsing(false);
            button.setId("action-" + action.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            button.getStyleClass().add(action.kind() == ReviewDesk.VersionAction.Kind.PROMOTE ? "primary-button" : "secondary-button");
            model.governance().unavailable(action).ifPresent(reason -> {
                button.setDisable(true);
                if (!reasons.contains(reason)) {
                    reasons.add(reason);
                }
            });
            button.setOnAction(event -> governance.perform(version.modelId(), version.modelName(), action));
            // A long action ("Roll back to momentum_xgb-3.0.0…") wraps inside the pane instead of widening it; a short
            // one ("Retire…") keeps its width, else the bar squeezed it to a column of letters.
            if (action.label().length() > SHORT_ACTION) {
                button.setWrapText(true);
                button.setMinHeight(Region.USE_PREF_SIZE);
                bar.getChildren().add(button);
            } else {
                bar.getChildren().add(fixed(button));
            }
        }
        note.setText(reasons.isEmpty() ? "" : "Unavailable: " + String.join("; ", reasons) + ".");
        note.setVisible(!reasons.isEmpty());
        note.setManaged(!reasons.isEmpty());
    }

    private List<ReviewDesk.VersionAction> actionsOf(ModelVersion version) {
        return version == null ? List.of() : List.copyOf(model.detailActions());
    }

    /**
     * The selected version's actions on right-click, Shift+F10 and the Menu key. A ContextMenu with no items refuses to
     * show (and so never fires onShowing), so the items are filled before every request, not when the menu shows. The
     * keys are handled here too: not every platform turns them into a context-menu request.
     */
    private void installContextMenu() {
        ContextMenu menu = new ContextMenu();
        menu.setId("models-menu");
        table.setContextMenu(menu);
        table.addEventFilter(ContextMenuEvent.CONTEXT_MENU_REQUESTED, event -> {
            if (event.isKeyboardTrigger() && menu.isShowing()) {
                event.consume(); // the platform's own request for a key already handled below
                return;
            }
            menu.getItems().setAll(menuItems());
        });
        table.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.CONTEXT_MENU || event.getCode() == KeyCode.F10 && event.isShiftDown()) {
                showMenuAtSelection(menu);
                event.consume();
            }
        });
        model.detailProperty().addListener((obs, old, now) -> refreshOpenMenu());
    }

    /** A menu opened before the version's actions arrived shows them when they do. */
    private void refreshOpenMenu() {
        ContextMenu menu = table == null ? null : table.getContextMenu();
        if (menu != null && menu.isShowing()) {
            menu.getItems().setAll(menuItems());
        }
    }

    /** Opens the menu under the selected row (or the table's corner when the row is scrolled away), as a click would. */
    private void showMenuAtSelection(ContextMenu menu) {
        menu.getItems().setAll(menuItems());
        int index = table.getSelectionModel().getSelectedIndex();
        Node anchor = table.lookupAll(".table-row-cell").stream()
                .filter(node -> node instanceof TableRow<?> row && row.getIndex() == index && row.isVisible())
                .findFirst().orElse(table);
        Bounds bounds = anchor.localToScreen(anchor.getBoundsInLocal());
        if (bounds != null) {
            menu.show(table, bounds.getMinX() + 24, anchor == table ? bounds.getMinY() + 24 : bounds.getMaxY());
        }
    }

    private List<MenuItem> menuItems() {
        ModelVersion version = model.detailProperty().get();
        ModelSummary selected = table.getSelectionModel().getSelectedItem();
        if (selected == null) {
            MenuItem none = new MenuItem("Select a version first");
            none.setDisable(true);
            return List.of(none);
        }
        if (version == null || !version.modelId().equals(selected.modelId())) {
            MenuItem loading = new MenuItem("Loading the version…");
            loading.setDisable(true);
            return List.of(loading);
        }
        List<MenuItem> items = new ArrayList<>();
        for (ReviewDesk.VersionAction action : actionsOf(version)) {
            MenuItem item = new MenuItem(action.label());
            item.setMnemonicParsing(false);
            item.setDisable(model.governance().unavailable(action).isPresent());
            item.setOnAction(event -> governance.perform(version.modelId(), version.modelName(), action));
            items.add(item);
        }
        if (items.isEmpty()) {
            MenuItem none = new MenuItem("No transitions from " + version.state() + " in the policy");
            none.setDisable(true);
            items.add(none);
        }
        return items;
    }

    /**
     * Selects and scrolls to the version in the table. While the page is not on screen (not in a scene, or hidden
     * while another page is shown) the search through up to 100 000 rows waits until it is: every selection in
     * another view (Lineage, Drift) would pay for it.
     */
    private void selectInTable(String modelId) {
        if (table.getScene() == null || !split.isVisible()) {
            return;
        }
        ModelSummary selected = table.getSelectionModel().getSelectedItem();
        if (selected != null && Objects.equals(selected.modelId(), modelId)) {
            return;
        }
        model.visibleVersions().stream().filter(v -> v.modelId().equals(modelId)).findFirst().ifPresent(v -> {
            table.getSelectionModel().select(v);
            table.scrollTo(v);
        });
    }

    /**
     * Fills the detail grid. Its controls are made once and refilled on every selection: making ~50 text fields, buttons
     * and tooltips anew (skins, CSS) cost 50–100 ms of the FX thread per selection, so holding ↓ in the table stalled
     * pulses for up to 300 ms. The grid is emptied only while no version is shown.
     */
    private void showFields(ModelVersion version) {
        if (version == null) {
            fields.getChildren().clear();
            return;
        }
        if (fields.getChildren().isEmpty()) {
            layOutFields();
        }
        StateBadge.apply(stateBadge, version.state());
        detailFields.forEach(field -> field.show(version));
    }

    /**
     * Each field's name above its value, so that the value has the pane's whole width (a name column took half of a
     * narrow pane and left "mome…2.0"); the Copy button beside the value.
     */
    private void layOutFields() {
        int row = 0;
        for (DetailField field : detailFields) {
            if (field.name.equals(STATE_AFTER)) {
                fields.add(fieldName("State"), 0, row++, 2, 1);
                fields.add(fixed(stateBadge), 0, row++);
            }
            fields.add(fieldName(field.name), 0, row++, 2, 1);
            fields.addRow(row++, field.text, fixed(field.copy));
        }
    }

    private static Label fieldName(String name) {
        Label label = new Label(name);
        label.getStyleClass().add("muted");
        label.setPadding(new Insets(6, 0, 0, 0));
        return label;
    }

    /** The state badge's row goes before this one. */
    private static final String STATE_AFTER = "Parent";

    /** The detail rows in order, each a name and what it shows of the version. */
    private static List<DetailField> detailRows() {
        return List.of(new DetailField("Model id", ModelVersion::modelId), new DetailField("Name", ModelVersion::modelName),
                new DetailField("Type", ModelVersion::modelType), new DetailField("Version", ModelVersion::version),
                new DetailField("Parent", ModelVersion::parentId), new DetailField("Path", ModelVersion::pathRef),
                new DetailField("Training config hash", ModelVersion::trainingConfigHash),
                new DetailField("Data snapshot", ModelVersion::dataSnapshotRef),
                new DetailField("Data snapshot hash", ModelVersion::dataSnapshotHash),
                new DetailField("Feature graph hash", ModelVersion::featureGraphHash),
                new DetailField("Code commit", ModelVersion::codeCommit),
                new DetailField("Created", v -> v.createdAt() + " by " + v.createdBy()),
                new DetailField("Updated", ModelVersion::updatedAt), new DetailField("State since", ModelVersion::stateChangedAt),
                new DetailField("Row version", v -> Long.toString(v.rowVersion())),
                new DetailField("Archived", v -> v.archived() ? "yes" : "no"));
    }

    /**
     * A value cut in the middle when the pane is narrow ("sha256:3f9a…e81b" keeps both ends, which is how hashes are
     * compared by eye), the whole value in its tooltip, plus a Copy button that copies the whole value shown now.
     */
    private static final class DetailField {

        private final String name;
        private final Function<ModelVersion, String> of;
        private final Label text = new Label();
        private final Tooltip whole = new Tooltip();
        private final Button copy = new Button("Copy");
        private String value;

        DetailField(String name, Function<ModelVersion, String> of) {
            this.name = name;
            this.of = of;
            text.getStyleClass().addAll("copyable", "detail-value");
            text.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
            text.setMinWidth(0);
            text.setMaxWidth(Double.MAX_VALUE);
            whole.setWrapText(true);
            whole.setMaxWidth(TOOLTIP_WIDTH);
            copy.setTooltip(new Tooltip("Copy " + name.toLowerCase(Locale.ROOT) + " to the clipboard"));
            copy.setOnAction(event -> Clipboard.copy(value));
        }

        void show(ModelVersion version) {
            value = of.apply(version);
            text.setText(value == null ? "—" : value);
            whole.setText(value);
            text.setTooltip(value == null ? null : whole);
            copy.setDisable(value == null);
        }
    }

    private static final double TOOLTIP_WIDTH = 520;
}
