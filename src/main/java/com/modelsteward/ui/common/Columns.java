package com.modelsteward.ui.common;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;

/** Table columns over records, by accessor (no reflection on property names). */
public final class Columns {

    private Columns() {
    }

    public static <S> TableColumn<S, String> text(String title, Function<S, String> value, double width) {
        TableColumn<S, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    public static <S, T extends Comparable<T>> TableColumn<S, T> value(String title, Function<S, T> value, double width) {
        TableColumn<S, T> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /** A state/severity column rendered as a badge (colour plus symbol plus word). */
    public static <S> TableColumn<S, String> badge(String title, Function<S, String> value, double width) {
        TableColumn<S, String> column = text(title, value, width);
        column.setCellFactory(ignored -> StateBadge.cell());
        return column;
    }

    /** A number shown with fixed decimals; a missing value reads "missing", never 0. */
    public static <S> TableColumn<S, Double> number(String title, Function<S, Double> value, int decimals, double width) {
        TableColumn<S, Double> column = value(title, value, width);
        column.setCellFactory(ignored -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                if (empty) {
                    setText(null);
                } else if (item == null) {
                    setText("missing");
                } else {
                    setText(String.format(java.util.Locale.ROOT, "%." + decimals + "f", item));
                }
            }
        });
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        return column;
    }
}
