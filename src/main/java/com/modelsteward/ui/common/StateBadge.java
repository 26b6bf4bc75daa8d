package com.modelsteward.ui.common;

import java.util.List;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;

/**
 * A state or severity shown as coloured pill with its name and a symbol: never colour alone.
 *
 * <p>The state is a pseudo-class ({@code .badge:state-active}), not a style class: a table cell refills its badge
 * whenever a row scrolls into view or the selection moves, and a changed style class makes JavaFX match the label
 * against every stylesheet again, where a pseudo-class only switches between styles already matched.
 */
public final class StateBadge {

    private static final String PREFIX = "state-";

    private StateBadge() {
    }

    public static Label of(String state) {
        Label label = new Label();
        apply(label, state);
        return label;
    }

    public static void apply(Label label, String state) {
        if (!label.getStyleClass().contains("badge")) {
            label.getStyleClass().add("badge");
        }
        PseudoClass wanted = state == null ? null : PseudoClass.getPseudoClass(PREFIX + state.toLowerCase(Locale.ROOT));
        for (PseudoClass shown : List.copyOf(label.getPseudoClassStates())) {
            if (shown.getPseudoClassName().startsWith(PREFIX) && !shown.equals(wanted)) {
                label.pseudoClassStateChanged(shown, false);
            }
        }
        if (state == null) {
            label.setText("");
            label.setVisible(false);
            return;
        }
        label.setVisible(true);
        label.pseudoClassStateChanged(wanted, true);
        label.setText(symbol(state) + " " + state);
    }

    /** A shape per meaning so that the badge reads without colour. */
    public static String symbol(String state) {
        return switch (state) {
            case "ACTIVE", "PRODUCTION", "NORMAL", "PASS", "APPROVED", "EXECUTED" -> "●";
            case "SHADOW", "STAGING", "VALIDATED", "MODERATE", "PENDING" -> "◐";
            case "CANDIDATE", "TRAINED", "DRAFT" -> "○";
            case "RETIRED", "STALE", "CANCELLED", "NO_DATA" -> "◌";
            case "SEVERE", "FAIL", "REJECTED", "FAILED" -> "▲";
            default -> "■";
        };
    }

    /** A table cell that renders its string value as a badge. */
    public static <S> TableCell<S, String> cell() {
        return new TableCell<>() {
            private final Label badge = new Label();

            @Override
            protected void updateItem(String state, boolean empty) {
                super.updateItem(state, empty);
                if (empty || state == null) {
                    setGraphic(null);
                } else {
                    apply(badge, state);
                    setGraphic(badge);
                }
                setText(null);
            }
        };
    }
}
