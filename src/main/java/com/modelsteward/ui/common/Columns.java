package com.modelsteward.ui.common;

import java.util.List;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/** Table columns over records, by accessor (no reflection on property names). */
public final class Columns {

    private Columns() {
    }

    /** Marks the columns a table keeps in view, before any it scrolls sideways to; tests check those are never cut. */
    public static final String KEEP_VISIBLE = "columns.keep-visible";
    /**
     * Where a column whose cells format their value (an age as "1 d 8 h", not the value's own text) keeps that format,
     * a {@code Function<T, String>}, so that {@link #fitToContent} measures what the cells show.
     */
    public static final String SHOWN_TEXT = "columns.shown-text";
    /** Where a column keeps the extra width its cells draw around the text (a badge's pill). */
    private static final String CELL_EXTRA = "columns.cell-extra";
    /** Room around a cell's text: the cell's padding and border, and a little air. */
    private static final double CELL_MARGIN = 18;
    /** Room around a header's text: padding and the sort arrow. */
    private static final double HEADER_MARGIN = 30;
    /** A table's vertical scroll bar and its border, which the columns in view share the table's width with. */
    private static final double SCROLL_BAR_AND_BORDER = 18;
    /** A badge's pill: its padding and the symbol's space. */
    private static final double BADGE_EXTRA = 20;
    /**
     * Rows measured for a column's width. A table may hold 100 000 rows; measuring every value would hold the FX thread,
     * and the first rows (newest first, or the sort the user chose) are the ones on screen.
     */
    private static final int MEASURED_ROWS = 400;

    public static <S> TableColumn<S, String> text(String title, Function<S, String> value, double width) {
        TableColumn<S, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /**
     * Keeps the {@code columns}' texts whole: each is as wide as its header and the longest of its values (of the
     * first rows), in the table's font, and never narrower — a constrained policy gives the other columns less, and a
     * table too narrow for them scrolls sideways instead of writing "REQ-00…". Measured again when the rows change.
     */
    @SafeVarargs
    public static <S> void fitToContent(TableView<S> table, TableColumn<S, ?>... columns) {
        List<TableColumn<S, ?>> fitted = List.of(columns);
        InvalidationListener refit = ignored -> fit(table, fitted);
        table.itemsProperty().addListener((obs, old, now) -> {
            if (old != null) {
                old.removeListener(refit);
            }
            if (now != null) {
                now.addListener(refit);
            }
            fit(table, fitted);
        });
        if (table.getItems() != null) {
            table.getItems().addListener(refit);
        }
        // The font is known once the table's CSS is applied, i.e. when it has a skin.
        table.skinProperty().addListener(refit);
        fit(table, fitted);
    }

    /**
     * Marks {@code columns} as the ones this table keeps in view (they come first, and the view gives the table room for
     * them), and returns the width they need together: their fitted widths, the vertical scroll bar and the border.
     */
    @SafeVarargs
    public static <S> DoubleBinding keepVisible(TableColumn<S, ?>... columns) {
        Observable[] widths = new Observable[columns.length];
        for (int i = 0; i < columns.length; i++) {
            columns[i].getProperties().put(KEEP_VISIBLE, Boolean.TRUE);
            widths[i] = columns[i].minWidthProperty();
        }
        return Bindings.createDoubleBinding(() -> {
            double sum = SCROLL_BAR_AND_BORDER;
            for (TableColumn<S, ?> column : columns) {
                sum += column.getMinWidth();
            }
            return sum;
        }, widths);
    }

    /**
     * Gives {@code last} the width the other columns leave (at least its minimum), while the table keeps its own
     * column widths: a constrained resize policy squeezed whole columns out of view without a horizontal scroll bar
     * to reach them, where this table scrolls sideways when the window is narrow.
     */
    public static <S> void fillWithLast(TableView<S> table, TableColumn<S, ?> last) {
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        InvalidationListener fill = ignored -> {
            double others = 0;
            for (TableColumn<S, ?> column : table.getVisibleLeafColumns()) {
                if (column != last) {
                    others += column.getWidth();
                }
            }
            last.setPrefWidth(Math.max(last.getMinWidth(), table.getWidth() - others - SCROLL_BAR_AND_BORDER));
        };
        table.widthProperty().addListener(fill);
        for (TableColumn<S, ?> column : table.getColumns()) {
            if (column != last) {
                column.widthProperty().addListener(fill);
            }
        }
    }

    private static <S> void fit(TableView<S> table, List<TableColumn<S, ?>> columns) {
        Font font = table.getPlaceholder() instanceof Labeled placeholder ? placeholder.getFont() : Font.getDefault();
        Text probe = new Text();
        probe.setFont(font);
        ObservableList<S> rows = table.getItems();
        int measured = rows == null ? 0 : Math.min(rows.size(), MEASURED_ROWS);
        for (TableColumn<S, ?> column : columns) {
            double widest = width(probe, column.getText()) + HEADER_MARGIN;
            double extra = column.getProperties().get(CELL_EXTRA) instanceof Double badge ? badge : 0;
            @SuppressWarnings("unchecked")
            Function<Object, String> shown = column.getProperties().get(SHOWN_TEXT) instanceof Function<?, ?> format
                    ? (Function<Object, String>) format : Object::toString;
            for (int i = 0; i < measured; i++) {
                Object value = column.getCellData(rows.get(i));
                if (value != null) {
                    widest = Math.max(widest, width(probe, shown.apply(value)) + CELL_MARGIN + extra);
                }
            }
            double whole = Math.ceil(widest);
            column.setMinWidth(whole);
            column.setPrefWidth(whole);
        }
    }

    private static double width(Text probe, String text) {
        probe.setText(text);
        return probe.getLayoutBounds().getWidth();
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
        column.getProperties().put(CELL_EXTRA, BADGE_EXTRA);
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
