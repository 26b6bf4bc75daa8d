package com.modelsteward.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppSettings;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.shell.ConsoleOptions;
import com.modelsteward.ui.shell.ConsoleShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A file that is not a registry: a dialog naming the file and the problem, no crash, and the console stays usable; a
 * registry that was open stays open.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleBadInputTest {

    @TempDir
    static Path dir;

    private ConsoleShell shell;
    private Path notes;

    @Start
    void start(Stage stage) throws Exception {
        notes = dir.resolve("notes-" + System.nanoTime() + ".db");
        Files.writeString(notes, "quarterly notes, not a database");
        shell = new ConsoleShell(stage, TestRegistries.OPERATOR, Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC),
                new AppSettings(dir.resolve("settings.properties")));
        stage.show();
        shell.start(ConsoleOptions.opening(notes));
    }

    @AfterEach
    void closeShell() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    @Test
    void aTextFileGetsADialogNamingItAndTheConsoleCanOpenAnotherFile(FxRobot robot) throws Exception {
        FxWait.until("the error dialog is shown", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        String message = ((Label) pane.getContent()).getText();
        assertTrue(message.contains(notes.toString()), message);
        assertTrue(message.contains("not a SQLite database"), message);
        robot.interact(() -> Screenshots.write(pane.getScene(), "open-error-dialog"));
        FxWait.clickOn(robot, "OK");
        assertEquals("quarterly notes, not a database", Files.readString(notes), "the file is untouched");
        assertTrue(robot.lookup("#nav-models").query().isDisabled(), "no pages without a registry");

        Path folder = Files.createDirectories(dir.resolve("good-" + System.nanoTime()));
        TestRegistries.demo(folder).close();
        robot.interact(() -> shell.open(folder.resolve("demo.db"), false));
        FxWait.until("the good registry opens", () -> shell.context() != null);
        assertTrue(shell.stage().getTitle().contains("demo.db"));

        // A bad file chosen while a registry is open replaces nothing: the dialog says so and the pages stay.
        var open = shell.context();
        robot.interact(() -> shell.open(notes, false));
        FxWait.until("the second error dialog is shown", () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        String again = ((Label) robot.lookup(".dialog-pane").queryAs(DialogPane.class).getContent()).getText();
        assertTrue(again.contains("not a SQLite database") && again.endsWith(folder.resolve("demo.db") + " is still open."), again);
        FxWait.clickOn(robot, "OK");
        assertTrue(shell.context() == open, "the open registry was kept");
        assertEquals(Integer.valueOf(1), open.registry().<Integer>readHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()), "and is still usable");
        assertTrue(shell.stage().getTitle().contains("demo.db"));
        assertTrue(!robot.lookup("#nav-models").query().isDisabled(), "the pages stay usable");
    }
}
