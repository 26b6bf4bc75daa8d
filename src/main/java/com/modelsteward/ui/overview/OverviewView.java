package com.modelsteward.ui.overview;

import com.modelsteward.app.AttentionInbox;
import com.modelsteward.registry.RegistryEvent;
import com.modelsteward.ui.approvals.GovernanceActions;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.Columns;
import com.modelsteward.ui.common.LazyPage;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/**
 * The landing page: what needs the logged-in user (requests to decide, SEVERE drift, due shadows, failed lineage), the
 * ACTIVE models, pending approvals, drift alerts, versions per state, and the newest events.
 */
public final class OverviewView extends LazyPage {

    private static final double TILE_HEIGHT = 140;
    private static final double TILE_WIDTH = 230;
    private static final double TILE_MIN_WIDTH = 140;

    private final OverviewViewModel model;
    private final AppContext context;

    public OverviewView(AppContext context) {
        this.context = context;
        this.model = new OverviewViewModel(context, new GovernanceActions(context)::openRequest);
    }

    /**
     * A tile is a way in: a click, or Enter or Space when it has the focus (Tab reaches it), shows the page that lists
     * what it counts; its tooltip says which.
     */
    private <T extends Region> T leadsTo(T tile, String pageId, String pageTitle) {
        tile.setFocusTraversable(true);
        tile.getStyleClass().add("tile-link");
        tile.setAccessibleHelp("Opens " + pageTitle);
        javafx.scene.control.Tooltip.install(tile, new javafx.scene.control.Tooltip("Open " + pageTitle + " (click, or Enter)"));
        tile.setOnMouseClicked(event -> context.navigate(pageId));
        tile.setOnKeyPressed(event -> {
            if (event.getCode() == javafx.scene.input.KeyCode.ENTER || event.getCode() == javafx.scene.input.KeyCode.SPACE) {
                event.consume();
                context.navigate(pageId);
            }
        });
        return tile;
    }

    @Override
    public void refresh() {
        model.refresh();
    }

    /** See {@link OverviewViewModel#useFirst}. */
    public void useFirst(java.util.concurrent.Future<OverviewViewModel.Snapshot> snapshot) {
        model.useFirst(snapshot);
    }

    /** See {@link OverviewViewModel#afterFirstShown}. */
    public void afterFirstShown(java.util.function.Consumer<Runnable> starter) {
        model.afterFirstShown(starter);
    }

    /** The start-up's "first frame with data": see {@link OverviewViewModel#whenFirstLoaded}. */
    public void whenFirstLoaded(java.util.function.Consumer<java.util.Optional<Throwable>> action) {
        model.whenFirstLoaded(action);
    }

    @Override
    protected VBox build() {
        FigureTile active = new FigureTile("ACTIVE models", "model names with a live version");
        active.setId("tile-active");
        FigureTile pending = new FigureTile("Pending approvals", "requests waiting for a decision");
        pending.setId("tile-pending");
        FigureTile drift = new FigureTile("Drift alerts", "live versions with a SEVERE feature");
        drift.setId("tile-drift");
        StateBarsTile states = new StateBarsTile("Versions per state");
        states.setId("tile-states");
        // Each read's figures, once all are in: a first read of zeros replaces the tiles' dashes too.
        Runnable showFigures = () -> {
            active.setValue(model.activeModelsProperty().get());
            pending.setValue(model.pendingApprovalsProperty().get());
            drift.setValue(model.driftAlertsProperty().get());
            states.show(model.versionsByState());
        };
        model.readsShownProperty().addListener((obs, old, now) -> showFigures.run());
        if (model.readsShownProperty().get() > 0) {
            showFigures.run();
        }

        leadsTo(active, "models", "Models");
        leadsTo(pending, "approvals", "Approvals");
        leadsTo(drift, "drift", "Drift");
        leadsTo(states, "models", "Models");
        HBox tiles = new HBox(12, active, pending, drift, states);
        // One row that shares the page's width: at 1024 px a wrapped second row of tiles left the inbox two lines.
        for (Region tile : List.of(active, pending, drift, states)) {
            tile.setMinSize(TILE_MIN_WIDTH, TILE_HEIGHT);
            tile.setPrefSize(TILE_WIDTH, TILE_HEIGHT);
            tile.setMaxSize(Double.MAX_VALUE, TILE_HEIGHT);
            HBox.setHgrow(tile, Priority.ALWAYS);
        }
        states.setMinWidth(TILE_MIN_WIDTH * 1.5);
        states.setPrefWidth(TILE_WIDTH * 1.4);

        TableView<RegistryEvent> events = new TableView<>(model.recentEvents());
        events.setId("recent-events");
        events.setPlaceholder(new Label("No events yet: promotions, rollbacks and drift alerts appear here."));
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        TableColumn<RegistryEvent, String> time = Columns.text("Time (" + zone.getId() + ")", event -> EventSentence.time(event, zone), 180);
        time.setMinWidth(180);
        time.setMaxWidth(200);
        TableColumn<RegistryEvent, String> sentence = wrapped(Columns.text("What happened", EventSentence::of, 600));
        events.getColumns().addAll(List.of(time, sentence));
        // The event as the pipeline receives it, for whoever needs the raw record: behind the toggle below.
        TableColumn<RegistryEvent, String> type = Columns.text("Event type", RegistryEvent::eventType, 220);
        TableColumn<RegistryEvent, String> payload = wrapped(Columns.text("Payload", RegistryEvent::payloadJson, 600));
        events.getColumns().addAll(List.of(type, payload));
        // The sentences share the table's width and wrap: the longest ones were cut at the window's edge at 1024 px.
        events.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        javafx.scene.control.CheckBox raw = new javafx.scene.control.CheckBox("Show the raw _events");
        raw.setId("events-raw");
        type.visibleProperty().bind(raw.selectedProperty());
        payload.visibleProperty().bind(raw.selectedProperty());
        VBox.setVgrow(events, Priority.ALWAYS);

        Label title = new Label("Overview");
        title.getStyleClass().add("page-title");
        Label eventsTitle = new Label("Recent events");
        eventsTitle.getStyleClass().add("section-title");
        javafx.scene.layout.HBox eventsBar = new javafx.scene.layout.HBox(16, eventsTitle, raw);
        eventsBar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox eventsBox = new VBox(8, eventsBar, events);
        SplitPane lists = new SplitPane(attention(), eventsBox);
        lists.setOrientation(Orientation.VERTICAL);
        lists.setDividerPositions(0.45);
        VBox.setVgrow(lists, Priority.ALWAYS);
        VBox box = new VBox(12, title, tiles, lists);
        box.setPadding(new Insets(16));
        return box;
    }

    /** A text column whose cells wrap at the column's width, so that a long sentence grows its row instead of being cut. */
    private static <S> TableColumn<S, String> wrapped(TableColumn<S, String> column) {
        column.setCellFactory(ignored -> new TableCell<>() {
            private final Text text = new Text();

            {
                text.getStyleClass().add("wrapped-cell-text");
                text.wrappingWidthProperty().bind(column.widthProperty().subtract(12));
                setPrefHeight(Region.USE_COMPUTED_SIZE);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                text.setText(empty || item == null ? "" : item);
                setGraphic(empty || item == null ? null : text);
            }
        });
        return column;
    }

    /**
     * "Needs your attention": one line per thing the user should act on, a click or Enter away from its page. The list
     * takes the focus like any list (Tab, then the arrows); an empty inbox says so in a sentence once it has been read.
     */
    private VBox attention() {
        ListView<AttentionInbox.Item> list = new ListView<>(model.attention());
        list.setId("attention");
        list.setAccessibleText("Needs your attention");
        list.setCellFactory(ignored -> new AttentionCell(list));
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add("placeholder-message");
        placeholder.textProperty().bind(Bindings.when(model.attentionLoadedProperty())
                .then("Nothing needs you now: no request waits for your decision, no live version drifts SEVERE, no shadow is due "
                        + "and every live version's lineage checks out.")
                .otherwise("Reading what needs you…"));
        list.setPlaceholder(placeholder);
        list.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER || event.getCode() == KeyCode.SPACE) {
                AttentionInbox.Item item = list.getSelectionModel().getSelectedItem() != null
                        ? list.getSelectionModel().getSelectedItem() : list.getFocusModel().getFocusedItem();
                if (item != null) {
                    event.consume();
                    model.open(item);
                }
            }
        });
        list.focusedProperty().addListener((obs, old, now) -> {
            if (now && list.getSelectionModel().isEmpty() && !list.getItems().isEmpty()) {
                list.getSelectionModel().selectFirst();
            }
        });
        Label heading = new Label();
        heading.getStyleClass().add("section-title");
        heading.textProperty().bind(Bindings.createStringBinding(() -> "Needs your attention"
                + (model.attention().isEmpty() ? "" : " (" + model.attention().size() + ")") + " — " + context.user(), model.attention()));
        Label hint = new Label("Click an item, or select it and press Enter, to open it.");
        hint.getStyleClass().add("muted");
        HBox bar = new HBox(16, heading, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox box = new VBox(8, bar, list);
        box.setMinHeight(120);
        return box;
    }

    /** An inbox line: what kind of thing in words (never by colour alone), a title, and why it needs the user, wrapped. */
    private final class AttentionCell extends ListCell<AttentionInbox.Item> {

        private final Label kind = new Label();
        private final Label title = new Label();
        private final Label detail = new Label();
        private final HBox line;

        AttentionCell(ListView<AttentionInbox.Item> list) {
            kind.getStyleClass().add("attention-kind");
            title.getStyleClass().add("attention-title");
            title.setWrapText(true);
            detail.getStyleClass().add("muted");
            detail.setWrapText(true);
            VBox text = new VBox(2, title, detail);
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setMinWidth(0);
            line = new HBox(10, kind, text);
            line.setAlignment(Pos.TOP_LEFT);
            // Wrapped labels need a width to wrap at: the list's, less its scroll bar and padding.
            line.prefWidthProperty().bind(list.widthProperty().subtract(36));
            line.setMaxWidth(Region.USE_PREF_SIZE);
            setOnMouseClicked(event -> {
                if (event.getButton() == MouseButton.PRIMARY && getItem() != null) {
                    model.open(getItem());
                }
            });
        }

        @Override
        protected void updateItem(AttentionInbox.Item item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            kind.setText(switch (item.kind()) {
                case DECIDE -> "Decide";
                case SEVERE_DRIFT -> "▲ Drift";
                case LINEAGE_FAILED -> "✗ Lineage";
                case SHADOW_ELAPSED -> "◷ Shadow due";
            });
            title.setText(item.title());
            detail.setText(item.detail());
            setAccessibleText(kind.getText() + ": " + item.title() + ". " + item.detail());
            setGraphic(line);
        }
    }
}
