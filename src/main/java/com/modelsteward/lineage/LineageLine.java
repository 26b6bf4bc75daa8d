package com.modelsteward.lineage;

import com.modelsteward.registry.ModelVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One version's line: the version and the versions it was retrained from, up to the root of its tree, with the data
 * problems met on the way. The same chain {@link LineageTree#chain} gives, made from the line's own rows only, so a
 * one-version command does not read or build the whole registry's tree.
 *
 * @param chain    the version first, its root last
 * @param problems an orphan at the root or a loop of parents on the line, one sentence each (as {@link LineageTree} words them)
 */
public record LineageLine(List<ModelVersion> chain, List<String> problems) {

    private static final Comparator<ModelVersion> OLDEST_FIRST =
            Comparator.comparing(ModelVersion::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(ModelVersion::modelId);

    /**
     * Follows parents from {@code modelId} through {@code rows} (the version and its same-name ancestors). The walk stops,
     * as the tree's does, at a version without a parent, at a parent of another name, at a parent that is not in the
     * registry (an orphan, reported) and at a loop, which — as in the tree — is cut at its oldest member.
     *
     * @param exists whether a parent outside {@code rows} is in the registry (a version of another name)
     */
    static Optional<LineageLine> of(String modelId, List<ModelVersion> rows, Predicate<String> exists) {
        Map<String, ModelVersion> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.modelId(), row));
        ModelVersion current = byId.get(modelId);
        if (current == null) {
            return Optional.empty();
        }
        List<ModelVersion> path = new ArrayList<>();
        Map<String, Integer> position = new HashMap<>();
        List<String> problems = new ArrayList<>();
        while (current != null) {
            position.put(current.modelId(), path.size());
            path.add(current);
            String parentId = current.parentId();
            if (parentId == null || parentId.isBlank()) {
                break;
            }
            Integer seen = position.get(parentId);
            if (seen != null) {
                List<ModelVersion> cycle = path.subList(seen, path.size());
                ModelVersion oldest = cycle.stream().min(OLDEST_FIRST).orElseThrow();
                int from = cycle.indexOf(oldest);
                List<String> shown = new ArrayList<>();
                for (int i = 0; i <= cycle.size(); i++) {
                    shown.add(cycle.get((from + i) % cycle.size()).modelId());
                }
                problems.add("parent_id forms a cycle: " + String.join(" → ", shown) + "; shown with " + oldest.modelId() + " as a root");
                return Optional.of(new LineageLine(List.copyOf(path.subList(0, seen + from + 1)), List.copyOf(problems)));
            }
            ModelVersion parent = byId.get(parentId);
            if (parent == null && !exists.test(parentId)) {
                problems.add(current.modelId() + " names parent " + parentId + ", which is not in the registry");
            }
            current = parent;
        }
        return Optional.of(new LineageLine(List.copyOf(path), List.copyOf(problems)));
    }
}
