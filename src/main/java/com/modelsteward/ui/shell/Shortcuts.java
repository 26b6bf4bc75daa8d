package com.modelsteward.ui.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The main window's keyboard shortcuts, in one place: the menu bar takes its accelerators from here and Help ▸ Keyboard
 * shortcuts lists the same rows, so the list cannot drift from what the keys do. "Shortcut" is Ctrl, or ⌘ on macOS.
 */
final class Shortcuts {

    static final KeyCombination OPEN_REGISTRY = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination QUIT = new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination SHOW_SHORTCUTS = new KeyCodeCombination(KeyCode.F1);

    /** What a key does, as the shortcuts dialog and the README list it. */
    record Row(String keys, String action) {
    }

    private Shortcuts() {
    }

    /** Shortcut+1 … Shortcut+9 for the pages in sidebar order; pages after the ninth have none. */
    static Optional<KeyCombination> page(int index) {
        return index < 9 ? Optional.of(new KeyCodeCombination(KeyCode.valueOf("DIGIT" + (index + 1)), KeyCombination.SHORTCUT_DOWN))
                : Optional.empty();
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < Pages.ALL.size(); i++) {
            String title = Pages.ALL.get(i).title();
            page(i).ifPresent(key -> rows.add(new Row(key.getDisplayText(), "Show " + title)));
        }
        rows.add(new Row("↑ / ↓, Home / End", "In the sidebar: move to the previous, next, first or last page"));
        rows.add(new Row("Enter / Space", "In the sidebar: show the page that has the focus"));
        rows.add(new Row("Shift+F10 / Menu key", "In the Models table: the selected version's actions"));
        rows.add(new Row(OPEN_REGISTRY.getDisplayText(), "Open a registry: a file or a server"));
        rows.add(new Row(QUIT.getDisplayText(), "Quit"));
        rows.add(new Row(SHOW_SHORTCUTS.getDisplayText(), "This list of keyboard shortcuts"));
        rows.add(new Row("Alt+F / Alt+V / Alt+H", "Open the File, View or Help menu"));
        rows.add(new Row("Tab / Shift+Tab", "Move the focus between the sidebar, filters, tables and buttons"));
        return rows;
    }
}
