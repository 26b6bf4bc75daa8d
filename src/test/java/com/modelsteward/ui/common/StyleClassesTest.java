package com.modelsteward.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Cells switch between the classes of one family, and badges between states, at every refill: the shown class must be
 * the right one, and a refill with the same value must leave the style class list alone (any change to it makes JavaFX
 * match the node against every stylesheet again, for every visible cell).
 */
@ExtendWith(ApplicationExtension.class)
class StyleClassesTest {

    private static final List<String> VERDICTS = List.of("verdict-pass", "verdict-fail", "muted");

    @Test
    void swapLeavesOnlyTheWantedClassOfTheFamilyAndKeepsTheOthers() {
        Pane cell = new Pane();
        cell.getStyleClass().add("table-cell");

        StyleClasses.swap(cell, "verdict-pass", VERDICTS);
        assertEquals(List.of("table-cell", "verdict-pass"), cell.getStyleClass());
        StyleClasses.swap(cell, "verdict-fail", VERDICTS);
        assertEquals(List.of("table-cell", "verdict-fail"), cell.getStyleClass());
        StyleClasses.swap(cell, null, VERDICTS);
        assertEquals(List.of("table-cell"), cell.getStyleClass());

        cell.getStyleClass().addAll("verdict-pass", "muted");
        StyleClasses.swap(cell, "muted", VERDICTS);
        assertEquals(List.of("table-cell", "muted"), cell.getStyleClass(), "a stray second class of the family goes");
    }

    @Test
    void refillingWithTheSameValueDoesNotTouchTheStyleClasses() {
        Pane cell = new Pane();
        StyleClasses.swap(cell, "verdict-fail", VERDICTS);
        Label badge = StateBadge.of("ACTIVE");
        AtomicInteger changes = new AtomicInteger();
        cell.getStyleClass().addListener((ListChangeListener<String>) change -> changes.incrementAndGet());
        badge.getStyleClass().addListener((ListChangeListener<String>) change -> changes.incrementAndGet());

        for (int i = 0; i < 3; i++) {
            StyleClasses.swap(cell, "verdict-fail", VERDICTS);
            StateBadge.apply(badge, "ACTIVE");
        }
        StateBadge.apply(badge, "RETIRED");

        assertEquals(0, changes.get(), "no style class changed");
    }

    @Test
    void aBadgeShowsOneStateAtATimeAsWordSymbolAndColourClass() {
        Label badge = StateBadge.of("ACTIVE");
        StateBadge.apply(badge, "RETIRED");

        assertEquals("◌ RETIRED", badge.getText());
        assertEquals(List.of(PseudoClass.getPseudoClass("state-retired")),
                badge.getPseudoClassStates().stream().filter(p -> p.getPseudoClassName().startsWith("state-")).toList());
        assertEquals(List.of("badge"), badge.getStyleClass().stream().filter(style -> style.startsWith("badge")).toList());

        StateBadge.apply(badge, null);
        assertEquals("", badge.getText());
        assertEquals(0, badge.getPseudoClassStates().stream().filter(p -> p.getPseudoClassName().startsWith("state-")).count());
    }
}
