package com.modelsteward.ui.shell;

import com.modelsteward.config.AppSettings;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Window size and position between runs; a position off every screen (a detached monitor) is ignored. */
final class WindowGeometry {

    private WindowGeometry() {
    }

    static void restore(Stage stage, AppSettings settings) {
        double width = settings.getDouble("window.width").orElse(1280.0);
        double height = settings.getDouble("window.height").orElse(800.0);
        // Never larger than the screen it opens on (a laptop after a large monitor): the frame must stay reachable.
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setWidth(Math.min(screen.getWidth(), Math.max(800, width)));
        stage.setHeight(Math.min(screen.getHeight(), Math.max(560, height)));
        var x = settings.getDouble("window.x");
        var y = settings.getDouble("window.y");
        if (x.isPresent() && y.isPresent() && !Screen.getScreensForRectangle(new Rectangle2D(x.get(), y.get(), 100, 100)).isEmpty()) {
            stage.setX(x.get());
            stage.setY(y.get());
        }
        stage.setMaximized(settings.get("window.maximized").map(Boolean::parseBoolean).orElse(false));
    }

    static void save(Stage stage, AppSettings settings) {
        settings.put("window.maximized", Boolean.toString(stage.isMaximized()));
        if (!stage.isMaximized()) {
            settings.put("window.width", Double.toString(stage.getWidth()));
            settings.put("window.height", Double.toString(stage.getHeight()));
            settings.put("window.x", Double.toString(stage.getX()));
            settings.put("window.y", Double.toString(stage.getY()));
        }
    }
}
