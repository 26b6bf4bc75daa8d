package com.modelsteward.ui.common;

import eu.hansolo.tilesfx.Section;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import javafx.geometry.Insets;
import javafx.scene.paint.Color;

/** The one place tiles are built, so they share size, colours and (for tiles that update often) no animation. */
public final class Tiles {

    public static final double WIDTH = 230;
    public static final double HEIGHT = 170;

    private Tiles() {
    }

    /** A big number with a title and a text line under it (the text carries the meaning, not the colour). */
    public static Tile number(String title, String description) {
        return TileBuilder.create()
                .skinType(Tile.SkinType.NUMBER)
                .prefSize(WIDTH, HEIGHT)
                .title(title)
                .description(description)
                .decimals(0)
                .animated(false)
                .backgroundColor(Color.web("#1f2a37"))
                .padding(new Insets(8))
                .build();
    }

    /** Horizontal bars with a label and value each. */
    public static Tile bars(String title) {
        return TileBuilder.create()
                .skinType(Tile.SkinType.BAR_CHART)
                .prefSize(WIDTH * 1.6, HEIGHT)
                .title(title)
                .animated(false)
                .backgroundColor(Color.web("#1f2a37"))
                .build();
    }

    /**
     * A gauge whose coloured sections carry the thresholds (green to {@code moderate}, amber to {@code severe}, red
     * beyond); the number and the text under it carry the meaning, the colour only repeats it.
     */
    public static Tile thresholdGauge(String title, String unit, String description, double max, double moderate, double severe,
                                      int decimals) {
        return TileBuilder.create()
                .skinType(Tile.SkinType.GAUGE)
                .prefSize(WIDTH, HEIGHT)
                .title(title)
                .unit(unit)
                .description(description)
                .minValue(0)
                .maxValue(max)
                .decimals(decimals)
                .tickLabelDecimals(decimals)
                .threshold(severe)
                .thresholdVisible(true)
                .sectionsVisible(true)
                .sections(new Section(0, moderate, Color.web("#2e9e5b")), new Section(moderate, severe, Color.web("#d79b26")),
                        new Section(severe, max, Color.web("#d9534f")))
                .animated(false)
                .backgroundColor(Color.web("#1f2a37"))
                .build();
    }
}
