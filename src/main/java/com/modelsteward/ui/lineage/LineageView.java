package com.modelsteward.ui.lineage;

import com.modelsteward.registry.ModelSummary;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.Page;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Versions grouped by model name, each under the version it was retrained from. */
public final class LineageView implements Page {

    private final AppContext context;
    private final TreeView<String> tree = new TreeView<>(new TreeItem<>("Models"));
    private VBox root;

    public LineageView(AppContext context) {
        this.context = context;
    }

    @Override
    public Node root() {
        if (root == null) {
            tree.setId("lineage-tree");
            tree.setShowRoot(false);
            VBox.setVgrow(tree, Priority.ALWAYS);
            Label heading = new Label("Lineage");
            heading.getStyleClass().add("page-title");
            root = new VBox(12, heading, tree);
            root.setPadding(new Insets(16));
        }
        return root;
    }

    @Override
    public void refresh() {
        context.tasks().run("Loading lineage", () -> context.catalog().versions(), this::show,
                failure -> context.showFailure("Cannot load lineage", failure));
    }

    private void show(List<ModelSummary> versions) {
        Map<String, TreeItem<String>> byName = new TreeMap<>();
        Map<String, TreeItem<String>> byId = new HashMap<>();
        List<ModelSummary> oldestFirst = versions.reversed();
        for (ModelSummary version : oldestFirst) {
            byId.put(version.modelId(), new TreeItem<>(version.version() + "  [" + version.state() + "]  " + version.createdAt().substring(0, 10)
                    + "  " + version.createdBy()));
        }
        for (ModelSummary version : oldestFirst) {
            TreeItem<String> parent = version.parentId() == null ? null : byId.get(version.parentId());
            if (parent == null) {
                parent = byName.computeIfAbsent(version.modelName(), name -> {
                    TreeItem<String> item = new TreeItem<>(name);
                    item.setExpanded(true);
                    return item;
                });
            }
            parent.setExpanded(true);
            parent.getChildren().add(byId.get(version.modelId()));
        }
        tree.getRoot().getChildren().setAll(byName.values());
    }
}
