package com.modelsteward.ui.lineage;

import com.modelsteward.lineage.ArtifactVerifier;
import com.modelsteward.lineage.GraphLayout;
import com.modelsteward.lineage.LineageCheck;
import com.modelsteward.lineage.LineageEvidence;
import com.modelsteward.lineage.LineageTree;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.LazyPage;
import com.modelsteward.ui.common.StateBadge;
import com.modelsteward.ui.common.StyleClasses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.control.skin.TreeCellSkin;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Versions grouped by model name, each under the version it was retrained from, with every version's lineage evidence,
 * the auditable-lineage check, artifact verification and a zoomable graph of the selected name.
 */
public final class LineageView extends LazyPage {

    public static final String PAGE_ID = "lineage";

    static final String STYLESHEET = "/styles/lineage.css";

    private final AppContext context;
    private final LineageViewModel model;
    private final ModelCardAction modelCard;
    private static final double DETAIL_MIN_HEIGHT = 120;
    private static final List<String> RESULT_STYLES = List.of("result-ok", "result-bad");
    private static final List<String> CHECK_STYLES = List.of("check-ok", "check-missing");

    /** What the tree shows, from the last build: also the way to a version whose item is not made yet. */
    private LineageOutline outline;
    private long treeRun;
    private long graphRun;
    private TreeView<LineageItem> tree;
    private LineageGraph graph;
    private TabPane tabs;
    private String graphName;
    /** The selected version's check: a summary and a line per requirement, refilled for each selection. */
    private final Label checkSummary = new Label();
    private final List<Label> checkLines = new ArrayList<>();

    public LineageView(AppContext context) {
        this.context = context;
        this.model = new LineageViewModel(context);
        this.modelCard = new ModelCardAction(context);
        checkSummary.setId("lineage-check-summary");
        checkSummary.getStyleClass().add("check-summary");
        checkSummary.setWrapText(true);
        checkSummary.setMinHeight(Region.USE_PREF_SIZE);
    }

    public LineageViewModel model() {
        return model;
    }

    @Override
    public void refresh() {
        model.refresh();
        if (tree != null && model.treeProperty().get() != null) {
            // The tree is kept while the file is unchanged: a version chosen elsewhere meanwhile is shown now.
            showSelected(context.selectedModelIdProperty().get());
        }
    }

    @Override
    protected SplitPane build() {
        Label title = new Label("Lineage");
        title.getStyleClass().add("page-title");
        TextField search = new TextField();
        search.setId("lineage-search");
        search.setPromptText("Search name, version or hash…");
        search.textProperty().bindBidirectional(model.searchProperty());
        Label problems = new Label();
        problems.setId("lineage-problems");
        problems.getStyleClass().add("lineage-warning");
        problems.setWrapText(true);
        problems.managedProperty().bind(problems.visibleProperty());
        problems.setVisible(false);

        tree = new TreeView<>(new TreeItem<>());
        tree.setId("lineage-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(ignored -> new LineageCell());
        VBox.setVgrow(tree, Priority.ALWAYS);
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> onTreeSelection(now));

        model.treeProperty().addListener((obs, old, now) -> {
            rebuildTree();
            problems.setVisible(now != null && !now.problems().isEmpty());
            problems.setText(now == null ? "" : "⚠ Lineage data problems:\n• " + String.join("\n• ", now.problems()));
        });
        model.searchProperty().addListener((obs, old, now) -> rebuildTree());
        // The checks and hashes arrive after the tree is shown: the names take their checks in place (expanded names
        // stay open), and a search running meanwhile is matched again against the hashes.
        model.activeChecksProperty().addListener((obs, old, now) -> showChecks());
        model.checkingProperty().addListener((obs, old, now) -> showChecks());
        // An invalidation listener (reading the value, so that the next one fires too): a change listener compares the
        // old and new maps of 100 000 versions' hashes on the FX thread.
        model.hashesProperty().addListener((javafx.beans.Observable hashes) -> {
            model.hashesProperty().get();
            String searching = model.searchProperty().get();
            if (searching != null && !searching.isBlank()) {
                rebuildTree();
            }
        });
        context.selectedModelIdProperty().addListener((obs, old, now) -> {
            if (context.isShown(PAGE_ID)) {
                showSelected(now);
            }
        });

        VBox left = new VBox(10, title, search, problems, tree);
        left.setPadding(new Insets(16));
        left.setMinWidth(360);

        graph = new LineageGraph(model::select);
        graph.setPadding(new Insets(12));
        tabs = new TabPane(new Tab("Details", details()), new Tab("Graph", graph));
        tabs.setId("lineage-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().get(1).setId("lineage-graph-tab");

        SplitPane split = new SplitPane(left, tabs);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.47);
        split.getStylesheets().add(Objects.requireNonNull(getClass().getResource(STYLESHEET)).toExternalForm());
        split.getStyleClass().add("lineage-page");
        return split;
    }

    private Node details() {
        Label heading = new Label("Select a version");
        heading.setId("lineage-heading");
        heading.getStyleClass().add("section-title");
        Label state = new Label();
        HBox head = new HBox(10, heading, state);
        head.setAlignment(Pos.CENTER_LEFT);

        VBox checkBox = new VBox(4);
        checkBox.setId("lineage-check");
        checkBox.getStyleClass().add("check-box-panel");
        model.checkProperty().addListener((obs, old, now) -> showCheck(checkBox, now));
        model.evidenceProperty().addListener((obs, old, now) -> {
            heading.setText(now == null ? "Select a version" : now.version().modelName() + " " + now.version().version());
            StateBadge.apply(state, now == null ? null : now.version().state());
        });

        Button verify = new Button("Verify artifact");
        verify.setId("lineage-verify");
        verify.disableProperty().bind(model.evidenceProperty().isNull().or(model.verifyingProperty()));
        verify.setOnAction(event -> model.verifyArtifact());
        Button cancel = new Button("Cancel");
        cancel.setId("lineage-verify-cancel");
        cancel.visibleProperty().bind(model.verifyingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(event -> model.cancelVerification());
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(model.artifactProgressProperty());
        progress.visibleProperty().bind(model.verifyingProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        progress.setPrefWidth(160);
        Button card = new Button("Model card…");
        card.setId("lineage-model-card");
        card.disableProperty().bind(model.evidenceProperty().isNull());
        card.setOnAction(event -> modelCard.chooseFileAndWrite(context.selectedModelIdProperty().get()));
        Label artifact = new Label();
        artifact.setId("lineage-artifact");
        artifact.setWrapText(true);
        artifact.textProperty().bind(model.artifactMessageProperty());
        model.artifactStatusProperty().addListener((obs, old, now) -> {
            artifact.getStyleClass().removeAll("result-ok", "result-bad");
            if (now != null) {
                artifact.getStyleClass().add(now == ArtifactVerifier.Status.MATCHES ? "result-ok" : "result-bad");
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, verify, progress, cancel, spacer, card);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label detailTitle = new Label();
        detailTitle.getStyleClass().add("detail-title");
        detailTitle.textProperty().bind(model.detailTitleProperty());
        TextArea detail = new TextArea();
        detail.setId("lineage-detail");
        detail.setEditable(false);
        detail.getStyleClass().add("detail-text");
        detail.setWrapText(true);
        detail.textProperty().bind(model.detailTextProperty());
        VBox.setVgrow(detail, Priority.ALWAYS);

        VBox box = new VBox(12, head, checkBox, actions, artifact, detailTitle, detail);
        box.setPadding(new Insets(16));
        detail.setMinHeight(DETAIL_MIN_HEIGHT);
        // The check's lines wrap rather than cut; when they need more than the pane's height, the details scroll.
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        return scroll;
    }

    /**
     * Shows the selected version's check. The labels are refilled, not made anew: holding ↓ in the tree selects a
     * version per key repeat, and a new set of labels for each (skins, CSS, wrapped text) was a large part of the FX
     * thread's work per selection. The box is emptied while no check is shown.
     */
    private void showCheck(VBox box, LineageCheck check) {
        if (check == null) {
            box.getChildren().clear();
            return;
        }
        checkSummary.setText(check.complete() ? "✓ Auditable lineage complete"
                : "✗ Auditable lineage incomplete — " + check.missing().size() + " of " + check.items().size() + " requirements missing");
        StyleClasses.swap(checkSummary, check.complete() ? "result-ok" : "result-bad", RESULT_STYLES);
        while (checkLines.size() < check.items().size()) {
            Label line = new Label();
            line.setWrapText(true);
            line.setMinHeight(Region.USE_PREF_SIZE);
            checkLines.add(line);
        }
        List<Label> shown = checkLines.subList(0, check.items().size());
        for (int i = 0; i < shown.size(); i++) {
            LineageCheck.Item item = check.items().get(i);
            shown.get(i).setText((item.ok() ? "✓ " : "✗ ") + item.requirement() + " — " + item.detail());
            StyleClasses.swap(shown.get(i), item.ok() ? "check-ok" : "check-missing", CHECK_STYLES);
        }
        if (box.getChildren().size() != shown.size() + 1) {
            List<Node> children = new ArrayList<>(List.of(checkSummary));
            children.addAll(shown);
            box.getChildren().setAll(children);
        }
    }

    private void onTreeSelection(TreeItem<LineageItem> item) {
        if (item == null) {
            return;
        }
        switch (item.getValue()) {
            case LineageItem.Version version -> model.select(version.version().modelId());
            case LineageItem.Evidence evidence -> model.showDetail(evidence.detailTitle(), evidence.detailText());
            default -> { }
        }
    }

    /**
     * Prepares the tree in the background — which versions pass the search, and each version's parent — and attaches
     * the names on the FX thread. A version's item makes its children (its evidence folder, then the child versions that
     * pass the search) only when the tree first asks for them, which it does when the item is expanded: a
     * 100 000-version registry holds items for what has been opened, not 300 000 of them up front (they filled the heap
     * and the collector's pauses froze the console). On a large registry the names start collapsed, except the way to
     * the selected version.
     */
    private void rebuildTree() {
        LineageTree lineage = model.treeProperty().get();
        long run = ++treeRun;
        if (lineage == null) {
            outline = null;
            tree.getRoot().getChildren().clear();
            return;
        }
        String search = model.searchProperty().get();
        Map<String, Set<String>> hashes = model.hashes();
        Map<String, LineageCheck> checks = model.activeChecks();
        context.tasks().run("Building the lineage tree", () -> buildItems(LineageOutline.of(lineage, search, hashes), checks), built -> {
            if (run != treeRun) {
                return;
            }
            outline = built.outline();
            tree.getRoot().getChildren().setAll(built.names());
            showChecks();
            showSelected(context.selectedModelIdProperty().get());
        }, failure -> context.showFailure("Cannot show the lineage", failure));
    }

    private record Built(List<TreeItem<LineageItem>> names, LineageOutline outline) {
    }

    private static LineageItem.Name nameItem(LineageTree.Group group, Map<String, LineageCheck> checks, boolean checking) {
        return new LineageItem.Name(group, group.active().map(a -> checks.get(a.modelId())), checking);
    }

    /** Gives every name row the check of its ACTIVE version as now known (a hundred rows at most, one per name). */
    private void showChecks() {
        Map<String, LineageCheck> checks = model.activeChecks();
        boolean checking = model.checkingProperty().get();
        for (TreeItem<LineageItem> item : tree.getRoot().getChildren()) {
            if (item.getValue() instanceof LineageItem.Name name) {
                LineageItem.Name now = nameItem(name.group(), checks, checking);
                if (!now.equals(name)) {
                    item.setValue(now);
                }
            }
        }
    }

    /** The names' items, with their top rows; each row's item makes its own children later (see {@link VersionItem}). */
    private Built buildItems(LineageOutline outline, Map<String, LineageCheck> checks) {
        List<TreeItem<LineageItem>> names = new ArrayList<>();
        for (LineageOutline.Name shown : outline.names()) {
            TreeItem<LineageItem> name = new TreeItem<>(nameItem(shown.group(), checks, true));
            for (LineageOutline.Row row : shown.rows()) {
                name.getChildren().add(new VersionItem(outline, row));
            }
            // showSelected expands the way to the selected version.
            name.setExpanded(shown.expanded());
            names.add(name);
        }
        return new Built(names, outline);
    }

    /** A version's item; its children are made the first time the tree asks for them (see {@link #rebuildTree()}). */
    private final class VersionItem extends TreeItem<LineageItem> {

        private final LineageOutline outline;
        private final LineageOutline.Row row;
        private ObservableList<TreeItem<LineageItem>> children;

        VersionItem(LineageOutline outline, LineageOutline.Row row) {
            super(new LineageItem.Version(row.node().version(), row.node().reason(), row.chainedFrom(), outline.liveState()));
            this.outline = outline;
            this.row = row;
            setExpanded(outline.startsExpanded(row));
            if (isExpanded()) {
                // Made now, while the item is not in the tree yet (in the background, from buildItems): made later, each
                // item's new children would announce themselves to every ancestor, and a deep line would pay for it in
                // event hops on the FX thread.
                getChildren();
            }
        }

        String modelId() {
            return row.modelId();
        }

        @Override
        public boolean isLeaf() {
            return false;
        }

        /**
         * Returns the list it made without going through {@link TreeItem#getChildren()} again: that one checks the sort
         * state by walking up to the root on every call, which the tree's layout calls for every row. Nothing sorts
         * this tree, so the check has nothing to do.
         */
        @Override
        public ObservableList<TreeItem<LineageItem>> getChildren() {
            if (children == null) {
                List<TreeItem<LineageItem>> made = new ArrayList<>();
                made.add(evidenceFolder(row.modelId()));
                for (LineageOutline.Row child : outline.childrenOf(row)) {
                    made.add(new VersionItem(outline, child));
                }
                children = super.getChildren();
                children.setAll(made);
            }
            return children;
        }
    }

    /** The item of a version, made (with the items on the way to it) if it was not yet; null when it is not shown. */
    private TreeItem<LineageItem> itemOf(String modelId) {
        if (outline == null) {
            return null;
        }
        List<String> way = outline.wayTo(modelId);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < way.size(); i++) {
            position.put(way.get(i), i);
        }
        for (TreeItem<LineageItem> name : tree.getRoot().getChildren()) {
            // Each step goes to the furthest version of the way among the item's children: below the nesting limit
            // a line's versions are siblings.
            TreeItem<LineageItem> item = name;
            int reached = -1;
            while (reached < way.size() - 1) {
                TreeItem<LineageItem> next = null;
                for (TreeItem<LineageItem> child : item.getChildren()) {
                    int at = child instanceof VersionItem version ? position.getOrDefault(version.modelId(), -1) : -1;
                    if (at > reached) {
                        reached = at;
                        next = child;
                    }
                }
                if (next == null) {
                    break;
                }
                item = next;
            }
            if (reached == way.size() - 1) {
                return item;
            }
        }
        return null;
    }

    private TreeItem<LineageItem> evidenceFolder(String modelId) {
        TreeItem<LineageItem> folder = new TreeItem<>(new LineageItem.EvidenceFolder(modelId));
        folder.getChildren().add(new TreeItem<>(new LineageItem.Loading()));
        folder.expandedProperty().addListener((obs, was, expanded) -> {
            if (expanded && folder.getChildren().size() == 1 && folder.getChildren().getFirst().getValue() instanceof LineageItem.Loading) {
                model.loadEvidence(modelId, (LineageEvidence evidence) -> folder.getChildren().setAll(EvidenceItems.of(evidence)));
            }
        });
        return folder;
    }

    private void showSelected(String modelId) {
        TreeItem<LineageItem> item = modelId == null ? null : itemOf(modelId);
        if (item != null && tree.getSelectionModel().getSelectedItem() != item) {
            for (TreeItem<LineageItem> parent = item.getParent(); parent != null; parent = parent.getParent()) {
                parent.setExpanded(true);
            }
            tree.getSelectionModel().select(item);
            int row = tree.getRow(item);
            if (row >= 0) {
                tree.scrollTo(Math.max(0, row - 3));
            }
        }
        LineageTree lineage = model.treeProperty().get();
        Optional<LineageTree.Group> group = lineage == null || modelId == null ? Optional.empty()
                : lineage.node(modelId).flatMap(node -> lineage.group(node.version().modelName()));
        if (group.isPresent() && (!group.get().modelName().equals(graphName) || !graph.contains(modelId))) {
            graphName = group.get().modelName();
            LineageTree.Group shown = group.get();
            long run = ++graphRun;
            // The layout of a 1 000-version name takes tens of milliseconds: computed in the background.
            context.tasks().run("Laying out the graph of " + graphName, () -> GraphLayout.of(shown), layout -> {
                if (run == graphRun) {
                    graph.show(shown, layout, modelId);
                }
            }, failure -> context.showFailure("Cannot lay out the lineage graph", failure));
        } else {
            graph.highlight(modelId);
            graph.reveal(modelId);
        }
    }

    /** For tests and screenshots. */
    LineageGraph graph() {
        return graph;
    }

    TabPane tabs() {
        return tabs;
    }

    TreeView<LineageItem> tree() {
        return tree;
    }

    /**
     * Renders names, versions and evidence with badges and marks. Each cell keeps one graphic per kind of row and
     * refills its labels: a new set of labels for every update (the tree updates every visible cell when it scrolls to
     * a selection) made the FX thread create skins and style them afresh, most of the time a selection took.
     */
    static final class LineageCell extends TreeCell<LineageItem> {

        /** Levels indented a full step; deeper levels step by {@link #DEEP_STEP}, so a 13-level line stays in view. */
        private static final int FULL_STEPS = 4;
        private static final double FULL_STEP = 10;
        private static final double DEEP_STEP = 3;

        private NameRow nameRow;
        private VersionRow versionRow;
        private EvidenceRow evidenceRow;

        /**
         * A retrain line nests each version under its parent; at the usual step of 10 px per level the rows of a 13-level
         * line started 130 px in and cut their creators off. The skin's indent is set per row so that the indentation
         * still grows with each level, by less beyond the first few.
         */
        @Override
        protected void layoutChildren() {
            if (getSkin() instanceof TreeCellSkin<?> skin && getTreeView() != null && getTreeItem() != null) {
                int level = getTreeView().getTreeItemLevel(getTreeItem()) - (getTreeView().isShowRoot() ? 0 : 1);
                double offset = Math.min(level, FULL_STEPS) * FULL_STEP + Math.max(0, level - FULL_STEPS) * DEEP_STEP;
                double indent = level <= 0 ? FULL_STEP : offset / level;
                if (skin.getIndent() != indent) {
                    skin.setIndent(indent);
                }
            }
            super.layoutChildren();
        }

        @Override
        protected void updateItem(LineageItem item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            setGraphic(switch (item) {
                case LineageItem.Name name -> (nameRow = nameRow == null ? new NameRow() : nameRow).show(name);
                case LineageItem.Version version -> (versionRow = versionRow == null ? new VersionRow() : versionRow).show(version);
                case LineageItem.EvidenceFolder ignored -> evidenceRow().show("", "Evidence", "");
                case LineageItem.Evidence evidence -> evidenceRow().show(evidence.mark(), evidence.label(), evidence.value());
                case LineageItem.Loading ignored -> evidenceRow().show("", "Loading…", "");
            });
        }

        private EvidenceRow evidenceRow() {
            if (evidenceRow == null) {
                evidenceRow = new EvidenceRow();
            }
            return evidenceRow;
        }

        /** A label that takes no room when it has nothing to say. */
        private static Label optional(String... styleClasses) {
            Label label = styled("", styleClasses);
            label.managedProperty().bind(label.visibleProperty());
            label.setVisible(false);
            return label;
        }

        private static Label styled(String text, String... styleClasses) {
            Label label = new Label(text);
            label.getStyleClass().addAll(styleClasses);
            return label;
        }

        private static void say(Label label, String text) {
            label.setText(text == null ? "" : text);
            label.setVisible(text != null && !text.isEmpty());
        }

        /** Replaces the label's mark class (ok, warning, muted, active) without touching its others. */
        private static void mark(Label label, String markClass) {
            StyleClasses.swap(label, markClass, MARKS);
        }

        private static final List<String> MARKS = List.of("tree-ok", "tree-warning", "tree-muted", "tree-active");

        private static final class NameRow {
            private final Label name = styled("", "tree-name");
            private final Label count = styled("", "tree-muted");
            private final Label active = styled("", "tree-muted");
            private final Label audit = optional("tree-ok");
            private final Tooltip auditTip = new Tooltip();
            private final HBox title = new HBox(10, name, count);
            private final HBox status = new HBox(10, active, audit);
            /** Two lines: on one, name, count, live version and check did not fit the tree at 1280 px. */
            private final VBox box = new VBox(2, title, status);

            NameRow() {
                title.setAlignment(Pos.BASELINE_LEFT);
                status.setAlignment(Pos.CENTER_LEFT);
                audit.setTooltip(auditTip);
            }

            VBox show(LineageItem.Name item) {
                LineageTree.Group group = item.group();
                name.setText(group.modelName());
                count.setText(group.size() + " versions");
                String live = group.liveState();
                active.setText(group.active().map(a -> "★ " + live + " " + a.version()).orElse("no " + live + " version"));
                mark(active, group.active().isPresent() ? "tree-active" : "tree-muted");
                LineageCheck check = item.activeCheck().orElse(null);
                boolean waiting = check == null && item.checking() && group.active().isPresent();
                say(audit, waiting ? "… checking lineage" : check == null ? null
                        : check.complete() ? "✓ auditable lineage" : "✗ lineage: " + check.missing().size() + " missing");
                if (waiting) {
                    mark(audit, "tree-muted");
                    auditTip.setText("The auditable-lineage check of the ACTIVE version is being read");
                }
                if (check != null) {
                    mark(audit, check.complete() ? "tree-ok" : "tree-warning");
                    auditTip.setText(check.complete() ? "Every requirement of the auditable-lineage check holds"
                            : "Missing:\n• " + String.join("\n• ", check.missing().stream().map(m -> m.requirement() + " — " + m.detail()).toList()));
                }
                return box;
            }
        }

        private static final class VersionRow {
            private final Label version = styled("", "tree-version");
            private final Label badge = new Label();
            private final Label created = styled("", "tree-muted");
            private final Label creator = styled("", "tree-muted");
            private final Label star = optional("tree-active");
            private final Label from = optional("tree-muted");
            private final Label note = optional("tree-warning");
            private final Tooltip starTip = new Tooltip();
            private final HBox head = new HBox(8, version, badge);
            private final HBox facts = new HBox(8, created, creator, star, from, note);
            /** Two lines: version and state, then when, who and marks — on one, a deep row cut its creator off at 1024 px. */
            private final VBox box = new VBox(1, head, facts);

            VersionRow() {
                version.setMinWidth(52);
                star.setTooltip(starTip);
                head.setAlignment(Pos.CENTER_LEFT);
                facts.setAlignment(Pos.CENTER_LEFT);
            }

            VBox show(LineageItem.Version item) {
                ModelSummary v = item.version();
                version.setText(v.version());
                StateBadge.apply(badge, v.state());
                created.setText(v.createdAt() == null ? "" : v.createdAt().substring(0, Math.min(10, v.createdAt().length())));
                creator.setText(v.createdBy());
                boolean live = item.liveState().equals(v.state());
                say(star, live ? "★" : null);
                starTip.setText(live ? "The " + item.liveState() + " version of " + v.modelName() : "");
                say(from, item.chainedFrom() == null ? null : "↳ retrained from " + item.chainedFrom());
                say(note, switch (item.reason()) {
                    case ORPHAN -> "⚠ parent " + v.parentId() + " missing";
                    case CYCLE -> "⚠ parent_id cycle";
                    case OTHER_NAME -> "retrained from " + v.parentId();
                    case NONE -> null;
                });
                mark(note, item.reason() == LineageTree.RootReason.OTHER_NAME ? "tree-muted" : "tree-warning");
                return box;
            }
        }

        /** Evidence rows, the evidence folder and the loading row: an optional mark, a label and a value. */
        private static final class EvidenceRow {
            private final Label markLabel = optional("tree-ok");
            private final Label label = styled("", "tree-evidence");
            private final Label value = styled("", "tree-muted");
            private final HBox box = new HBox(8, markLabel, label, value);

            EvidenceRow() {
                box.setAlignment(Pos.CENTER_LEFT);
            }

            HBox show(String markText, String labelText, String valueText) {
                say(markLabel, markText);
                mark(markLabel, "✓".equals(markText) ? "tree-ok" : "tree-warning");
                label.setText(labelText);
                value.setText(valueText);
                return box;
            }
        }
    }
}
