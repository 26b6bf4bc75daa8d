package com.modelsteward.ui.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.PostgresServer;
import com.modelsteward.testsupport.PostgresTeam;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.ui.approvals.ApprovalsView;
import com.modelsteward.ui.models.ModelsView;
import com.modelsteward.ui.shell.ConsoleShell;
import com.modelsteward.ui.shell.Pages;
import com.modelsteward.ui.overview.FigureTile;
import com.modelsteward.ui.overview.StateBarsTile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
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
 * The console's views on a server registry (issue 21, item 6 of the contract): a team's history made by its members
 * logged in as themselves, shown in Overview, Models, Approvals and Audit; a risk officer approving from the keyboard as
 * the login the server vouches for; another login's commit shown within a second; sessions ended by the server.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("postgresql")
@Tag("console")
class ServerConsoleTest {

    @TempDir
    static Path dir;

    private final ServerConsole console = new ServerConsole();
    private PostgresTeam team;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() throws Exception {
        console.close();
        if (team != null) {
            team.close();
        }
    }

    private ConsoleShell openAs(FxRobot robot, String login) throws Exception {
        ConsoleShell shell = console.start(robot, stage, Files.createTempFile(dir, "settings-" + login, ".properties"), team.address(login));
        FxWait.until("the registry is open for " + login, () -> shell.context() != null);
        return shell;
    }

    private static void idle(ConsoleShell shell) {
        FxWait.until("background work is done", () -> shell.tasks().runningProperty().get() == 0);
    }

    private String stateOf(String modelId) {
        return team.as("alice").read(store -> store.versions().find(modelId).orElseThrow().state());
    }

    @Test
    void theViewsShowTheTeamsHistoryAndARiskOfficerApprovesByKeyboardAsHerself(FxRobot robot) throws Exception {
        team = new PostgresTeam();
        team.enrolTeam();
        TeamHistory history = new TeamHistory(team);
        String momentum = history.register("alice", "momentum", "1.0.0");
        history.register("alice", "carry", "0.9.0");
        history.shadow("bob", momentum);
        history.advance(Duration.ofDays(7));
        String request = history.requestActive("bob", momentum);

        ConsoleShell shell = openAs(robot, "rachel");
        String server = PostgresServer.get().host() + ":" + PostgresServer.get().port();
        String status = robot.lookup("#status-registry").queryAs(Label.class).getText();
        assertEquals("Registry: " + team.database() + " on " + server + " · logged in as rachel (RISK_OFFICER)", status);
        assertEquals("Model Steward — " + team.database() + " on " + server + " · rachel", shell.stage().getTitle());

        FigureTile pending = robot.lookup("#tile-pending").queryAs(FigureTile.class);
        FxWait.until("the Overview counts the pending request", () -> pending.getValue() == 1);
        StateBarsTile states = robot.lookup("#tile-states").queryAs(StateBarsTile.class);
        FxWait.until("the Overview counts the versions per state", () -> states.counts().stream().mapToLong(count -> count.count()).sum() == 2);
        robot.interact(() -> Screenshots.write(shell.stage().getScene(), "server-overview"));

        // Pages shown as Ctrl+N shows them, so the focus follows into each page's table (a click would keep it in the sidebar).
        robot.interact(() -> shell.show("models"));
        ModelsView models = (ModelsView) shell.page("models");
        FxWait.until("Models lists both versions", () -> models.model().visibleVersions().size() == 2);
        assertEquals(List.of("carry-0.9.0", "momentum-1.0.0"),
                models.model().visibleVersions().stream().map(ModelSummary::modelId).sorted().toList());

        robot.interact(() -> shell.show("audit"));
        TableView<AuditEntry> auditTable = robot.lookup("#audit-table").queryTableView();
        FxWait.until("Audit lists the history", () -> auditTable.getItems().stream().map(AuditEntry::actor).toList().containsAll(List.of("alice", "bob")));

        // Approvals, from the keyboard only: page shortcut, arrows, Enter, the comment, Alt+A, Enter.
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT6);
        FxWait.until("Ctrl+6 shows the approvals", () -> "approvals".equals(shell.currentPage()));
        ApprovalsView approvals = (ApprovalsView) shell.page("approvals");
        TableView<?> queue = robot.lookup("#approvals-pending").queryTableView();
        FxWait.until("Approvals lists bob's request", () -> approvals.model().pending().size() == 1);
        ReviewDesk.QueueRow row = approvals.model().pending().getFirst();
        assertEquals(request, row.requestId());
        FxWait.until("the badge counts it", () -> shell.badgeText("approvals").equals("1"));
        idle(shell);
        robot.interact(() -> Screenshots.write(shell.stage().getScene(), "server-approvals"));
        FxWait.until("the queue has the keyboard focus", queue::isFocused);
        robot.type(KeyCode.HOME);
        robot.type(KeyCode.ENTER);
        FxWait.until("the approval dialog opens", () -> robot.lookup("#approval-dialog").tryQuery().isPresent());
        FxWait.until("the comment field has the focus", () -> robot.lookup("#decision-comment").query().isFocused());
        robot.targetWindow(robot.lookup("#approval-dialog").query().getScene().getWindow());
        robot.write("Gates pass; shadow week complete; approved on the server.");
        Button approve = robot.lookup("#approve-button").queryButton();
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(approve.isDisabled(), "Approve is enabled: " + robot.lookup("#approve-reason").queryAs(Label.class).getText());
        robot.push(KeyCode.ALT, KeyCode.A);
        FxWait.until("Alt+A asks for the confirmation", () -> robot.lookup("#confirm-decision").tryQuery().map(javafx.scene.Node::isVisible).orElse(false));
        FxWait.until("the confirmation has the focus", () -> robot.lookup("#confirm-decision").query().isFocused());
        robot.type(KeyCode.ENTER);
        FxWait.until("the approval is reported", () -> shell.notificationText().contains("approved"));

        assertEquals("ACTIVE", stateOf(momentum));
        List<String> deciders = team.as("alice").read(store -> store.audit().decisionEntries("request:" + request)).stream()
                .map(entry -> entry.actor()).toList();
        assertEquals(List.of("rachel"), deciders, "the server recorded the login that approved, not the OS account " + ServerConsole.OS_USER);
        assertEquals(status, robot.lookup("#status-registry").queryAs(Label.class).getText(), "the status bar still names her");
        FxWait.until("the queue empties", () -> approvals.model().pending().isEmpty());
    }

    /** A commit by another login reaches the console through LISTEN/NOTIFY: no query polls the server. */
    @Test
    void anotherLoginsCommitShowsWithinASecond(FxRobot robot) throws Exception {
        team = new PostgresTeam();
        team.enrolTeam();
        TeamHistory history = new TeamHistory(team);
        String momentum = history.register("alice", "momentum", "1.0.0");
        history.shadow("bob", momentum);
        history.advance(Duration.ofDays(7));

        ConsoleShell shell = openAs(robot, "omar");
        robot.interact(() -> shell.show("models"));
        ModelsView models = (ModelsView) shell.page("models");
        FxWait.until("Models lists the version", () -> models.model().visibleVersions().size() == 1);
        // Measured once the console has built its pages in idle time, as it has a minute after it opened.
        FxWait.until("every page is prepared", () -> Pages.ALL.stream().allMatch(spec -> shell.page(spec.id()) != null));
        idle(shell);

        AtomicLong modelsShown = whenSize(robot, models.model().visibleVersions(), 2);
        history.register("alice", "carry", "0.9.0");
        long committed = System.nanoTime();
        FxWait.until("the new version appears", () -> models.model().visibleVersions().size() == 2);
        long shownMillis = (modelsShown.get() - committed) / 1_000_000;
        assertTrue(shownMillis <= 1_000, "shown " + shownMillis + " ms after alice's commit");

        robot.interact(() -> shell.show("approvals"));
        ApprovalsView approvals = (ApprovalsView) shell.page("approvals");
        idle(shell);
        assertTrue(approvals.model().pending().isEmpty());
        AtomicLong requestShown = whenSize(robot, approvals.model().pending(), 1);
        String request = history.requestActive("bob", momentum);
        committed = System.nanoTime();
        FxWait.until("bob's request appears", () -> approvals.model().pending().size() == 1);
        shownMillis = (requestShown.get() - committed) / 1_000_000;
        assertTrue(shownMillis <= 1_000, "shown " + shownMillis + " ms after bob's commit");
        assertEquals(request, approvals.model().pending().getFirst().requestId());
    }

    /**
     * The moment the view's list (what its table shows) first holds {@code size} rows, taken on the FX thread as the list
     * changes: the test's own polling would add its latency to the measurement.
     */
    private static AtomicLong whenSize(FxRobot robot, ObservableList<?> list, int size) {
        AtomicLong at = new AtomicLong();
        robot.interact(() -> list.addListener((ListChangeListener<Object>) change -> {
            if (list.size() == size) {
                at.compareAndSet(0, System.nanoTime());
            }
        }));
        return at;
    }

    /**
     * The DBA ends every Model Steward session (the console's listening connection and its idle ones): the console
     * reconnects by itself, shows no error, and catches up with a commit made meanwhile.
     */
    @Test
    void sessionsEndedByTheServerAreReopenedAndTheViewCatchesUp(FxRobot robot) throws Exception {
        team = new PostgresTeam();
        team.enrolTeam();
        TeamHistory history = new TeamHistory(team);
        history.register("alice", "momentum", "1.0.0");

        ConsoleShell shell = openAs(robot, "omar");
        FxWait.clickOn(robot, "#nav-models");
        ModelsView models = (ModelsView) shell.page("models");
        FxWait.until("Models lists the version", () -> models.model().visibleVersions().size() == 1);
        idle(shell);

        int ended;
        try (Connection dba = PostgresServer.get().superConnection(team.database());
             PreparedStatement terminate = dba.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                     + "WHERE application_name = 'Model Steward' AND pid <> pg_backend_pid() AND datname = current_database()");
             var result = terminate.executeQuery()) {
            result.next();
            ended = result.getInt(1);
        }
        assertTrue(ended >= 2, "the console's listening connection and at least one other were ended: " + ended);
        // Alice's own sessions were ended too: she commits from a registry opened afresh, as a new command would.
        try (Registry alice = Registry.open(team.address("alice"))) {
            history.register(alice, "alice", "carry", "0.9.0");
        }
        FxWait.until("the console catches up", () -> models.model().visibleVersions().size() == 2);
        idle(shell);
        FxWait.until("no connection banner is left", () -> shell.connectionBannerText().isEmpty());
        assertTrue(robot.lookup(".dialog-pane").tryQuery().isEmpty(), "no error dialog");
        FxWait.clickOn(robot, "#nav-audit");
        TableView<AuditEntry> auditTable = robot.lookup("#audit-table").queryTableView();
        FxWait.until("the audit trail reads on fresh connections", () -> auditTable.getItems().size() >= 2);
        assertTrue(robot.lookup(".dialog-pane").tryQuery().isEmpty(), "still no error dialog");
    }
}
