package com.modelsteward.ui.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.lineage.LineageTree;
import com.modelsteward.registry.ModelSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the lineage tree shows — search, nesting, the way to a version — worked out without the toolkit. */
class LineageOutlineTest {

    /** {@code count} versions of {@code name}, each retrained from the one before: "name-1" … "name-count". */
    private static List<ModelSummary> line(String name, int count) {
        List<ModelSummary> versions = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            versions.add(new ModelSummary(name + "-" + i, name, "signal_model", "1." + i, i == count ? "ACTIVE" : "RETIRED",
                    i == 1 ? null : name + "-" + (i - 1), "2026-10-01T00:00:00.000Z", "pipeline", false));
        }
        return versions;
    }

    private static LineageOutline outline(List<ModelSummary> versions, String search, Map<String, Set<String>> hashes) {
        return LineageOutline.of(LineageTree.build(versions, "ACTIVE"), search, hashes);
    }

    /** Every row of a name, depth first, as "id@depth" (with "<label" when it continues a line flat). */
    private static List<String> rows(LineageOutline outline, String name) {
        List<String> out = new ArrayList<>();
        LineageOutline.Name shown = outline.names().stream().filter(n -> n.group().modelName().equals(name)).findFirst().orElseThrow();
        shown.rows().forEach(row -> walk(outline, row, out));
        return out;
    }

    private static void walk(LineageOutline outline, LineageOutline.Row row, List<String> out) {
        out.add(row.modelId() + "@" + row.depth() + (row.chainedFrom() == null ? "" : "<" + row.chainedFrom()));
        outline.childrenOf(row).forEach(child -> walk(outline, child, out));
    }

    @Test
    void aShortLineNestsEachVersionUnderItsParent() {
        LineageOutline outline = outline(line("alpha", 3), "", Map.of());
        assertEquals(List.of("alpha-1@0", "alpha-2@1", "alpha-3@2"), rows(outline, "alpha"));
        LineageOutline.Row first = outline.names().getFirst().rows().getFirst();
        assertTrue(outline.startsExpanded(first), "a small registry opens every line");
        assertEquals(List.of("alpha-1", "alpha-2", "alpha-3"), outline.wayTo("alpha-3"));
    }

    @Test
    void aDeepLineContinuesFlatAtTheNestingLimitNamingEachParent() {
        int versions = LineageOutline.MAX_NESTING + 4;
        List<String> rows = rows(outline(line("deep", versions), "", Map.of()), "deep");
        assertEquals(versions, rows.size(), "every version has one row");
        int limit = LineageOutline.MAX_NESTING - 1;
        assertEquals("deep-" + (limit + 1) + "@" + limit, rows.get(limit));
        assertEquals("deep-" + (limit + 2) + "@" + limit + "<1." + (limit + 1), rows.get(limit + 1), "the next one follows it, naming it");
        assertEquals("deep-" + versions + "@" + limit + "<1." + (versions - 1), rows.getLast());
        assertTrue(rows.stream().allMatch(row -> Integer.parseInt(row.replaceAll(".*@(\\d+).*", "$1")) <= limit));
    }

    @Test
    void aSearchKeepsTheWayToEachMatchAndDropsNamesWithoutOne() {
        List<ModelSummary> versions = new ArrayList<>(line("alpha", 4));
        versions.addAll(line("beta", 2));
        LineageOutline outline = outline(versions, "1.3", Map.of());
        assertEquals(List.of("alpha"), outline.names().stream().map(n -> n.group().modelName()).toList(), "beta has no 1.3");
        assertEquals(List.of("alpha-1@0", "alpha-2@1", "alpha-3@2"), rows(outline, "alpha"), "the ancestors of the match stay");
        assertFalse(outline.isShown("alpha-4"));
    }

    @Test
    void aSearchMatchesAVersionsHashes() {
        LineageOutline outline = outline(line("alpha", 3), "9f3c", Map.of("alpha-2", Set.of("9f3c0a11")));
        assertEquals(List.of("alpha-1@0", "alpha-2@1"), rows(outline, "alpha"));
    }

    @Test
    void aLargeRegistryStartsCollapsedUnlessSearched() {
        List<ModelSummary> versions = line("big", LineageOutline.EXPANDED_VERSIONS + 1);
        LineageOutline collapsed = outline(versions, "", Map.of());
        assertFalse(collapsed.names().getFirst().expanded());
        assertFalse(collapsed.startsExpanded(collapsed.names().getFirst().rows().getFirst()));
        LineageOutline searched = outline(versions, "big-3", Map.of());
        assertTrue(searched.names().getFirst().expanded(), "a search opens the way to its matches");
        assertEquals(List.of("big-1", "big-2", "big-3"), searched.wayTo("big-3"));
    }

    @Test
    void aRowKnowsWhetherItsChildrenNest() {
        LineageOutline.Row top = new LineageOutline.Row(null, 0, null);
        LineageOutline.Row last = new LineageOutline.Row(null, LineageOutline.MAX_NESTING - 1, null);
        assertTrue(top.nests());
        assertFalse(last.nests());
        assertNull(top.chainedFrom());
    }
}
