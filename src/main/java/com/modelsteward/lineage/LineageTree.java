package com.modelsteward.lineage;

import com.modelsteward.registry.ModelSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Versions grouped by model name, each under the version it was retrained from ({@code parent_id}).
 *
 * <p>The pipeline writes {@code parent_id} with plain SQL, so the data may be bad: a parent that does not exist (an
 * <em>orphan</em>), a parent of another name, or a loop of parents (a <em>cycle</em>). Every version still appears exactly
 * once: orphans and versions whose parent has another name become roots of their name, and a cycle is broken at its
 * oldest member, which becomes a root. Each such case is reported in {@link #problems()}; nothing ever loops.
 */
public final class LineageTree {

    /** Why a version is a root although it names a parent. */
    public enum RootReason { NONE, ORPHAN, OTHER_NAME, CYCLE }

    /** One version and the versions retrained from it, oldest first. */
    public record Node(ModelSummary version, List<Node> children, RootReason reason) {

        public String modelId() {
            return version.modelId();
        }
    }

    /** The versions of one model name. */
    public record Group(String modelName, List<Node> roots, Optional<ModelSummary> active, int size, String liveState) {
    }

    private static final Comparator<ModelSummary> OLDEST_FIRST =
            Comparator.comparing(ModelSummary::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(ModelSummary::modelId);

    private final List<Group> groups;
    private final Map<String, Node> byId;
    private final List<String> problems;
    private final String liveState;

    private LineageTree(List<Group> groups, Map<String, Node> byId, List<String> problems, String liveState) {
        this.groups = groups;
        this.byId = byId;
        this.problems = problems;
        this.liveState = liveState;
    }

    /** The policy's live state: the one whose version of each name the tree marks as the group's live version. */
    public String liveState() {
        return liveState;
    }

    /**
     * Builds the tree in a few passes over the versions, each addressed by its position in oldest-first order: 100 000
     * versions take tens of milliseconds (maps keyed by id at every step took half a second).
     */
    public static LineageTree build(List<ModelSummary> versions, String liveState) {
        List<ModelSummary> sorted = new ArrayList<>(versions);
        sorted.sort(OLDEST_FIRST);
        Map<String, Integer> index = new HashMap<>(sorted.size() * 2);
        List<ModelSummary> all = new ArrayList<>(sorted.size());
        for (ModelSummary version : sorted) {
            if (index.putIfAbsent(version.modelId(), all.size()) == null) {
                all.add(version);
            }
        }
        int count = all.size();
        int[] parent = new int[count];
        RootReason[] rootReasons = new RootReason[count];
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ModelSummary version = all.get(i);
            String parentId = version.parentId();
            Integer found = parentId == null || parentId.isBlank() ? null : index.get(parentId);
            parent[i] = found == null ? -1 : found;
            if (parentId == null || parentId.isBlank()) {
                rootReasons[i] = RootReason.NONE;
            } else if (found == null) {
                rootReasons[i] = RootReason.ORPHAN;
                problems.add(version.modelId() + " names parent " + parentId + ", which is not in the registry");
            } else if (!all.get(found).modelName().equals(version.modelName())) {
                rootReasons[i] = RootReason.OTHER_NAME;
            }
        }
        breakCycles(all, parent, rootReasons, problems);

        int[][] children = children(parent, rootReasons);
        Node[] nodes = new Node[count];
        Map<String, List<Node>> rootsByName = new TreeMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        Map<String, ModelSummary> actives = new HashMap<>();
        for (int i = 0; i < count; i++) {
            ModelSummary version = all.get(i);
            if (rootReasons[i] != null) {
                rootsByName.computeIfAbsent(version.modelName(), name -> new ArrayList<>()).add(node(i, all, rootReasons, children, nodes));
            }
            sizes.merge(version.modelName(), 1, Integer::sum);
            if (liveState.equals(version.state())) {
                actives.putIfAbsent(version.modelName(), version);
            }
        }
        List<Group> groups = new ArrayList<>();
        rootsByName.forEach((name, roots) ->
                groups.add(new Group(name, List.copyOf(roots), Optional.ofNullable(actives.get(name)), sizes.get(name), liveState)));
        Map<String, Node> byId = new HashMap<>(count * 2);
        for (Node node : nodes) {
            byId.put(node.modelId(), node);
        }
        return new LineageTree(List.copyOf(groups), Collections.unmodifiableMap(byId), List.copyOf(problems), liveState);
    }

    /**
     * Follows parents from every version not yet known to be a root. A walk that returns to a version of its own path
     * has found a cycle: its oldest member becomes a root so that the rest hang below it.
     */
    private static void breakCycles(List<ModelSummary> all, int[] parent, RootReason[] rootReasons, List<String> problems) {
        final byte unseen = 0;
        final byte onPath = 1;
        final byte settled = 2;
        byte[] state = new byte[all.size()];
        List<Integer> path = new ArrayList<>();
        for (int start = 0; start < all.size(); start++) {
            path.clear();
            int current = start;
            while (state[current] == unseen && rootReasons[current] == null) {
                state[current] = onPath;
                path.add(current);
                current = parent[current];
            }
            if (state[current] == onPath) {
                List<Integer> cycle = path.subList(path.indexOf(current), path.size());
                // Positions follow oldest-first order, so the smallest is the oldest member.
                int oldest = cycle.stream().min(Integer::compare).orElseThrow();
                rootReasons[oldest] = RootReason.CYCLE;
                List<String> shown = new ArrayList<>(cycle.stream().map(i -> all.get(i).modelId()).toList());
                shown.add(shown.getFirst());
                problems.add("parent_id forms a cycle: " + String.join(" → ", shown) + "; shown with " + all.get(oldest).modelId()
                        + " as a root");
            }
            for (int visited : path) {
                state[visited] = settled;
            }
        }
    }

    /** The children of every version that hangs under its parent, oldest first. */
    private static int[][] children(int[] parent, RootReason[] rootReasons) {
        int[] counts = new int[parent.length];
        for (int i = 0; i < parent.length; i++) {
            if (rootReasons[i] == null) {
                counts[parent[i]]++;
            }
        }
        int[][] children = new int[parent.length][];
        for (int i = 0; i < parent.length; i++) {
            children[i] = new int[counts[i]];
            counts[i] = 0;
        }
        for (int i = 0; i < parent.length; i++) {
            if (rootReasons[i] == null) {
                children[parent[i]][counts[parent[i]]++] = i;
            }
        }
        return children;
    }

    /** Builds a subtree iteratively deep enough for any chain length, without recursion. */
    private static Node node(int root, List<ModelSummary> all, RootReason[] rootReasons, int[][] children, Node[] nodes) {
        // Post-order: children before parents, so each Node is built with its finished child list.
        List<Integer> order = new ArrayList<>();
        List<Integer> stack = new ArrayList<>(List.of(root));
        while (!stack.isEmpty()) {
            int next = stack.removeLast();
            order.add(next);
            for (int child : children[next]) {
                stack.add(child);
            }
        }
        for (int i : order.reversed()) {
            Node[] built = new Node[children[i].length];
            for (int c = 0; c < built.length; c++) {
                built[c] = nodes[children[i][c]];
            }
            nodes[i] = new Node(all.get(i), List.of(built), i == root ? rootReasons[i] : RootReason.NONE);
        }
        return nodes[root];
    }

    public List<Group> groups() {
        return groups;
    }

    public Optional<Group> group(String modelName) {
        return groups.stream().filter(g -> g.modelName().equals(modelName)).findFirst();
    }

    public Optional<Node> node(String modelId) {
        return Optional.ofNullable(byId.get(modelId));
    }

    /** Data problems found while building: orphans and cycles, one sentence each. */
    public List<String> problems() {
        return problems;
    }

    /** The version and its ancestors up to the root of its tree, the version first. */
    public List<ModelSummary> chain(String modelId) {
        List<ModelSummary> chain = new ArrayList<>();
        Node current = byId.get(modelId);
        while (current != null) {
            chain.add(current.version());
            // Only a version that hangs under its parent has reason NONE and a parent; a root's parent_id is not followed.
            String parentId = current.version().parentId();
            current = current.reason() == RootReason.NONE && parentId != null && !parentId.isBlank() ? byId.get(parentId) : null;
        }
        return chain;
    }

    /** True when the version's name, version, id or any hash shown for it contains the text (case-insensitive). */
    public static boolean matches(ModelSummary version, String text, Set<String> hashes) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return true;
        }
        for (String field : new String[] {version.modelName(), version.version(), version.modelId()}) {
            if (field != null && field.toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return hashes.stream().anyMatch(hash -> hash != null && hash.toLowerCase(Locale.ROOT).startsWith(needle));
    }
}
