package com.modelsteward.ui.common;

import javafx.scene.Node;

/**
 * A page whose nodes are built when first asked for: the first time it is shown, or while the console is idle after
 * opening a registry — never during start-up, which paints only what it must. Building reads no data.
 */
public abstract class LazyPage implements Page {

    private Node root;

    @Override
    public final Node root() {
        if (root == null) {
            root = build();
        }
        return root;
    }

    /** Builds the page's nodes, reading no data ({@link #refresh()} does); called once, on the FX thread. */
    protected abstract Node build();
}
