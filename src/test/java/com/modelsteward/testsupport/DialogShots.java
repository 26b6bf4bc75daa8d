package com.modelsteward.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.ui.common.FxDialogService;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.DialogPane;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Labeled;
import javafx.scene.control.OverrunStyle;
import javafx.scene.text.Text;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A dialog on the three screens the console supports (1024×700, 1280×800, 1920×1080): sized as the dialog service sizes
 * it there, photographed to {@code target/screenshots/dialog-<name>-<w>x<h>.png}, and failed when a label or button in it
 * is drawn with its text cut.
 */
public final class DialogShots {

    private static final int[][] SCREENS = {{1024, 700}, {1280, 800}, {1920, 1080}};

    private DialogShots() {
    }

    /**
     * @param width  the dialog's design width, or a negative number for a dialog sized by its content
     * @param height the dialog's design height, likewise
     */
    public static void atEverySize(FxRobot robot, DialogPane dialog, String name, double width, double height) {
        Window window = dialog.getScene().getWindow();
        double contentWidth = window.getWidth();
        double contentHeight = window.getHeight();
        for (int[] screen : SCREENS) {
            robot.interact(() -> {
                dialog.setPrefSize(width < 0 ? contentWidth : width, height < 0 ? contentHeight : height);
                FxDialogService.fitTo(dialog, new Rectangle2D(0, 0, screen[0], screen[1]));
                window.setWidth(dialog.getPrefWidth());
                window.setHeight(dialog.getPrefHeight());
            });
            WaitForAsyncUtils.waitForFxEvents();
            String shot = "dialog-" + name + "-" + screen[0] + "x" + screen[1];
            assertTrue(window.getWidth() <= screen[0] && window.getHeight() <= screen[1], shot + " fits on the screen");
            robot.interact(() -> Screenshots.write(dialog.getScene(), shot));
            assertTrue(Files.exists(Screenshots.FOLDER.resolve(shot + ".png")));
            List<String> cut = new ArrayList<>();
            robot.interact(() -> cutTexts(dialog, cut));
            assertEquals(List.of(), cut, "text drawn cut in " + shot);
        }
    }

    /**
     * Every shown label or button whose drawn text is not its whole text. Table cells are left out (a column's width is
     * the user's to change) and so are values drawn with a leading ellipsis on purpose (a path whose end matters, with the
     * whole value beside it to copy).
     */
    public static void cutTexts(Parent parent, List<String> cut) {
        for (Node child : parent.getChildrenUnmodifiable()) {
            if (!child.isVisible() || child instanceof IndexedCell<?>) {
                continue;
            }
            if (child instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()
                    && labeled.getTextOverrun() != OverrunStyle.LEADING_ELLIPSIS) {
                String whole = labeled.isMnemonicParsing() ? labeled.getText().replaceFirst("_(?=.)", "") : labeled.getText();
                if (labeled.lookup(".text") instanceof Text drawn && !drawn.getText().equals(whole)) {
                    cut.add("\"" + labeled.getText() + "\" drawn as \"" + drawn.getText() + "\"");
                }
            }
            if (child instanceof Parent inner) {
                cutTexts(inner, cut);
            }
        }
    }
}
