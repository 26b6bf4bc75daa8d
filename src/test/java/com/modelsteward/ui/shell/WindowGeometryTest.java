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
            stage.setWidth(1111);
            stage.setHeight(777);
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
            assertEquals(1111, next.getWidth());
            assertEquals(777, next.getHeight());
        });
    }

    @Test
    void anUnreadableSettingsFileMeansDefaults(FxRobot robot) throws Exception {
        Path file = dir.resolve("broken.properties");
        java.nio.file.Files.writeString(file, "window.width=\\uZZZZ");
        robot.interact(() -> {
            Stage next = new Stage();
            WindowGeometry.restore(next, new AppSettings(file));
            assertEquals(1280, next.getWidth());
        });
    }
}
