package com.modelsteward.ui.common;

import java.util.List;
import javafx.scene.Node;

/**
 * Switches a node between the style classes of one family (pass/fail, ok/warning…) in cells that are refilled whenever
 * a table or tree scrolls or its selection moves. Any change to the style class list makes JavaFX match the node
 * against every stylesheet again, so the list is touched only when the wanted class is not already the one shown:
 * removing and re-adding the same class at every refill cost that matching for each visible cell.
 */
public final class StyleClasses {

    private StyleClasses() {
    }

    /** Leaves {@code wanted} (null: none) as the only class of {@code family} on the node. */
    public static void swap(Node node, String wanted, List<String> family) {
        List<String> classes = node.getStyleClass();
        boolean onlyWanted = (wanted == null || classes.contains(wanted))
                && family.stream().filter(style -> !style.equals(wanted)).noneMatch(classes::contains);
        if (onlyWanted) {
            return;
        }
        classes.removeAll(family);
        if (wanted != null) {
            classes.add(wanted);
        }
    }
}
