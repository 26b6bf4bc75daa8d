package com.modelsteward.testsupport;

import javafx.scene.Group;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Photographs a whole window's content at 1024×700, 1280×800 and 1920×1080 into {@code target/screenshots/<name>-<w>x<h>.png}.
 * The headless screen is 1000 px square and cannot hold the larger windows, so the window's root is laid out and drawn
 * in a scene of each size that no window shows, with the window's stylesheets, and then handed back.
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

    /**
     * Lays the window's root out at the size, lets the FX thread run what that layout deferred (tiles redraw their
     * backgrounds on the next pulse), draws it, and hands the root back to the window.
     */
    public static void at(FxRobot robot, Stage stage, String name, int width, int height) {
        Scene shown = stage.getScene();
        Parent root = shown.getRoot();
        Scene[] offscreen = new Scene[1];
        robot.interact(() -> {
            shown.setRoot(new Group());
            offscreen[0] = new Scene(root, width, height);
            offscreen[0].getStylesheets().setAll(shown.getStylesheets());
            offscreen[0].snapshot(null);
        });
        for (int pass = 0; pass < 3; pass++) {
            WaitForAsyncUtils.sleep(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> offscreen[0].snapshot(null));
        }
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            try {
                Screenshots.write(offscreen[0], name + "-" + width + "x" + height);
            } finally {
                offscreen[0].setRoot(new Group());
                shown.setRoot(root);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
