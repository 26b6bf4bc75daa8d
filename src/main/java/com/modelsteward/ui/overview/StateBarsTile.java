package com.modelsteward.ui.overview;

import com.modelsteward.registry.StateCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.geometry.HPos;
import javafx.scene.Node;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Overview's versions per state: a line per state with its name, a bar as long as its share of the largest count,
 * and the count. The name and the number carry the meaning; the bar's colour is the state's badge colour and only
 * repeats it. Styled by the theme ({@code .state-bars-tile} in light.css), like {@link FigureTile}.
 */
public final class StateBarsTile extends VBox {

    /** States whose badge colour the theme defines as {@code -color-<state>}; any other state gets one more colour. */
    private static final Set<String> THEMED_STATES = Set.of("active", "shadow", "candidate", "retired");
    /** Lines the tile's height holds; beyond them the smallest states share the last line. */
    static final int LINES = 5;

    private final String title;
    /** A row per state: name, bar, count; the bars share one column, so their lengths compare. */
    private final GridPane lines = new GridPane();
    private List<StateCount> counts = List.of();

    StateBarsTile(String title) {
        this.title = title;
        getStyleClass().add("state-bars-tile");
        Label heading = new Label(title);
        heading.getStyleClass().add("figure-tile-title");
        lines.setHgap(8);
        lines.setVgap(6);
        ColumnConstraints name = new ColumnConstraints();
        name.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints bar = new ColumnConstraints();
        bar.setHgrow(Priority.ALWAYS);
        bar.setMinWidth(24);
        ColumnConstraints number = new ColumnConstraints();
        number.setMinWidth(Region.USE_PREF_SIZE);
        number.setHalignment(HPos.RIGHT);
        lines.getColumnConstraints().setAll(name, bar, number);
        VBox.setVgrow(lines, Priority.ALWAYS);
        getChildren().addAll(heading, lines);
        setAccessibleRole(AccessibleRole.BUTTON);
        setAccessibleText(title + ": not read yet");
    }

    /** Shows one line per state, the largest count first. */
    public void show(List<StateCount> now) {
        counts = List.copyOf(now);
        List<StateCount> sorted = new ArrayList<>(now);
        sorted.sort(Comparator.comparingLong(StateCount::count).reversed().thenComparing(StateCount::state));
        long largest = sorted.isEmpty() ? 0 : sorted.getFirst().count();
        lines.getChildren().clear();
        int whole = sorted.size() <= LINES ? sorted.size() : LINES - 1;
        for (StateCount count : sorted.subList(0, whole)) {
            String state = count.state().toLowerCase(Locale.ROOT);
            addLine(count.state(), count.count(), largest, THEMED_STATES.contains(state) ? "-color-" + state : "-color-tile-other-state");
        }
        if (sorted.isEmpty()) {
            Label none = new Label("No versions yet");
            none.getStyleClass().add("state-bars-name");
            lines.add(none, 0, 0, 3, 1);
        }
        if (whole < sorted.size()) {
            List<StateCount> rest = sorted.subList(whole, sorted.size());
            addLine(rest.size() + " other states", rest.stream().mapToLong(StateCount::count).sum(), largest, "-color-tile-other-state");
        }
        setAccessibleText(sorted.isEmpty() ? title + ": no versions yet" : title + ": " + sorted.stream().map(count -> count.state() + " " + count.count())
                .collect(Collectors.joining(", ")));
    }

    /** The counts shown, as the registry gave them. */
    public List<StateCount> counts() {
        return counts;
    }

    private void addLine(String name, long count, long largest, String colour) {
        Label label = new Label(name);
        label.getStyleClass().add("state-bars-name");
        Label number = new Label(Long.toString(count));
        number.getStyleClass().add("state-bars-count");
        lines.addRow(lines.getRowCount(), label, new Bar(largest == 0 ? 0 : (double) count / largest, colour), number);
    }

    /** The lines as shown, each its name, bar and count (for tests). */
    List<List<Node>> lines() {
        List<List<Node>> rows = new ArrayList<>();
        for (Node node : lines.getChildren()) {
            int row = GridPane.getRowIndex(node);
            while (rows.size() <= row) {
                rows.add(new ArrayList<>());
            }
            rows.get(row).add(node);
        }
        return rows;
    }

    /** A track and a fill as long as {@code fraction} of it; a non-zero count always shows a sliver. */
    private static final class Bar extends Region {

        private final Region fill = new Region();
        private final double fraction;

        Bar(double fraction, String colour) {
            this.fraction = fraction;
            getStyleClass().add("state-bars-track");
            fill.getStyleClass().add("state-bars-fill");
            fill.setStyle("-fx-background-color: " + colour + ";");
            getChildren().add(fill);
            setMaxWidth(Double.MAX_VALUE);
        }

        @Override
        protected double computePrefHeight(double width) {
            return 8;
        }

        @Override
        protected void layoutChildren() {
            double length = fraction <= 0 ? 0 : Math.max(3, getWidth() * fraction);
            fill.resizeRelocate(0, 0, length, getHeight());
        }
    }
}
