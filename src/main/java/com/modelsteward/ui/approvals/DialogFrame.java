package com.modelsteward.ui.approvals;

import com.modelsteward.ui.common.Clipboard;
import com.modelsteward.ui.common.StateBadge;
import java.util.Collection;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.TraversalDirection;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import org.controlsfx.control.decoration.Decoration;
import org.controlsfx.control.decoration.GraphicDecoration;
import org.controlsfx.validation.ValidationMessage;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;

/** The frame and the small building blocks the governance dialogs share, so that they look and behave alike. */
final class DialogFrame {

    private DialogFrame() {
    }

    /**
     * A resizable, application-modal dialog with one Close button (Escape); the dialog's own actions live in its content,
     * next to the reasons that may disable them. {@code width} × {@code height} is the design size: the dialog service
     * gives it its owner and theme, shrinks it to the owner's screen and keeps it on that screen.
     */
    static Dialog<Void> create(String id, String title, double width, double height) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.setTitle(title);
        dialog.setResizable(true);
        dialog.initModality(Modality.APPLICATION_MODAL);
        dialog.getDialogPane().setId(id);
        dialog.getDialogPane().getStyleClass().add("governance-dialog");
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.getDialogPane().setPrefSize(width, height);
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

    /**
     * Marks a text field as required with ControlsFX's ValidationSupport: while it is blank, a text message ("✖ A comment
     * is required …") sits in its lower right corner, so the need is read, not guessed from a colour. The view model
     * disables the action; this only says why at the field itself.
     */
    static void required(TextInputControl field, String message) {
        ValidationSupport validation = new ValidationSupport();
        validation.setValidationDecorator(new MessageDecoration());
        validation.registerValidator(field, false, Validator.createEmptyValidator(message));
        // ControlsFX marks a field only after its first edit; a required field is marked from the start, as the buttons are.
        validation.initInitialDecoration();
    }

    /** ControlsFX's graphic decoration with the message written out instead of an icon with a tooltip. */
    private static final class MessageDecoration extends GraphicValidationDecoration {

        @Override
        protected Collection<Decoration> createValidationDecorations(ValidationMessage message) {
            Label text = new Label("✖ " + message.getText());
            text.getStyleClass().add("validation-message");
            text.setMouseTransparent(true);
            // ControlsFX centres a decoration on the corner; moved by half its size it sits inside the field instead.
            text.translateXProperty().bind(text.widthProperty().divide(-2).subtract(8));
            text.translateYProperty().bind(text.heightProperty().divide(-2).subtract(6));
            return List.of(new GraphicDecoration(text, Pos.BOTTOM_RIGHT));
        }

        @Override
        protected Collection<Decoration> createRequiredDecorations(Control target) {
            return List.of();
        }
    }
}
