package com.modelsteward.ui.common;

import eu.hansolo.tilesfx.Section;
import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.scene.paint.Color;

/**
 * The one place TilesFX tiles are built (the Drift page's gauges; the Overview's tiles are the theme's labels, ADR 26),
 * so they share size, colours and no animation. TilesFX takes colours from Java, not CSS: they are the theme's
 * looked-up colours ({@link ThemeColours}), applied again when the theme changes.
 */
public final class Tiles {

    public static final double WIDTH = 230;
    public static final double HEIGHT = 170;

    private Tiles() {
    }

    /**
     * A gauge whose coloured sections carry the thresholds (green to {@code moderate}, amber to {@code severe}, red
     * beyond); the number and the text under it carry the meaning, the colour only repeats it.
     */
    public static Tile thresholdGauge(String title, String unit, String description, double max, double moderate, double severe,
                                      int decimals) {
        Tile gauge = TileBuilder.create()
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
                .sections(new Section(0, moderate), new Section(moderate, severe), new Section(severe, max))
                .animated(false)
                .build();
        return themed(gauge, colours -> {
            List<Section> sections = gauge.getSections();
            sections.get(0).setColor(colours.apply("-color-pass"));
            sections.get(1).setColor(colours.apply("-color-warn"));
            sections.get(2).setColor(colours.apply("-color-fail"));
        });
    }

    /** The tile's background now and after every theme change, then whatever else {@code more} colours. */
    private static Tile themed(Tile tile, Consumer<Function<String, Color>> more) {
        ThemeColours.follow(tile, colours -> {
            tile.setBackgroundColor(colours.apply("-color-tile-bg"));
            more.accept(colours);
        });
        return tile;
    }
}
