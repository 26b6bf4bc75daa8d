package com.modelsteward.testsupport;

import java.util.concurrent.TimeUnit;
import javafx.scene.Group;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Photographs a whole window's content at 1024×700, 1280×800 and 1920×1080 into {@code target/screenshots/<name>-<w>x<h>.png}.
 *
 * <p>The headless screen is 1000 px square, and a window that reaches past it cannot be drawn. So the window's root
 * moves, for the photograph, into a small window that is shown (TilesFX lays its tiles out only while their window
 * shows) and is laid out and drawn at the full size there, outside that window's bounds; then it goes back.
 */
public final class PageShots {

    public static final int[][] SIZES = {{1024, 700}, {1280, 800}, {1920, 1080}};

    private PageShots() {
    }

    public static void atThreeSizes(FxRobot robot, Stage stage, String name) {
        for (int[] size : SIZES) {
            at(robot, stage, name, size[0], size[1]);
        }
    }

    public static void at(FxRobot robot, Stage stage, String name, int width, int height) {
        Scene shown = stage.getScene();
        Parent root = shown.getRoot();
        Stage[] holder = new Stage[1];
        robot.interact(() -> {
            shown.setRoot(new Group());
            root.setManaged(false);
            Scene small = new Scene(new Group(root), 200, 200);
            small.getStylesheets().setAll(shown.getStylesheets());
            holder[0] = new Stage();
            holder[0].setX(0);
            holder[0].setY(0);
            holder[0].setScene(small);
            holder[0].show();
            layOut(root, width, height);
        });
        // Tiles and charts settle over a few pulses after a resize; lay out again after each.
        for (int pass = 0; pass < 3; pass++) {
            WaitForAsyncUtils.sleep(100, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> layOut(root, width, height));
        }
        robot.interact(() -> {
            try {
                Screenshots.write(root, name + "-" + width + "x" + height);
            } finally {
                ((Group) holder[0].getScene().getRoot()).getChildren().clear();
                holder[0].hide();
                root.setManaged(true);
                shown.setRoot(root);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void layOut(Parent root, int width, int height) {
        root.resize(width, height);
        root.applyCss();
        root.layout();
    }
}
