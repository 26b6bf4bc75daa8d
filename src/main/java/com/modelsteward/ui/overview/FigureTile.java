package com.modelsteward.ui.overview;

import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * One of the Overview's figures: its title, the number, and a line saying what it counts (the words carry the meaning,
 * not the colour). Three labels the theme styles ({@code .figure-tile} in light.css), where TilesFX's number tile built
 * a skin of its own on the FX thread before the console's first frame (docs/decisions/0026-overview-tiles.md).
 */
public final class FigureTile extends VBox {

    private final String title;
    private final String description;
    private final Label value = new Label("–");
    private long count = -1;

    FigureTile(String title, String description) {
        this.title = title;
        this.description = description;
        getStyleClass().add("figure-tile");
        Label heading = new Label(title);
        heading.getStyleClass().add("figure-tile-title");
        value.getStyleClass().add("figure-tile-value");
        value.setMaxWidth(Double.MAX_VALUE);
        value.setAlignment(Pos.CENTER_RIGHT);
        // A number is never cut short: the label keeps the width its digits need.
        value.setMinWidth(USE_PREF_SIZE);
        VBox.setVgrow(value, Priority.ALWAYS);
        Label text = new Label(description);
        text.getStyleClass().add("figure-tile-description");
        text.setWrapText(true);
        getChildren().addAll(heading, value, text);
        setAccessibleRole(AccessibleRole.BUTTON);
        setAccessibleText(title + ": not read yet");
    }

    /** Shows {@code now}; until the first call the tile shows a dash, not a zero nobody counted. */
    public void setValue(long now) {
        count = now;
        value.setText(Long.toString(now));
        setAccessibleText(title + ": " + now + ", " + description);
    }

    /** The number shown, or -1 before the first. */
    public long getValue() {
        return count;
    }
}
