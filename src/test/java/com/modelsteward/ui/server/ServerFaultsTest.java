package com.modelsteward.ui.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.Location;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.PostgresServer;
import com.modelsteward.testsupport.PostgresTeam;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.ui.shell.ConsoleShell;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * What the console says when a server registry cannot be opened: one sentence in a dialog that names the server and
 * the problem — never a stack trace, never the password — and the console stays usable for another registry.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("postgresql")
class ServerFaultsTest {

    @TempDir
    static Path dir;

    /** One team registry for the class: these tests only fail to open things. */
    private static PostgresTeam team;
    private final ServerConsole console = new ServerConsole();
    private Stage stage;

    @BeforeAll
    static void makeTeam() {
        team = new PostgresTeam();
    }

    @AfterAll
    static void closeTeam() {
        team.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void closeConsole() throws Exception {
        console.close();
    }

    private ConsoleShell openOn(FxRobot robot, String address) throws Exception {
        return console.start(robot, stage, Files.createTempFile(dir, "settings", ".properties"), Location.parse(address));
    }

    private static String server() {
        return PostgresServer.get().host() + ":" + PostgresServer.get().port();
    }

    /** The sentence shown, checked for what every fault dialog must and must not say; the dialog is photographed and closed. */
    private static String faultSaid(FxRobot robot, String screenshot) {
        String text = ServerConsole.errorText(robot);
        assertTrue(text.startsWith("Cannot open the registry: "), text);
        assertFalse(text.contains("Exception") || text.contains("\tat ") || text.contains("SQLState"), "no stack trace or driver jargon: " + text);
        assertFalse(text.contains("-pw"), "no password: " + text);
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        robot.interact(() -> Screenshots.write(pane.getScene(), screenshot));
        FxWait.clickOn(robot, "OK");
        return text;
    }

    @Test
    void aWrongPasswordIsSaidInThePasswordDialogWhichAsksAgain(FxRobot robot) throws Exception {
        Location.Server wrong = team.address("rachel").as("rachel", "not-her-password");
        ConsoleShell shell = console.start(robot, stage, Files.createTempFile(dir, "settings", ".properties"), wrong);
        DialogPane dialog = ServerConsole.dialog(robot, "password-dialog");
        String reason = robot.from(dialog).lookup("#password-reason").queryAs(Label.class).getText();
        assertTrue(reason.contains(server()) && reason.contains("refused the password for rachel"), reason);
        FxWait.clickOn(robot, "Cancel");
        FxWait.until("the window says nothing is open", () -> shell.context() == null && robot.lookup("#nav-models").query().isDisabled());
    }

    @Test
    void aServerThatIsDownIsNamedWithTheRefusedConnection(FxRobot robot) throws Exception {
        int unused;
        try (ServerSocket probe = new ServerSocket(0)) {
            unused = probe.getLocalPort();
        }
        openOn(robot, "postgresql://rachel@127.0.0.1:" + unused + "/steward");
        String text = faultSaid(robot, "server-fault-down");
        assertTrue(text.contains("127.0.0.1:" + unused), text);
    }

    @Test
    void anUnknownDatabaseIsNamed(FxRobot robot) throws Exception {
        // With her password: the server checks it before it looks for the database.
        console.start(robot, stage, Files.createTempFile(dir, "settings", ".properties"),
                ((Location.Server) Location.parse(PostgresServer.get().url("rachel", "no_such_registry"))).as("rachel", PostgresServer.passwordOf("rachel")));
        String text = faultSaid(robot, "server-fault-unknown-database");
        assertTrue(text.contains(server()) && text.contains("no_such_registry"), text);
    }

    @Test
    void aDatabaseThatIsNotARegistryIsNamed(FxRobot robot) throws Exception {
        String plain = PostgresServer.get().freshDatabase();
        openOn(robot, PostgresServer.get().superuserUrl(plain));
        String text = faultSaid(robot, "server-fault-not-a-registry");
        assertTrue(text.contains(plain) && text.contains("not a Model Steward registry"), text);
    }

    @Test
    void tlsRequiredOfAServerWithoutTlsIsNamed(FxRobot robot) throws Exception {
        openOn(robot, PostgresServer.get().url("rachel", team.database()) + PostgresServer.get().tlsItCannotGive());
        String text = faultSaid(robot, "server-fault-tls");
        assertTrue(text.contains(server()), text);
    }
}
