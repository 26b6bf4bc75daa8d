package com.modelsteward.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.ModelSummary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GraphLayoutTest {

    /** The demo's shape: retrained from the previous version, every fourth from two back. */
    private static List<ModelSummary> forkingChain(int n) {
        List<ModelSummary> versions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String parent = i == 0 ? null : "v" + ((i % 4 == 3) ? i - 2 : i - 1);
            versions.add(new ModelSummary("v" + i, "alpha", "signal_model", "1." + i, "RETIRED", parent,
                    "2026-01-01T00:00:00.%03dZ".formatted(i), "p", false));
        }
        return versions;
    }

    @Test
    void twoHundredVersionsWithRegularForksNeedOnlyTwoLanes() {
        GraphLayout layout = GraphLayout.of(LineageTree.build(forkingChain(200), "ACTIVE").groups().getFirst());
        assertEquals(200, layout.columns());
        assertEquals(2, layout.lanes());
        assertEquals(199, layout.edges().size());
        Set<String> cells = new HashSet<>();
        layout.positions().forEach(p -> assertTrue(cells.add(p.column() + ":" + p.lane()), "no two versions share a cell"));
    }

    @Test
    void columnsFollowCreationAndTheLongestLineStaysOnLaneZero() {
        GraphLayout layout = GraphLayout.of(LineageTree.build(forkingChain(6), "ACTIVE").groups().getFirst());
        assertEquals(List.of(0, 1, 2, 3, 4, 5), layout.positions().stream().map(GraphLayout.Position::column).toList());
        assertEquals(List.of(0, 0, 1, 0, 0, 0), layout.positions().stream().map(GraphLayout.Position::lane).toList());
    }
}
