package com.modelsteward.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppSettings;
import com.modelsteward.config.Environment;
import com.modelsteward.registry.Location;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A first use of a registry by an account walks its whole audit chain before the console shows it (seconds at 100 000
 * versions): the empty window and the status bar count the entries, from the launcher's prefetch too, and the count
 * stops at the first page.
 */
@Tag("console")
@ExtendWith(ApplicationExtension.class)
class FirstUseCountTest {

    private static final Clock CLOCK = Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC);

    @TempDir
    static Path dir;

    private ConsoleShell shell;
    private Path db;
    private AppSettings settings;
    private final OpeningWalk walk = new OpeningWalk();
    private final CompletableFuture<ConsoleShell.Opened> opened = new CompletableFuture<>();

    @Start
    void start(Stage stage) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("first-use-" + System.nanoTime()));
        TestRegistries.demo(folder).close();
        db = folder.resolve("demo.db");
        settings = new AppSettings(folder.resolve("settings.properties"));
        Location location = new Location.File(db);
        // The launcher's prefetch, held open by the test: its walk has counted before the window existed.
        walk.update(4096, 10_000);
        shell = new ConsoleShell(stage, TestRegistries.OPERATOR, CLOCK, settings);
        shell.usePrefetch(new ConsoleShell.Prefetch(location, new AtomicReference<>(location), opened, walk));
        stage.setWidth(1024);
        stage.setHeight(700);
        stage.show();
        shell.start(ConsoleOptions.opening(db));
    }

    @AfterEach
    void closeShell() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    @Test
    void theEmptyWindowAndTheStatusBarCountTheFirstUsesWalkUntilThePageShows(FxRobot robot) throws Exception {
        FxWait.until("the count the prefetch reported before the window existed", () -> placeholder(robot).contains(
                "First use of this registry by this account: verifying its audit trail, 4096 of 10000 entries (40 %)."));
        assertTrue(placeholder(robot).startsWith("Opening " + db + " …"), placeholder(robot));
        ProgressBar bar = robot.lookup("#status-progress").queryAs(ProgressBar.class);
        FxWait.until("the status bar's bar follows it", () -> bar.isVisible() && Math.abs(bar.getProgress() - 0.4096) < 1e-9);

        walk.update(8192, 10_000);
        FxWait.until("the next count", () -> placeholder(robot).contains("8192 of 10000 entries (81 %)"));

        opened.complete(ConsoleShell.openOffFxThread(new Location.File(db), false, new AtomicReference<>(), TestRegistries.OPERATOR,
                settings, Environment.process(), CLOCK, new OpeningWalk()));
        FxWait.until("the overview is shown", () -> "overview".equals(shell.currentPage()));
        walk.update(10_000, 10_000);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("overview", shell.currentPage(), "a count that comes after the page does not replace it");
        assertTrue(robot.lookup(".label").queryAllAs(Label.class).stream().noneMatch(label -> label.getText() != null
                && label.getText().contains("First use of this registry")), "no waiting message is left on the page");
    }

    private static String placeholder(FxRobot robot) {
        return robot.lookup(".placeholder-message").tryQuery().map(node -> ((Label) node).getText()).orElse("");
    }
}
