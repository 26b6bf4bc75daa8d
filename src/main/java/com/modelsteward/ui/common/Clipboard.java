package com.modelsteward.ui.common;

import javafx.scene.input.ClipboardContent;

/** Copy a value (a hash, an id) to the system clipboard. */
public final class Clipboard {

    private Clipboard() {
    }

    public static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text == null ? "" : text);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
    }
}
