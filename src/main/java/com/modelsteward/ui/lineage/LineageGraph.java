package com.modelsteward.ui.lineage;

import com.modelsteward.lineage.GraphLayout;
import com.modelsteward.lineage.LineageTree;
import com.modelsteward.ui.common.StateBadge;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.CubicCurve;

/**
 * The versions of one name as a graph: one column per version in creation order, lanes for branches, retrained-from
 * edges. Each node shows its version, state symbol and state word, coloured by state. Zoom with the buttons or
 * Ctrl+wheel, pan by dragging; clicking a node selects that version everywhere.
 */
public final class LineageGraph extends BorderPane {

    static final double NODE_WIDTH = 104;
    static final double NODE_HEIGHT = 44;
    static final double COLUMN = 128;
    static final double LANE = 64;
    private static final double PAD = 24;
    private static final double MIN_ZOOM = 0.08;
    private static final double MAX_ZOOM = 2.5;
    /** Below this a node's version and state are too small to read; Fit stops here and scrolls to the selection. */
    static final double LEGIBLE_ZOOM = 0.75;
    /** Fit enlarges a small graph up to this, so that it fills the pane instead of sitting in a corner. */
    private static final double FIT_MAX_ZOOM = 1.5;
    private static final double CAPTION_MIN_WIDTH = 120;

    private final Pane canvas = new Pane();
    private final Group zoomed = new Group(canvas);
    private final ScrollPane scroll = new ScrollPane(new Group(zoomed));
    private final Label caption = new Label("Select a version to see the graph of its name.");
    /** Until the first layout tells the viewport's width, draw as if it were this wide. */
    private static final double FALLBACK_VIEW_WIDTH = 1600;

    private final Map<String, Label> nodes = new HashMap<>();
    private final Map<String, GraphLayout.Position> positions = new HashMap<>();
    private GraphLayout layout;
    private int drawnFrom = -1;
    private int drawnTo = -1;
    private final Consumer<String> onSelect;
    private double zoom = 1;
    private String selected;

    public LineageGraph(Consumer<String> onSelect) {
        this.onSelect = onSelect;
        getStyleClass().add("lineage-graph");
        setId("lineage-graph");
        canvas.getStyleClass().add("graph-canvas");
        scroll.setPannable(true);
        scroll.getStyleClass().add("graph-scroll");
        scroll.addEventFilter(ScrollEvent.SCROLL, event -> {
            if (event.isControlDown() || event.isShortcutDown()) {
                setZoom(zoom * (event.getDeltaY() > 0 ? 1.15 : 1 / 1.15));
                event.consume();
            }
        });
        Button in = new Button("+");
        in.setId("graph-zoom-in");
        in.setTooltip(new Tooltip("Zoom in (Ctrl+wheel)"));
        in.setOnAction(event -> setZoom(zoom * 1.25));
        Button out = new Button("−");
        out.setId("graph-zoom-out");
        out.setTooltip(new Tooltip("Zoom out (Ctrl+wheel)"));
        out.setOnAction(event -> setZoom(zoom / 1.25));
        Button fit = new Button("Fit");
        fit.setId("graph-fit");
        fit.setTooltip(new Tooltip("Show the whole graph"));
        fit.setOnAction(event -> fit());
        Button actual = new Button("100 %");
        actual.setOnAction(event -> {
            setZoom(1);
            reveal(selected);
        });
        caption.getStyleClass().add("graph-caption");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        caption.setMinWidth(CAPTION_MIN_WIDTH);
        caption.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(caption, Priority.ALWAYS);
        for (Button button : new Button[] {in, out, fit, actual}) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(6, caption, out, in, fit, actual);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label hint = new Label("Ctrl+wheel zooms · drag to pan · click a version to select it everywhere");
        hint.getStyleClass().add("graph-hint");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        // The hint wraps above the legend when the pane is narrow, rather than being cut or widening the pane.
        javafx.scene.layout.VBox second = new javafx.scene.layout.VBox(4, hint, legend());
        javafx.scene.layout.VBox top = new javafx.scene.layout.VBox(6, bar, second);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);
        setCenter(scroll);
        scroll.hvalueProperty().addListener((obs, old, now) -> drawVisible());
        scroll.viewportBoundsProperty().addListener((obs, old, now) -> drawVisible());
    }

    private static HBox legend() {
        HBox legend = new HBox(6);
        legend.setAlignment(Pos.CENTER_LEFT);
        for (String state : new String[] {"ACTIVE", "SHADOW", "CANDIDATE", "RETIRED"}) {
            Label badge = StateBadge.of(state);
            badge.setMinWidth(Region.USE_PREF_SIZE);
            legend.getChildren().add(badge);
        }
        return legend;
    }

    /** Draws a name's versions; {@code selectedId} is highlighted and scrolled into view. */
    public void show(LineageTree.Group group, String selectedId) {
        show(group, group == null ? null : GraphLayout.of(group), selectedId);
    }

    /** Like {@link #show(LineageTree.Group, String)} with the layout computed beforehand (off the FX thread). */
    public void show(LineageTree.Group group, GraphLayout computed, String selectedId) {
        canvas.getChildren().clear();
        nodes.clear();
        positions.clear();
        layout = null;
        drawnFrom = -1;
        drawnTo = -1;
        if (group == null) {
            caption.setText("Select a version to see the graph of its name.");
            return;
        }
        layout = computed;
        caption.setText(group.modelName() + " — " + layout.columns() + " versions on " + layout.lanes() + " lane(s)"
                + group.active().map(a -> " · ACTIVE " + a.version()).orElse(" · no ACTIVE version"));
        layout.positions().forEach(p -> positions.put(p.version().modelId(), p));
        canvas.setPrefSize(x(layout.columns()) + PAD, y(layout.lanes()) + PAD);
        canvas.setMinSize(canvas.getPrefWidth(), canvas.getPrefHeight());
        selected = selectedId;
        reveal(selectedId);
        drawVisible();
    }

    /**
     * Creates nodes and edges only for the columns in view (plus a margin): a name with 1 000 versions as 2 000 labels
     * and curves took seconds of FX time to build, style and lay out. The canvas keeps the whole graph's size, so the
     * scroll bars and zoom behave as before; scrolling or zooming draws the columns that come into view.
     */
    private void drawVisible() {
        if (layout == null) {
            return;
        }
        int[] range = visibleColumns();
        if (range[0] == drawnFrom && range[1] == drawnTo) {
            return;
        }
        drawnFrom = range[0];
        drawnTo = range[1];
        canvas.getChildren().clear();
        nodes.clear();
        for (GraphLayout.Edge edge : layout.edges()) {
            GraphLayout.Position from = positions.get(edge.parentId());
            GraphLayout.Position to = positions.get(edge.childId());
            if (Math.min(from.column(), to.column()) > drawnTo || Math.max(from.column(), to.column()) < drawnFrom) {
                continue;
            }
            double x1 = x(from.column()) + NODE_WIDTH;
            double y1 = y(from.lane()) + NODE_HEIGHT / 2;
            double x2 = x(to.column());
            double y2 = y(to.lane()) + NODE_HEIGHT / 2;
            double bend = Math.max(24, (x2 - x1) / 2);
            CubicCurve curve = new CubicCurve(x1, y1, x1 + bend, y1, x2 - bend, y2, x2, y2);
            curve.getStyleClass().add("graph-edge");
            canvas.getChildren().add(curve);
        }
        for (GraphLayout.Position position : layout.positions()) {
            if (position.column() < drawnFrom || position.column() > drawnTo) {
                continue;
            }
            var version = position.version();
            Label node = new Label(StateBadge.symbol(version.state()) + " " + version.version() + "\n" + version.state());
            node.setId("graph-node-" + version.modelId());
            node.getStyleClass().addAll("graph-node", "graph-" + version.state().toLowerCase(Locale.ROOT));
            if (version.modelId().equals(selected)) {
                node.getStyleClass().add("graph-selected");
            }
            node.setMinSize(NODE_WIDTH, NODE_HEIGHT);
            node.setPrefSize(NODE_WIDTH, NODE_HEIGHT);
            node.setMaxSize(NODE_WIDTH, NODE_HEIGHT);
            node.relocate(x(position.column()), y(position.lane()));
            // A Tooltip is a popup control of its own: made when the pointer first comes near, not for every node drawn.
            node.setOnMouseEntered(event -> {
                if (node.getTooltip() == null) {
                    node.setTooltip(new Tooltip(version.modelId() + "\n" + version.state() + "\ncreated " + version.createdAt() + " by "
                            + version.createdBy() + (version.parentId() == null ? "" : "\nretrained from " + version.parentId())));
                }
            });
            node.setOnMouseClicked(event -> onSelect.accept(version.modelId()));
            nodes.put(version.modelId(), node);
            canvas.getChildren().add(node);
        }
    }

    /** The first and last column to draw: those in the viewport and half a screen's width either side. */
    private int[] visibleColumns() {
        Bounds view = scroll.getViewportBounds();
        double viewWidth = view.getWidth() > 0 ? view.getWidth() : FALLBACK_VIEW_WIDTH;
        double contentWidth = canvas.getPrefWidth() * zoom;
        double left = contentWidth > viewWidth ? scroll.getHvalue() * (contentWidth - viewWidth) / zoom : 0;
        double width = viewWidth / zoom;
        int first = (int) Math.floor((left - PAD - width / 2) / COLUMN);
        int last = (int) Math.ceil((left + 1.5 * width) / COLUMN);
        return new int[] {Math.max(0, first), Math.min(layout.columns() - 1, last)};
    }

    /** Marks the selected version's node without redrawing. */
    public void highlight(String modelId) {
        if (selected != null && nodes.containsKey(selected)) {
            nodes.get(selected).getStyleClass().remove("graph-selected");
        }
        selected = modelId;
        if (modelId != null && nodes.containsKey(modelId)) {
            nodes.get(modelId).getStyleClass().add("graph-selected");
        }
    }

    /** Whether the version is in the graph shown (drawn or scrolled out of view). */
    public boolean contains(String modelId) {
        return positions.containsKey(modelId);
    }

    public double zoom() {
        return zoom;
    }

    /** The number of versions in the graph shown. */
    public int nodeCount() {
        return positions.size();
    }

    public void setZoom(double value) {
        zoom = Math.clamp(value, MIN_ZOOM, MAX_ZOOM);
        zoomed.setScaleX(zoom);
        zoomed.setScaleY(zoom);
        drawVisible();
    }

    /**
     * Zooms so that the whole graph fills the visible area, but never below the zoom at which nodes stay readable: a
     * long retrain line then scrolls sideways, showing the selected version, instead of shrinking to unreadable dots.
     */
    public void fit() {
        Bounds view = scroll.getViewportBounds();
        if (view.getWidth() <= 0 || canvas.getPrefWidth() <= 0) {
            return;
        }
        double whole = Math.min(view.getWidth() / canvas.getPrefWidth(), view.getHeight() / canvas.getPrefHeight());
        setZoom(Math.clamp(whole, LEGIBLE_ZOOM, FIT_MAX_ZOOM));
        reveal(selected);
    }

    /** Scrolls so that the version's node is in view. */
    public void reveal(String modelId) {
        GraphLayout.Position position = modelId == null ? null : positions.get(modelId);
        if (position == null) {
            return;
        }
        scroll.layout();
        double contentWidth = canvas.getPrefWidth() * zoom;
        double viewWidth = scroll.getViewportBounds().getWidth();
        if (contentWidth > viewWidth && viewWidth > 0) {
            double centre = (x(position.column()) + NODE_WIDTH / 2) * zoom;
            scroll.setHvalue(Math.clamp((centre - viewWidth / 2) / (contentWidth - viewWidth), 0, 1));
        }
    }

    private static double x(int column) {
        return PAD + column * COLUMN;
    }

    private static double y(int lane) {
        return PAD + lane * LANE;
    }

    /** For tests: the node drawn for a version. */
    Label node(String modelId) {
        return nodes.get(modelId);
    }
}
