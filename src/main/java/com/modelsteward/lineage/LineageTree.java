package com.modelsteward.lineage;

import com.modelsteward.registry.ModelSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
    public record Group(String modelName, List<Node> roots, Optional<ModelSummary> active, int size) {
    }

    private static final Comparator<ModelSummary> OLDEST_FIRST =
            Comparator.comparing(ModelSummary::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(ModelSummary::modelId);

    private final List<Group> groups;
    private final Map<String, Node> byId;
    private final List<String> problems;

    private LineageTree(List<Group> groups, Map<String, Node> byId, List<String> problems) {
        this.groups = groups;
        this.byId = byId;
        this.problems = problems;
    }

    public static LineageTree build(List<ModelSummary> versions) {
        List<ModelSummary> sorted = new ArrayList<>(versions);
        sorted.sort(OLDEST_FIRST);
        Map<String, ModelSummary> summaries = new LinkedHashMap<>();
        for (ModelSummary version : sorted) {
            summaries.putIfAbsent(version.modelId(), version);
        }
        List<String> problems = new ArrayList<>();
        Map<String, RootReason> rootReasons = new HashMap<>();
        for (ModelSummary version : summaries.values()) {
            String parentId = version.parentId();
            if (parentId == null || parentId.isBlank()) {
                rootReasons.put(version.modelId(), RootReason.NONE);
            } else if (!summaries.containsKey(parentId)) {
                rootReasons.put(version.modelId(), RootReason.ORPHAN);
                problems.add(version.modelId() + " names parent " + parentId + ", which is not in the registry");
            } else if (!summaries.get(parentId).modelName().equals(version.modelName())) {
                rootReasons.put(version.modelId(), RootReason.OTHER_NAME);
            }
        }
        breakCycles(summaries, rootReasons, problems);

        Map<String, List<ModelSummary>> childrenOf = new HashMap<>();
        for (ModelSummary version : summaries.values()) {
            if (!rootReasons.containsKey(version.modelId())) {
                childrenOf.computeIfAbsent(version.parentId(), id -> new ArrayList<>()).add(version);
            }
        }
        Map<String, Node> byId = new HashMap<>();
        Map<String, List<Node>> rootsByName = new TreeMap<>();
        for (ModelSummary version : summaries.values()) {
            RootReason reason = rootReasons.get(version.modelId());
            if (reason != null) {
                rootsByName.computeIfAbsent(version.modelName(), name -> new ArrayList<>())
                        .add(node(version, reason, childrenOf, byId));
            }
        }
        List<Group> groups = new ArrayList<>();
        rootsByName.forEach((name, roots) -> {
            List<ModelSummary> members = summaries.values().stream().filter(v -> v.modelName().equals(name)).toList();
            Optional<ModelSummary> active = members.stream().filter(v -> "ACTIVE".equals(v.state())).findFirst();
            groups.add(new Group(name, List.copyOf(roots), active, members.size()));
        });
        return new LineageTree(List.copyOf(groups), Map.copyOf(byId), List.copyOf(problems));
    }

    /**
     * Follows parents from every version not yet known to be a root. A walk that returns to a version of its own path
     * has found a cycle: its oldest member becomes a root so that the rest hang below it.
     */
    private static void breakCycles(Map<String, ModelSummary> summaries, Map<String, RootReason> rootReasons, List<String> problems) {
        Set<String> settled = new HashSet<>(rootReasons.keySet());
        for (String start : summaries.keySet()) {
            List<String> path = new ArrayList<>();
            Set<String> onPath = new HashSet<>();
            String current = start;
            while (current != null && !settled.contains(current) && onPath.add(current)) {
                path.add(current);
                current = summaries.get(current).parentId();
            }
            if (current != null && onPath.contains(current) && !settled.contains(current)) {
                List<String> cycle = path.subList(path.indexOf(current), path.size());
                String oldest = cycle.stream().map(summaries::get).min(OLDEST_FIRST).orElseThrow().modelId();
                rootReasons.put(oldest, RootReason.CYCLE);
                List<String> shown = new ArrayList<>(cycle);
                shown.add(cycle.getFirst());
                problems.add("parent_id forms a cycle: " + String.join(" → ", shown) + "; shown with " + oldest + " as a root");
            }
            settled.addAll(path);
        }
    }

    /** Builds a subtree iteratively deep enough for any chain length, without recursion. */
    private static Node node(ModelSummary root, RootReason reason, Map<String, List<ModelSummary>> childrenOf, Map<String, Node> byId) {
        // Post-order: children before parents, so each Node is built with its finished child list.
        List<ModelSummary> order = new ArrayList<>();
        List<ModelSummary> stack = new ArrayList<>(List.of(root));
        while (!stack.isEmpty()) {
            ModelSummary next = stack.removeLast();
            order.add(next);
            stack.addAll(childrenOf.getOrDefault(next.modelId(), List.of()));
        }
        for (ModelSummary version : order.reversed()) {
            List<Node> children = childrenOf.getOrDefault(version.modelId(), List.of()).stream().map(c -> byId.get(c.modelId())).toList();
            byId.put(version.modelId(), new Node(version, children, version == root ? reason : RootReason.NONE));
        }
        return byId.get(root.modelId());
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
        Map<String, String> parentOf = new HashMap<>();
        for (Node node : byId.values()) {
            for (Node child : node.children()) {
                parentOf.put(child.modelId(), node.modelId());
            }
        }
        List<ModelSummary> chain = new ArrayList<>();
        String current = modelId;
        while (current != null && byId.containsKey(current)) {
            chain.add(byId.get(current).version());
            current = parentOf.get(current);
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
