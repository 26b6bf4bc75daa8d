package com.modelsteward.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelsteward.config.AppSettings;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class WindowGeometryTest {

    @TempDir
    Path dir;

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void theWindowComesBackWithTheSizeAndPlaceItWasClosedWith(FxRobot robot) throws Exception {
        Path file = dir.resolve("settings.properties");
        robot.interact(() -> {
            stage.setWidth(911);
            stage.setHeight(677);
            stage.setX(40);
            stage.setY(30);
            AppSettings settings = new AppSettings(file);
            WindowGeometry.save(stage, settings);
            try {
                settings.save();
            } catch (java.io.IOException failed) {
                throw new AssertionError(failed);
            }
        });
        robot.interact(() -> {
            Stage next = new Stage();
            WindowGeometry.restore(next, new AppSettings(file));
            assertEquals(911, next.getWidth());
            assertEquals(677, next.getHeight());
        });
    }

    @Test
    void aWindowSavedOnALargerScreenIsShrunkToThisOne(FxRobot robot) {
        Path file = dir.resolve("big.properties");
        robot.interact(() -> {
            AppSettings settings = new AppSettings(file);
            settings.put("window.width", "5000");
            settings.put("window.height", "4000");
            Stage next = new Stage();
            WindowGeometry.restore(next, settings);
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
            assertEquals(screen.getWidth(), next.getWidth());
            assertEquals(screen.getHeight(), next.getHeight());
        });
    }

    @Test
    void anUnreadableSettingsFileMeansDefaults(FxRobot robot) throws Exception {
        Path file = dir.resolve("broken.properties");
        java.nio.file.Files.writeString(file, "window.width=\\uZZZZ");
        robot.interact(() -> {
            Stage next = new Stage();
            WindowGeometry.restore(next, new AppSettings(file));
            assertEquals(Math.min(1280, javafx.stage.Screen.getPrimary().getVisualBounds().getWidth()), next.getWidth());
        });
    }
}
