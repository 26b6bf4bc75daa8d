package com.modelsteward.ui.lineage;

import com.modelsteward.lineage.LineageTree;
import com.modelsteward.registry.ModelSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the lineage tree shows, worked out without the toolkit (in the background, and in plain tests): which versions pass
 * the search — a version is shown when it matches or a version retrained from it does —, each version's parent, how
 * deep a retrain line nests before it continues flat, which rows start expanded, and the way from a name's first version
 * to any version. The view makes tree items of these rows only when the tree asks for them.
 */
final class LineageOutline {

    /** Above this many versions the tree starts with its names collapsed, except the way to the selected version. */
    static final int EXPANDED_VERSIONS = 5_000;
    /**
     * How many versions deep the tree nests a retrain line before continuing it flat: a line of 1 000 versions nested
     * 1 000 levels deep made expanding and scrolling to its last version walk every level on the FX thread for each
     * level, and indented the row off the screen.
     */
    static final int MAX_NESTING = 16;

    /**
     * One version's row: {@code depth} is its nesting level, {@code chainedFrom} the parent's version label when the row
     * continues a deep line flat instead of sitting under its parent (else null).
     */
    record Row(LineageTree.Node node, int depth, String chainedFrom) {

        String modelId() {
            return node.modelId();
        }

        /** Whether the versions retrained from this one sit under it (else they follow it as siblings). */
        boolean nests() {
            return depth + 1 < MAX_NESTING;
        }
    }

    /** A model name with the rows at its top level, and whether it starts expanded. */
    record Name(LineageTree.Group group, List<Row> rows, boolean expanded) {
    }

    private final String liveState;
    private final List<Name> names = new ArrayList<>();
    private final Set<String> shown = new HashSet<>();
    private final Map<String, String> parentOf = new HashMap<>();
    private final boolean expandLines;

    private LineageOutline(LineageTree lineage, String search, Map<String, Set<String>> hashes) {
        this.liveState = lineage.liveState();
        boolean searching = search != null && !search.isBlank();
        boolean large = lineage.groups().stream().mapToInt(LineageTree.Group::size).sum() > EXPANDED_VERSIONS;
        this.expandLines = !large || searching;
        Predicate<ModelSummary> matches = version -> !searching
                || LineageTree.matches(version, search, hashes.getOrDefault(version.modelId(), Set.of()));
        for (LineageTree.Group group : lineage.groups()) {
            List<Row> rows = new ArrayList<>();
            for (LineageTree.Node root : group.roots()) {
                if (mark(root, matches)) {
                    addLine(root, 0, null, rows);
                }
            }
            if (!rows.isEmpty()) {
                names.add(new Name(group, rows, expandLines));
            }
        }
    }

    /** The outline of {@code lineage} for a search (blank: every version), matched against each version's hashes too. */
    static LineageOutline of(LineageTree lineage, String search, Map<String, Set<String>> hashes) {
        return new LineageOutline(lineage, search, hashes);
    }

    String liveState() {
        return liveState;
    }

    /** The names with at least one shown version, in the tree's order. */
    List<Name> names() {
        return names;
    }

    boolean isShown(String modelId) {
        return shown.contains(modelId);
    }

    /** The rows under a row: the shown versions retrained from it, nested or — at the nesting limit — none. */
    List<Row> childrenOf(Row row) {
        List<Row> children = new ArrayList<>();
        if (row.nests()) {
            for (LineageTree.Node child : row.node().children()) {
                if (shown.contains(child.modelId())) {
                    addLine(child, row.depth() + 1, null, children);
                }
            }
        }
        return children;
    }

    /** Whether a row starts expanded: on a small registry or while searching, when a shown version sits under it. */
    boolean startsExpanded(Row row) {
        return expandLines && row.nests() && row.node().children().stream().anyMatch(child -> shown.contains(child.modelId()));
    }

    /** The versions from the first of its line down to {@code modelId}, parent before child. */
    List<String> wayTo(String modelId) {
        List<String> way = new ArrayList<>();
        for (String id = modelId; id != null; id = parentOf.get(id)) {
            way.addFirst(id);
        }
        return way;
    }

    /**
     * Adds to the shown versions those under {@code node} that pass the search or have a descendant that does, and
     * records every child's parent; true when the node itself is shown.
     */
    private boolean mark(LineageTree.Node node, Predicate<ModelSummary> matches) {
        boolean childShown = false;
        for (LineageTree.Node child : node.children()) {
            parentOf.put(child.modelId(), node.modelId());
            childShown |= mark(child, matches);
        }
        if (childShown || matches.test(node.version())) {
            shown.add(node.modelId());
            return true;
        }
        return false;
    }

    /**
     * Adds the row of a shown version to {@code out}. Up to {@link #MAX_NESTING} levels a version sits under the version
     * it was retrained from; below that its line continues as siblings, each naming its parent.
     */
    private void addLine(LineageTree.Node node, int depth, String chainedFrom, List<Row> out) {
        out.add(new Row(node, depth, chainedFrom));
        if (depth + 1 >= MAX_NESTING) {
            for (LineageTree.Node child : node.children()) {
                if (shown.contains(child.modelId())) {
                    addLine(child, depth, node.version().version(), out);
                }
            }
        }
    }
}
