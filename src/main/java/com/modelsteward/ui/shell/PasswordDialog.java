package com.modelsteward.ui.shell;

import com.modelsteward.registry.Location;
import com.modelsteward.ui.common.DialogService;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Asks for the password of a server registry when the server wants one that nobody gave (none in the address,
 * PGPASSWORD or ~/.pgpass) or refused the one given. It names the server, the database and the login, and says why it
 * asks; the login may be changed. The password goes into the address of this one connection attempt and nowhere else.
 */
final class PasswordDialog {

    private PasswordDialog() {
    }

    /** The address with the login and password typed, or empty when the user cancels. */
    static Optional<Location.Server> ask(DialogService dialogs, Location.Server server, String reason) {
        Dialog<Location.Server> dialog = new Dialog<>();
        dialog.setTitle("Log in to " + RegistryNames.serverName(server));
        dialog.setHeaderText("Log in to " + RegistryNames.serverName(server));
        DialogPane pane = dialog.getDialogPane();
        pane.setId("password-dialog");

        Label why = new Label(reason);
        why.setId("password-reason");
        why.setWrapText(true);
        // A wrapping label is as tall as its text is at its preferred width: given here, not left to its one-line width.
        why.setPrefWidth(460);
        TextField login = new TextField(server.user());
        login.setId("password-login");
        PasswordField password = new PasswordField();
        password.setId("password-field");
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.addRow(0, new Label("Server"), value("password-server", server.server()));
        grid.addRow(1, new Label("Database"), value("password-database", server.database()));
        grid.addRow(2, labelFor("_Login", login), login);
        grid.addRow(3, labelFor("_Password", password), password);
        GridPane.setHgrow(login, Priority.ALWAYS);
        Label note = new Label("The password is used for this connection only and is never saved. To be asked no more, put it in ~/.pgpass.");
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        note.setPrefWidth(460);
        VBox content = new VBox(12, why, grid, note);
        content.setPrefWidth(480);
        pane.setContent(content);

        ButtonType logIn = new ButtonType("Log _in", ButtonBar.ButtonData.OK_DONE);
        pane.getButtonTypes().addAll(logIn, ButtonType.CANCEL);
        Node logInButton = pane.lookupButton(logIn);
        logInButton.setId("password-log-in");
        logInButton.disableProperty().bind(login.textProperty().isEmpty().or(password.textProperty().isEmpty()));
        dialog.setResultConverter(button -> {
            Location.Server typed = button == logIn ? server.as(login.getText().strip(), password.getText()) : null;
            // Not kept in the closed dialog's field either.
            password.clear();
            return typed;
        });
        dialog.setOnShown(event -> password.requestFocus());
        return dialogs.showAndWait(dialog);
    }

    private static Label value(String id, String text) {
        Label label = new Label(text);
        label.setId(id);
        return label;
    }

    private static Label labelFor(String text, Node field) {
        Label label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(field);
        return label;
    }
}
