package com.modelsteward.ui.overview;

import com.modelsteward.registry.RegistryEvent;
import com.modelsteward.registry.StateCount;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.Columns;
import com.modelsteward.ui.common.LazyPage;
import com.modelsteward.ui.common.ThemeColours;
import com.modelsteward.ui.common.Tiles;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.skins.BarChartItem;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/** The landing page: ACTIVE models, pending approvals, drift alerts, versions per state, and the newest events. */
public final class OverviewView extends LazyPage {

    /** States whose badge colour the theme defines as {@code -color-<state>}; any other state gets one more colour. */
    private static final Set<String> THEMED_STATES = Set.of("active", "shadow", "candidate", "retired");

    private final OverviewViewModel model;
    private final AppContext context;

    public OverviewView(AppContext context) {
        this.context = context;
        this.model = new OverviewViewModel(context);
    }

    /**
     * A tile is a way in: a click, or Enter or Space when it has the focus (Tab reaches it), shows the page that lists
     * what it counts; its tooltip says which.
     */
    private Tile leadsTo(Tile tile, String pageId, String pageTitle) {
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

    /** One bar per state, in the state's badge colour (the bar's label carries the state; the colour repeats it). */
    private void fillStates(Tile states, Function<String, Color> colours) {
        states.clearBarChartItems();
        for (StateCount count : model.versionsByState()) {
            String state = count.state().toLowerCase(Locale.ROOT);
            BarChartItem item = new BarChartItem(count.state(), count.count(),
                    colours.apply(THEMED_STATES.contains(state) ? "-color-" + state : "-color-tile-other-state"));
            item.setFormatString("%.0f");
            states.addBarChartItem(item);
        }
    }

    @Override
    protected VBox build() {
        Tile active = Tiles.number("ACTIVE models", "model names with a live version");
        active.setId("tile-active");
        Tile pending = Tiles.number("Pending approvals", "requests waiting for a decision");
        pending.setId("tile-pending");
        Tile drift = Tiles.number("Drift alerts", "live versions with a SEVERE feature");
        drift.setId("tile-drift");
        Tile states = Tiles.bars("Versions per state");
        states.setId("tile-states");
        model.activeModelsProperty().addListener((obs, old, now) -> active.setValue(now.doubleValue()));
        model.pendingApprovalsProperty().addListener((obs, old, now) -> pending.setValue(now.doubleValue()));
        model.driftAlertsProperty().addListener((obs, old, now) -> drift.setValue(now.doubleValue()));
        model.versionsByState().addListener((ListChangeListener<StateCount>) change -> fillStates(states, ThemeColours.of(states)));
        ThemeColours.follow(states, colours -> fillStates(states, colours));

        leadsTo(active, "models", "Models");
        leadsTo(pending, "approvals", "Approvals");
        leadsTo(drift, "drift", "Drift");
        leadsTo(states, "models", "Models");
        FlowPane tiles = new FlowPane(12, 12, active, pending, drift, states);

        TableView<RegistryEvent> events = new TableView<>(model.recentEvents());
        events.setId("recent-events");
        events.setPlaceholder(new Label("No events yet: promotions, rollbacks and drift alerts appear here."));
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        events.getColumns().add(Columns.text("Time (" + zone.getId() + ")", event -> EventSentence.time(event, zone), 190));
        events.getColumns().add(Columns.text("What happened", EventSentence::of, 600));
        // The event as the pipeline receives it, for whoever needs the raw record: behind the toggle below.
        var type = Columns.text("Event type", RegistryEvent::eventType, 260);
        var payload = Columns.text("Payload", RegistryEvent::payloadJson, 600);
        events.getColumns().addAll(List.of(type, payload));
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
        VBox box = new VBox(12, title, tiles, eventsBar, events);
        box.setPadding(new Insets(16));
        return box;
    }
}
