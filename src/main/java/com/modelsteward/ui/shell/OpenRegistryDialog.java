package com.modelsteward.ui.shell;

import com.modelsteward.registry.Location;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.ui.common.DialogService;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * File ▸ Open registry…: a SQLite file on this computer ("File": a path, or the file chooser) or a database on a
 * PostgreSQL server ("Server": its address, checked as it is typed, with one sentence under the field saying what is
 * wrong). Nothing is opened here; the console opens what this returns, in the background.
 */
final class OpenRegistryDialog {

    /**
     * The width wrapped sentences are laid out at. Given, not left to the label: a wrapping label's preferred height is
     * computed at its preferred width, which is otherwise its text on one line, and the dialog cut it to that one line.
     */
    private static final double WRAP_WIDTH = 520;
    /** Two lines of text. */
    private static final double PROBLEM_HEIGHT = 36;

    /** What a user may be in the middle of typing before an address can be read at all. */
    private static final List<String> SCHEMES = List.of("postgresql://", "postgres://", "jdbc:postgresql://");

    private OpenRegistryDialog() {
    }

    /** The location chosen, or empty when the user cancels; {@code current} (the open registry, or null) fills its tab. */
    static Optional<Location> ask(DialogService dialogs, Location current) {
        Dialog<Location> dialog = new Dialog<>();
        dialog.setTitle("Open a model registry");
        dialog.setHeaderText("Open a model registry: a file on this computer or a database on a PostgreSQL server");
        DialogPane pane = dialog.getDialogPane();
        pane.setId("open-registry-dialog");

        TextField path = new TextField(current instanceof Location.File file ? file.path().toString() : "");
        path.setId("open-file-path");
        path.setPromptText("/path/to/registry.db");
        HBox.setHgrow(path, Priority.ALWAYS);
        Button browse = new Button("_Browse…");
        browse.setId("open-file-browse");
        browse.setMinWidth(Button.USE_PREF_SIZE);
        Label pathLabel = labelFor("Registry _file", path);
        VBox fileBox = new VBox(8, muted("A SQLite registry file. It stays on one computer: never open one on a network share."),
                pathLabel, new HBox(8, path, browse));
        fileBox.getStyleClass().add("open-tab");
        Tab fileTab = new Tab("File", fileBox);
        fileTab.setId("open-tab-file");

        TextField address = new TextField(current instanceof Location.Server server ? server.toString() : "");
        address.setId("open-server-address");
        address.setPromptText("postgresql://user@host:5432/database");
        Label problem = new Label();
        problem.setId("open-server-problem");
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);
        problem.setPrefWidth(WRAP_WIDTH);
        problem.textProperty().bind(Bindings.createStringBinding(() -> problem(address.getText()), address.textProperty()));
        // Room for two lines is kept while nothing is wrong: the dialog keeps the size it opened with, so a sentence that
        // appeared later was cut to one line ending in "…", and so was the hint below it.
        problem.setMinHeight(PROBLEM_HEIGHT);
        VBox serverBox = new VBox(8, muted("A registry database on a PostgreSQL server, shared by the team."),
                labelFor("Server _address", address), address, problem,
                muted("postgresql://[user@]host[:port]/database[?sslmode=…]. The login is the one in the address, else PGUSER, else "
                        + "your account. The password comes from ~/.pgpass or PGPASSWORD, or is asked for; it is never saved."));
        serverBox.getStyleClass().add("open-tab");
        Tab serverTab = new Tab("Server", serverBox);
        serverTab.setId("open-tab-server");

        TabPane tabs = new TabPane(fileTab, serverTab);
        tabs.setId("open-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().select(current instanceof Location.Server ? serverTab : fileTab);
        tabs.setPrefWidth(560);
        pane.setContent(tabs);

        ButtonType open = new ButtonType("_Open", ButtonBar.ButtonData.OK_DONE);
        pane.getButtonTypes().addAll(open, ButtonType.CANCEL);
        Node openButton = pane.lookupButton(open);
        openButton.setId("open-registry-open");
        BooleanBinding fileMissing = path.textProperty().isEmpty();
        BooleanBinding serverInvalid = Bindings.createBooleanBinding(() -> server(address.getText()).isEmpty(), address.textProperty());
        openButton.disableProperty().bind(Bindings.when(tabs.getSelectionModel().selectedItemProperty().isEqualTo(serverTab))
                .then(serverInvalid).otherwise(fileMissing));
        dialog.setResultConverter(button -> {
            if (button != open) {
                return null;
            }
            return tabs.getSelectionModel().getSelectedItem() == serverTab ? server(address.getText()).orElse(null)
                    : new Location.File(java.nio.file.Path.of(path.getText().strip()));
        });

        browse.setOnAction(event -> {
            Optional<java.nio.file.Path> chosen = dialogs.chooseFileToOpen("Open a registry file", List.of(
                    new DialogService.FileType("SQLite registry", "*.db", "*.sqlite", "*.sqlite3"), new DialogService.FileType("All files", "*")));
            chosen.ifPresent(file -> {
                // A file picked in the chooser is the choice: opening it needs no second click.
                dialog.setResult(new Location.File(file));
                dialog.close();
            });
        });
        // Later: a click on a tab's header gives the focus to the tab pane after the selection changes.
        tabs.getSelectionModel().selectedItemProperty().addListener((property, before, now) ->
                Platform.runLater(() -> (now == serverTab ? address : path).requestFocus()));
        dialog.setOnShown(event -> (tabs.getSelectionModel().getSelectedItem() == serverTab ? address : path).requestFocus());
        return dialogs.showAndWait(dialog);
    }

    /** The server the text names, when it reads as one. */
    static Optional<Location.Server> server(String text) {
        if (text == null || text.isBlank() || !Location.isServer(text)) {
            return Optional.empty();
        }
        try {
            return Location.parse(text) instanceof Location.Server server ? Optional.of(server) : Optional.empty();
        } catch (RegistryException unreadable) {
            return Optional.empty();
        }
    }

    /** One sentence on what is wrong with the address typed so far; empty while it reads, or while the scheme is still being typed. */
    static String problem(String text) {
        String typed = text == null ? "" : text.strip();
        String lower = typed.toLowerCase(Locale.ROOT);
        if (typed.isEmpty() || SCHEMES.stream().anyMatch(scheme -> scheme.startsWith(lower))) {
            return "";
        }
        if (!Location.isServer(typed)) {
            return "A server address starts with postgresql://, e.g. postgresql://rachel@db.example:5432/steward.";
        }
        try {
            Location.parse(typed);
            return "";
        } catch (RegistryException unreadable) {
            return DialogService.sentence(unreadable.getMessage());
        }
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("muted");
        label.setWrapText(true);
        label.setPrefWidth(WRAP_WIDTH);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label labelFor(String text, Node field) {
        Label label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(field);
        return label;
    }
}
