package com.modelsteward.testsupport;

import com.modelsteward.config.AppSettings;
import com.modelsteward.ui.shell.ConsoleOptions;
import com.modelsteward.ui.shell.ConsoleShell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import javafx.stage.Stage;

/** The whole console on a fresh copy of the demo registry, as a TestFX {@code @Start} method opens it. */
public final class DemoConsole {

    private DemoConsole() {
    }

    /**
     * Copies the demo into a new folder under {@code dir}, shows the console on {@code stage} at the smallest size it
     * supports (1024×700) in the top-left corner, and starts opening the copy; {@code settings} is the settings file.
     */
    public static ConsoleShell at1024x700(Stage stage, Path dir, String folderPrefix, Path settings) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(folderPrefix + System.nanoTime()));
        TestRegistries.demo(folder).close();
        ConsoleShell shell = new ConsoleShell(stage, TestRegistries.OPERATOR, Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC),
                new AppSettings(settings));
        stage.setWidth(1024);
        stage.setHeight(700);
        // The headless screen is 1000 px wide and tall: a stage left lower down makes the next test class's bigger
        // stage (the same one) reach past its bottom, where drawing fails with an IndexOutOfBoundsException.
        stage.setX(0);
        stage.setY(0);
        stage.show();
        shell.start(ConsoleOptions.opening(folder.resolve("demo.db")));
        return shell;
    }
}
