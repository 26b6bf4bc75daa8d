package com.modelsteward.ui.common;

import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;

/** A state or severity shown as coloured pill with its name and a symbol: never colour alone. */
public final class StateBadge {

    private StateBadge() {
    }

    public static Label of(String state) {
        Label label = new Label();
        apply(label, state);
        return label;
    }

    public static void apply(Label label, String state) {
        label.getStyleClass().removeIf(style -> style.startsWith("badge"));
        if (state == null) {
            label.setText("");
            return;
        }
        label.setText(symbol(state) + " " + state);
        label.getStyleClass().addAll("badge", "badge-" + state.toLowerCase(Locale.ROOT));
    }

    /** A shape per meaning so that the badge reads without colour. */
    public static String symbol(String state) {
        return switch (state) {
            case "ACTIVE", "PRODUCTION", "NORMAL", "PASS", "APPROVED", "EXECUTED" -> "●";
            case "SHADOW", "STAGING", "VALIDATED", "MODERATE", "PENDING" -> "◐";
            case "CANDIDATE", "TRAINED", "DRAFT" -> "○";
            case "RETIRED", "STALE", "CANCELLED" -> "◌";
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
