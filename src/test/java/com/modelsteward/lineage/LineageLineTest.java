package com.modelsteward.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.ModelVersion;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A version's line read alone gives the chain and the problems the whole tree gives for it. */
class LineageLineTest {

    private static ModelVersion v(String id, String name, String parent, int day) {
        return new ModelVersion(id, name, "signal_model", id, "RETIRED", parent, "models/" + id, "{}", "h", "s3://d", "dh", "fg", "c0",
                "2026-10-%02dT00:00:00.000Z".formatted(day), "pipeline", null, 1, null, false);
    }

    private static ModelSummary summary(ModelVersion v) {
        return new ModelSummary(v.modelId(), v.modelName(), v.modelType(), v.version(), v.state(), v.parentId(), v.createdAt(), v.createdBy(),
                false);
    }

    /** The line of {@code id} as the store gives it (same-name ancestors), against the tree of every version. */
    private static void sameAsTree(List<ModelVersion> all, String id, List<String> expectedChain) {
        LineageTree tree = LineageTree.build(all.stream().map(LineageLineTest::summary).toList(), "ACTIVE");
        Set<String> ids = Set.copyOf(all.stream().map(ModelVersion::modelId).toList());
        List<ModelVersion> rows = sameNameAncestors(all, id);
        LineageLine line = LineageLine.of(id, rows, ids::contains).orElseThrow();
        List<String> chain = line.chain().stream().map(ModelVersion::modelId).toList();
        assertEquals(expectedChain, chain);
        assertEquals(tree.chain(id).stream().map(ModelSummary::modelId).toList(), chain);
        assertEquals(tree.problems().stream().filter(p -> chain.stream().anyMatch(p::contains)).count(), line.problems().size(),
                line.problems() + " against " + tree.problems());
    }

    /** What the store's recursive query returns: the version and its parents while the parent exists and has its name. */
    private static List<ModelVersion> sameNameAncestors(List<ModelVersion> all, String id) {
        java.util.Map<String, ModelVersion> byId = new java.util.HashMap<>();
        all.forEach(v -> byId.put(v.modelId(), v));
        java.util.LinkedHashMap<String, ModelVersion> found = new java.util.LinkedHashMap<>();
        ModelVersion current = byId.get(id);
        while (current != null && found.putIfAbsent(current.modelId(), current) == null) {
            ModelVersion parent = current.parentId() == null ? null : byId.get(current.parentId());
            current = parent != null && parent.modelName().equals(current.modelName()) ? parent : null;
        }
        return List.copyOf(found.values());
    }

    @Test
    void aChainRunsBackToItsRoot() {
        sameAsTree(List.of(v("a1", "alpha", null, 1), v("a2", "alpha", "a1", 2), v("a3", "alpha", "a2", 3), v("b", "alpha", "a1", 4)),
                "a3", List.of("a3", "a2", "a1"));
    }

    @Test
    void anOrphanEndsTheLineAndIsReported() {
        List<ModelVersion> all = List.of(v("a4", "alpha", "gone-3", 4), v("a5", "alpha", "a4", 5));
        sameAsTree(all, "a5", List.of("a5", "a4"));
        assertEquals(List.of("a4 names parent gone-3, which is not in the registry"),
                LineageLine.of("a5", all, id -> false).orElseThrow().problems());
    }

    @Test
    void aParentOfAnotherNameEndsTheLineWithoutAProblem() {
        sameAsTree(List.of(v("a1", "alpha", null, 1), v("b1", "beta", "a1", 2), v("b2", "beta", "b1", 3)), "b2", List.of("b2", "b1"));
    }

    @Test
    @Timeout(5)
    void aLoopIsCutAtItsOldestMemberAsInTheTree() {
        List<ModelVersion> all = List.of(v("c1", "alpha", "c3", 1), v("c2", "alpha", "c1", 2), v("c3", "alpha", "c2", 3),
                v("tail", "alpha", "c3", 4));
        sameAsTree(all, "tail", List.of("tail", "c3", "c2", "c1"));
        sameAsTree(all, "c2", List.of("c2", "c1"));
        sameAsTree(List.of(v("self", "alpha", "self", 1)), "self", List.of("self"));
    }

    @Test
    void anUnknownVersionHasNoLine() {
        assertEquals(java.util.Optional.empty(), LineageLine.of("nope", List.of(v("a1", "alpha", null, 1)), id -> true));
    }
}
