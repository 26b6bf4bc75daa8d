package com.modelsteward.ui.shell;

import com.modelsteward.registry.Location;
import com.modelsteward.registry.Registry;
import com.modelsteward.ui.common.DialogService;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;

/** Help ▸ Keyboard shortcuts and Help ▸ About. */
final class HelpDialogs {

    private HelpDialogs() {
    }

    /** The shortcuts from {@link Shortcuts#rows()} as a two-column list: keys, what they do. */
    static void showShortcuts(DialogService dialogs) {
        GridPane grid = new GridPane();
        grid.setId("shortcuts");
        grid.setHgap(24);
        grid.setVgap(6);
        int row = 0;
        for (Shortcuts.Row shortcut : Shortcuts.rows()) {
            Label keys = new Label(shortcut.keys());
            keys.getStyleClass().add("shortcut-keys");
            Label action = new Label(shortcut.action());
            action.setWrapText(true);
            grid.addRow(row++, keys, action);
        }
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Keyboard shortcuts");
        dialog.setHeaderText("Keyboard shortcuts");
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialogs.showAndWait(dialog);
    }

    /**
     * What About says: the app's version, the Java and JavaFX it runs on, and the open registry with its schema version
     * (the one this build writes, too, since an older registry is migrated when opened); for a server registry, the login
     * the server authenticated.
     */
    static String aboutText(String appVersion, Registry registry, String user) {
        StringBuilder text = new StringBuilder("Model Steward ").append(appVersion).append('\n')
                .append("Java ").append(System.getProperty("java.runtime.version"))
                .append(", JavaFX ").append(System.getProperty("javafx.runtime.version", "unknown")).append("\n\n");
        if (registry == null) {
            text.append("No registry is open. This build reads and writes registry schema v").append(Registry.latestSchemaVersion()).append('.');
        } else {
            text.append("Registry: ").append(registry.location()).append('\n');
            if (registry.location() instanceof Location.Server) {
                text.append("Logged in as: ").append(user).append('\n');
            }
            text.append("Schema version: v").append(registry.schemaVersion())
                    .append(" (this build writes v").append(Registry.latestSchemaVersion()).append(')')
                    .append(registry.isReadOnly() ? "\nOpened read-only." : "");
        }
        return text.toString();
    }
}
