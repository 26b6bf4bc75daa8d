package com.modelsteward.ui.approvals;

import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.Clipboard;
import com.modelsteward.ui.common.FxDialogService;
import com.modelsteward.ui.common.StateBadge;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.TraversalDirection;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;

/** The frame and the small building blocks the governance dialogs share, so that they look and behave alike. */
final class DialogFrame {

    private DialogFrame() {
    }

    /**
     * A resizable, application-modal dialog owned by the main window, with the app's stylesheets and one Close button
     * (Escape); the dialog's own actions live in its content, next to the reasons that may disable them.
     */
    static Dialog<Void> create(AppContext context, String id, String title, double width, double height) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.setTitle(title);
        dialog.setResizable(true);
        dialog.initModality(Modality.APPLICATION_MODAL);
        if (context.dialogs() instanceof FxDialogService fx) {
            dialog.initOwner(fx.owner());
            fx.style(dialog.getDialogPane());
        }
        dialog.getDialogPane().setId(id);
        dialog.getDialogPane().getStyleClass().add("governance-dialog");
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        // Never larger than the screen: a risk officer's laptop is smaller than the design size, and the content scrolls.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        dialog.getDialogPane().setPrefSize(Math.min(width, screen.getWidth() - 48), Math.min(height, screen.getHeight() - 48));
        dialog.getDialogPane().setMaxSize(screen.getWidth() - 24, screen.getHeight() - 48);
        dialog.setOnShown(event -> {
            // Centred on the owner it may still reach past an edge of the screen: pull it back inside.
            dialog.setX(Math.max(screen.getMinX(), Math.min(dialog.getX(), screen.getMaxX() - dialog.getWidth())));
            dialog.setY(Math.max(screen.getMinY(), Math.min(dialog.getY(), screen.getMaxY() - dialog.getHeight())));
        });
        return dialog;
    }

    static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("dialog-title");
        return label;
    }

    static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-title");
        return label;
    }

    static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("muted");
        label.setWrapText(true);
        return label;
    }

    /** A titled block with a light border: one piece of evidence. */
    static VBox card(String heading, Node... children) {
        VBox card = new VBox(8);
        card.getStyleClass().add("evidence-card");
        card.getChildren().add(section(heading));
        card.getChildren().addAll(children);
        return card;
    }

    /** "✔ text" or "✖ text", coloured and marked, never colour alone. */
    static Label verdict(boolean ok, String text) {
        Label label = new Label((ok ? "✔ " : "✖ ") + text);
        label.getStyleClass().add(ok ? "verdict-pass" : "verdict-fail");
        label.setWrapText(true);
        return label;
    }

    /** A state transition shown as two badges with an arrow. */
    static HBox transition(String from, String to) {
        Label arrow = new Label("→");
        arrow.getStyleClass().add("transition-arrow");
        HBox box = new HBox(6, StateBadge.of(from), arrow, StateBadge.of(to));
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** A read-only, selectable monospaced value with a Copy button. */
    static HBox copyable(String id, String value) {
        TextField text = new TextField(value == null ? "missing" : value);
        text.setId(id);
        text.setEditable(false);
        text.getStyleClass().add("copyable");
        HBox.setHgrow(text, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.setTooltip(new Tooltip("Copy to the clipboard"));
        copy.setDisable(value == null);
        copy.setOnAction(event -> Clipboard.copy(value));
        copy.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(6, text, copy);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** A box listing why an action is unavailable (or an empty, hidden box when it is available). */
    /** The sentence of a confirmation bar ("Approve REQ-…? … now."): wraps, and takes the width the buttons leave. */
    static Label confirmText(String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.getStyleClass().add("confirm-text");
        javafx.scene.layout.HBox.setHgrow(label, javafx.scene.layout.Priority.ALWAYS);
        return label;
    }

    static Label blockers(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("blocker");
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.managedProperty().bind(label.visibleProperty());
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        return label;
    }

    /**
     * A multi-line text input where Tab and Shift+Tab move to the next control instead of typing a tab character, so
     * that the whole dialog can be walked with the keyboard.
     */
    static TextArea textInput(String id, String prompt) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setPromptText(prompt);
        area.setPrefRowCount(3);
        area.setWrapText(true);
        area.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.TAB && !event.isControlDown()) {
                event.consume();
                area.requestFocusTraversal(event.isShiftDown() ? TraversalDirection.PREVIOUS : TraversalDirection.NEXT);
            }
        });
        return area;
    }
}
