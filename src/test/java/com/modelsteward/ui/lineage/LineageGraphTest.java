package com.modelsteward.ui.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.lineage.LineageTree;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A name with 200 versions: every node drawn, the selected one in view at full size, readable after zooming out. */
@ExtendWith(ApplicationExtension.class)
class LineageGraphTest {

    private final AtomicReference<String> clicked = new AtomicReference<>();
    private LineageGraph graph;

    @Start
    void start(Stage stage) {
        graph = new LineageGraph(clicked::set);
        Scene scene = new Scene(graph, 1100, 420);
        scene.getStylesheets().addAll(Objects.requireNonNull(getClass().getResource("/styles/light.css")).toExternalForm(),
                Objects.requireNonNull(getClass().getResource(LineageView.STYLESHEET)).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static LineageTree.Group twoHundred() {
        List<ModelSummary> versions = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String state = i == 180 ? "ACTIVE" : i > 180 ? (i % 2 == 0 ? "SHADOW" : "CANDIDATE") : "RETIRED";
            versions.add(new ModelSummary("big-" + i, "big", "signal_model", "%d.%d.0".formatted(1 + i / 10, i % 10), state,
                    i == 0 ? null : "big-" + ((i % 4 == 3) ? i - 2 : i - 1), "2026-01-01T00:00:00.%03dZ".formatted(i), "pipeline", false));
        }
        return LineageTree.build(versions, "ACTIVE").groups().getFirst();
    }

    @Test
    void twoHundredVersionsStayLegible(FxRobot robot) {
        robot.interact(() -> graph.show(twoHundred(), "big-180"));
        assertEquals(200, graph.nodeCount());
        assertEquals(1.0, graph.zoom(), 1e-9, "opens at full size");
        FxWait.until("the ACTIVE node is scrolled into view", () -> {
            Bounds node = graph.node("big-180").localToScene(graph.node("big-180").getBoundsInLocal());
            return node.getMinX() >= 0 && node.getMaxX() <= graph.getScene().getWidth();
        });
        assertTrue(graph.node("big-180").getText().endsWith("ACTIVE"));
        robot.interact(() -> Screenshots.write(graph.getScene(), "lineage-graph-200"));
        robot.clickOn(graph.node("big-180"));
        assertEquals("big-180", clicked.get());
        robot.interact(() -> graph.setZoom(0.5));
        assertEquals(0.5, graph.zoom(), 1e-9);
        robot.interact(() -> graph.setZoom(100));
        assertEquals(2.5, graph.zoom(), 1e-9, "zoom is bounded");
    }
}
