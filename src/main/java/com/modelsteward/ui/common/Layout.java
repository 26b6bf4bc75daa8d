package com.modelsteward.ui.common;

import javafx.scene.layout.Region;

/** Small layout rules shared by the views. */
public final class Layout {

    private Layout() {
    }

    /** Labels and buttons keep their full text; text fields and tables give way instead. */
    public static <T extends Region> T fixed(T node) {
        node.setMinWidth(Region.USE_PREF_SIZE);
        return node;
    }
}
