package com.modelsteward.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.ModelSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LineageTreeTest {

    private static ModelSummary v(String id, String parent, int day) {
        return v(id, "alpha", parent, day, "RETIRED");
    }

    private static ModelSummary v(String id, String name, String parent, int day, String state) {
        return new ModelSummary(id, name, "signal_model", id, state, parent, "2026-10-%02dT00:00:00.000Z".formatted(day), "pipeline", false);
    }

    private static List<String> ids(List<LineageTree.Node> nodes) {
        return nodes.stream().map(LineageTree.Node::modelId).toList();
    }

    @Test
    void aChainHangsEachVersionUnderItsParent() {
        LineageTree tree = LineageTree.build(List.of(v("a3", "a2", 3), v("a1", null, 1), v("a2", "a1", 2)), "ACTIVE");
        LineageTree.Group group = tree.groups().getFirst();
        assertEquals(List.of("a1"), ids(group.roots()));
        assertEquals(List.of("a2"), ids(group.roots().getFirst().children()));
        assertEquals(List.of("a3"), ids(group.roots().getFirst().children().getFirst().children()));
        assertEquals(List.of("a3", "a2", "a1"), tree.chain("a3").stream().map(ModelSummary::modelId).toList());
        assertTrue(tree.problems().isEmpty());
    }

    @Test
    void aForkGivesOneParentTwoChildrenOldestFirst() {
        LineageTree tree = LineageTree.build(List.of(v("a1", null, 1), v("b", "a1", 3), v("a", "a1", 2)), "ACTIVE");
        assertEquals(List.of("a", "b"), ids(tree.node("a1").orElseThrow().children()));
    }

    @Test
    void anOrphanBecomesARootAndIsReported() {
        LineageTree tree = LineageTree.build(List.of(v("a1", null, 1), v("a5", "gone-4", 5)), "ACTIVE");
        LineageTree.Group group = tree.groups().getFirst();
        assertEquals(List.of("a1", "a5"), ids(group.roots()));
        assertEquals(LineageTree.RootReason.ORPHAN, tree.node("a5").orElseThrow().reason());
        assertEquals(List.of("a5 names parent gone-4, which is not in the registry"), tree.problems());
    }

    @Test
    @Timeout(5)
    void aCycleIsReportedAndBrokenAtItsOldestMember() {
        LineageTree tree = LineageTree.build(List.of(v("c1", "c3", 1), v("c2", "c1", 2), v("c3", "c2", 3), v("tail", "c3", 4)), "ACTIVE");
        assertEquals(1, tree.problems().size());
        assertTrue(tree.problems().getFirst().startsWith("parent_id forms a cycle"), tree.problems().getFirst());
        LineageTree.Node root = tree.groups().getFirst().roots().getFirst();
        assertEquals("c1", root.modelId());
        assertEquals(LineageTree.RootReason.CYCLE, root.reason());
        assertEquals(4, count(root), "every version appears exactly once");
        assertEquals(List.of("tail", "c3", "c2", "c1"), tree.chain("tail").stream().map(ModelSummary::modelId).toList());
    }

    @Test
    @Timeout(5)
    void aVersionThatIsItsOwnParentIsACycleToo() {
        LineageTree tree = LineageTree.build(List.of(v("self", "self", 1)), "ACTIVE");
        assertEquals(List.of("self"), ids(tree.groups().getFirst().roots()));
        assertEquals(1, tree.problems().size());
    }

    @Test
    void namesAreGroupsAndTheActiveVersionIsKnown() {
        LineageTree tree = LineageTree.build(List.of(v("a1", "alpha", null, 1, "RETIRED"), v("a2", "alpha", "a1", 2, "ACTIVE"),
                v("b1", "beta", "a2", 3, "CANDIDATE")), "ACTIVE");
        assertEquals(List.of("alpha", "beta"), tree.groups().stream().map(LineageTree.Group::modelName).toList());
        assertEquals("a2", tree.group("alpha").orElseThrow().active().orElseThrow().modelId());
        assertEquals(LineageTree.RootReason.OTHER_NAME, tree.node("b1").orElseThrow().reason());
    }

    @Test
    void aChainOfTenThousandVersionsNeedsNoDeepRecursion() {
        List<ModelSummary> versions = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            versions.add(new ModelSummary("m" + i, "long", "signal_model", "v" + i, "RETIRED", i == 0 ? null : "m" + (i - 1),
                    "2026-01-01T00:00:00.000Z", "p", false));
        }
        LineageTree tree = LineageTree.build(versions, "ACTIVE");
        assertEquals(10_000, tree.chain("m9999").size());
    }

    @Test
    void searchMatchesNameVersionAndHashPrefix() {
        ModelSummary version = v("alpha-1.2.0", "alpha", null, 1, "ACTIVE");
        assertTrue(LineageTree.matches(version, "ALPHA", Set.of()));
        assertTrue(LineageTree.matches(version, "1.2", Set.of()));
        assertTrue(LineageTree.matches(version, "ab12", Set.of("ab12cd")));
        assertTrue(!LineageTree.matches(version, "cd", Set.of("ab12cd")));
    }

    private static int count(LineageTree.Node node) {
        int n = 1;
        for (LineageTree.Node child : node.children()) {
            n += count(child);
        }
        return n;
    }
}
