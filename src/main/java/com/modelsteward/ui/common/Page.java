package com.modelsteward.ui.common;

import javafx.scene.Node;

/** One screen of the console. Its nodes are built on first {@link #root()}; its data loads on {@link #refresh()}. */
public interface Page {

    Node root();

    /** Reloads the page's data in the background; called when the page is shown and when the registry changes. */
    void refresh();
}
