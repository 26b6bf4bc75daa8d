package com.modelsteward.ui.common;

import java.util.List;
import java.util.concurrent.Callable;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** A page that is one titled table of rows loaded in the background. */
public class TablePage<T> implements Page {

    private final AppContext context;
    private final String title;
    private final String id;
    private final Callable<List<T>> loader;
    private final List<TableColumn<T, ?>> columns;
    private final String emptyText;
    private final ObservableList<T> rows = FXCollections.observableArrayList();
    private VBox root;

    public TablePage(AppContext context, String id, String title, String emptyText, Callable<List<T>> loader, List<TableColumn<T, ?>> columns) {
        this.context = context;
        this.id = id;
        this.title = title;
        this.emptyText = emptyText;
        this.loader = loader;
        this.columns = columns;
    }

    @Override
    public Node root() {
        if (root == null) {
            TableView<T> table = new TableView<>(rows);
            table.setId(id + "-table");
            table.getColumns().setAll(columns);
            table.setPlaceholder(new Label(emptyText));
            VBox.setVgrow(table, Priority.ALWAYS);
            Label heading = new Label(title);
            heading.getStyleClass().add("page-title");
            root = new VBox(12, heading, table);
            root.setPadding(new Insets(16));
        }
        return root;
    }

    @Override
    public void refresh() {
        context.tasks().run("Loading " + title.toLowerCase(java.util.Locale.ROOT), loader, rows::setAll,
                failure -> context.showFailure("Cannot load " + title, failure));
    }

    public ObservableList<T> rows() {
        return rows;
    }
}
