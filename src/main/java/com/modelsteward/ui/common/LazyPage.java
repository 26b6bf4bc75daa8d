package com.modelsteward.ui.common;

import javafx.scene.Node;

/** A page whose nodes are built the first time it is shown, never before (start-up paints only what it must). */
public abstract class LazyPage implements Page {

    private Node root;

    @Override
    public final Node root() {
        if (root == null) {
            root = build();
        }
        return root;
    }

    /** Builds the page's nodes; called once, on the FX thread, when the page is first shown. */
    protected abstract Node build();
}
