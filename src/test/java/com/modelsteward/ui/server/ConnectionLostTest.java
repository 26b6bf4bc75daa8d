package com.modelsteward.ui.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.Location;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.ui.models.ModelsView;
import com.modelsteward.ui.shell.ConsoleShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
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
 * The server of the open registry stops and comes back: a banner (text and icon) says the connection is lost while
 * the console tries again, the window stays usable, and when the server answers the banner goes and the view shows
 * what was committed meanwhile.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("console")
class ConnectionLostTest {

    @TempDir
    static Path dir;

    private final ServerConsole console = new ServerConsole();
    private OwnServer server;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() throws Exception {
        console.close();
        if (server != null) {
            server.close();
        }
    }

    private void addVersion(String id) throws Exception {
        try (Connection dba = server.superConnection("steward"); Statement sql = dba.createStatement()) {
            sql.executeUpdate("INSERT INTO steward.model_registry (model_id, model_name, model_type, version) VALUES ('" + id
                    + "', 'late_arrival', 'signal_model', '" + id + "')");
        }
    }

    @Test
    void aServerThatStopsShowsABannerAndTheConsoleCatchesUpWhenItIsBack(FxRobot robot) throws Exception {
        server = new OwnServer(dir.resolve("pgdata"));
        try (Connection dba = server.superConnection("postgres"); Statement sql = dba.createStatement()) {
            sql.execute("CREATE DATABASE steward");
        }
        Registry.create(Location.parse(server.url("postgres", "steward"))).close();
        try (Connection dba = server.superConnection("steward"); Statement sql = dba.createStatement()) {
            sql.execute("CREATE ROLE omar LOGIN");
            sql.execute("GRANT steward_risk_officer TO omar");
        }
        addVersion("1.0.0");

        ConsoleShell shell = console.start(robot, stage, Files.createTempFile(dir, "settings", ".properties"),
                Location.parse(server.url("omar", "steward")));
        FxWait.until("the registry is open", () -> shell.context() != null);
        FxWait.clickOn(robot, "#nav-models");
        ModelsView models = (ModelsView) shell.page("models");
        FxWait.until("Models lists the version", () -> models.model().visibleVersions().size() == 1);

        server.stop();
        String expected = "⚠ Connection to steward on 127.0.0.1:" + server.port() + " lost — reconnecting…";
        FxWait.until("the banner says the connection is lost", () -> shell.connectionBannerText().startsWith(expected));

        // The window stays usable: pages can be shown; one that cannot load says so in a notification, not a dialog.
        long before = System.nanoTime();
        WaitForAsyncUtils.asyncFx(() -> shell.stage().getTitle()).get(1, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - before < TimeUnit.MILLISECONDS.toNanos(500), "the FX thread answers at once");
        FxWait.clickOn(robot, "#nav-audit");
        FxWait.until("the audit page says it cannot load", () -> shell.notificationText().contains("the server does not answer"));
        FxWait.clickOn(robot, "#nav-models");
        assertTrue(robot.lookup(".dialog-pane").tryQuery().isEmpty(), "no dialog while the server is away");
        // Tries again, with growing pauses: still lost, the reason of the last try written under the banner.
        Thread.sleep(3_000);
        String banner = shell.connectionBannerText();
        assertTrue(banner.startsWith(expected) && banner.contains("connection was refused"), banner);
        robot.interact(() -> Screenshots.write(shell.stage().getScene(), "server-connection-lost"));

        server.start();
        addVersion("1.1.0");
        FxWait.until("the banner goes when the server answers", () -> shell.connectionBannerText().isEmpty());
        FxWait.until("the view shows what was committed while it was away", () -> models.model().visibleVersions().size() == 2);
        assertTrue(robot.lookup(".dialog-pane").tryQuery().isEmpty(), "no dialog after the reconnection either");
        assertEquals("models", shell.currentPage());
    }
}
