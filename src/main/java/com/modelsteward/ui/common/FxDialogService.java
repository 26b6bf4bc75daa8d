package com.modelsteward.ui.common;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Window;

/**
 * Dialogs owned by the main window and styled with the app's stylesheets (a separate window does not inherit them);
 * a dialog that is open when the theme changes follows it.
 */
public final class FxDialogService implements DialogService {

    private final Window owner;
    private final ObservableList<String> stylesheets;

    public FxDialogService(Window owner, List<String> stylesheets) {
        this(owner, FXCollections.observableArrayList(stylesheets));
    }

    /** @param stylesheets the theme's stylesheets, which the caller changes when the user picks another theme */
    public FxDialogService(Window owner, ObservableList<String> stylesheets) {
        this.owner = owner;
        this.stylesheets = stylesheets;
    }

    @Override
    public void showError(String title, String message) {
        alert(Alert.AlertType.ERROR, title, message).showAndWait();
    }

    @Override
    public void showInfo(String title, String message) {
        alert(Alert.AlertType.INFORMATION, title, message).showAndWait();
    }

    @Override
    public boolean confirm(String title, String message) {
        return alert(Alert.AlertType.CONFIRMATION, title, message).showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    /** Applies the owner and the theme to any dialog pane built elsewhere. */
    public void style(DialogPane pane) {
        Bindings.bindContent(pane.getStylesheets(), stylesheets);
    }

    public Window owner() {
        return owner;
    }

    private Alert alert(Alert.AlertType type, String title, String message) {
        Alert alert = new Alert(type);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        Label text = new Label(message);
        text.setWrapText(true);
        // A label's preferred width is its text on one line, and the dialog took it: a long sentence made it wider than
        // the screen. At 520 px the text wraps.
        text.setPrefWidth(520);
        text.setMaxWidth(520);
        alert.getDialogPane().setContent(text);
        style(alert.getDialogPane());
        return alert;
    }
}
