package com.modelsteward.ui.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.StateCount;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** What the Overview's tiles show: the number or a dash, and one line per state with a bar as long as its share. */
@Tag("console")
@ExtendWith(ApplicationExtension.class)
class OverviewFiguresTest {

    private FigureTile figure;
    private StateBarsTile states;

    @Start
    void start(Stage stage) {
        figure = new FigureTile("Pending approvals", "requests waiting for a decision");
        states = new StateBarsTile("Versions per state");
        states.setPrefWidth(330);
        VBox root = new VBox(12, figure, states);
        Scene scene = new Scene(root, 400, 400);
        scene.getStylesheets().add(getClass().getResource("/styles/light.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aFigureShowsADashUntilItsNumberIsRead(FxRobot robot) {
        assertEquals("–", texts(figure).get(1), "no zero before anything was counted");
        assertEquals(-1, figure.getValue());
        robot.interact(() -> figure.setValue(12_345));
        assertEquals(List.of("Pending approvals", "12345", "requests waiting for a decision"), texts(figure));
        assertEquals("Pending approvals: 12345, requests waiting for a decision", figure.getAccessibleText());
    }

    @Test
    void eachStateHasALineItsNameAndCountAndABarAsLongAsItsShare(FxRobot robot) {
        robot.interact(() -> states.show(List.of(new StateCount("ACTIVE", 100), new StateCount("RETIRED", 400),
                new StateCount("CANDIDATE", 0))));
        robot.interact(states::layout);
        List<List<Node>> lines = lines();
        assertEquals(List.of(List.of("RETIRED", "400"), List.of("ACTIVE", "100"), List.of("CANDIDATE", "0")),
                lines.stream().map(OverviewFiguresTest::texts).toList(), "the largest first, each named and counted");
        double whole = fill(lines.get(0)).getWidth();
        assertTrue(whole > 50, "the largest bar fills its track: " + whole);
        assertEquals(whole / 4, fill(lines.get(1)).getWidth(), 0.5, "a quarter of the largest count, a quarter of the bar");
        assertEquals(0, fill(lines.get(2)).getWidth(), "no bar for no version");
        assertEquals("Versions per state: RETIRED 400, ACTIVE 100, CANDIDATE 0", states.getAccessibleText());
    }

    @Test
    void statesBeyondFiveLinesShareTheLastOne(FxRobot robot) {
        List<StateCount> seven = List.of(new StateCount("A", 70), new StateCount("B", 60), new StateCount("C", 50),
                new StateCount("D", 40), new StateCount("E", 30), new StateCount("F", 20), new StateCount("G", 10));
        robot.interact(() -> states.show(seven));
        List<List<String>> shown = lines().stream().map(OverviewFiguresTest::texts).toList();
        assertEquals(StateBarsTile.LINES, shown.size());
        assertEquals(List.of("3 other states", "60"), shown.getLast(), "E, F and G together");
        assertEquals(seven, states.counts());
    }

    private List<List<Node>> lines() {
        return states.lines();
    }

    private static Region fill(List<Node> line) {
        return (Region) ((Region) line.get(1)).getChildrenUnmodifiable().getFirst();
    }

    private static List<String> texts(List<Node> line) {
        return line.stream().filter(Label.class::isInstance).map(node -> ((Label) node).getText()).toList();
    }

    private static List<String> texts(javafx.scene.Parent parent) {
        return parent.getChildrenUnmodifiable().stream().filter(Label.class::isInstance).map(node -> ((Label) node).getText()).toList();
    }
}
