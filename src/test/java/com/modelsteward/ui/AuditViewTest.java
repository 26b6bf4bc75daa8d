package com.modelsteward.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppSettings;
import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.sqlite.SqliteEngine;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.audit.AuditView;
import com.modelsteward.ui.audit.AuditViewModel;
import com.modelsteward.ui.shell.ConsoleOptions;
import com.modelsteward.ui.shell.ConsoleShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class AuditViewTest {

    @TempDir
    static Path dir;

    private ConsoleShell shell;
    private Path db;

    @Start
    void start(Stage stage) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("audit-" + System.nanoTime()));
        Clock clock = Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC);
        // An empty registry: since the demo builds its governance history through the engine, its trail is not empty.
        try (Registry registry = TestRegistries.empty(folder)) {
            registry.writeHandle(h -> {
                SqliteEngine.INSTANCE.store(h).audit().append(clock, "alice.nguyen", "REQUEST", "model:momentum_xgb-3.2.0", Map.of("to_state", "ACTIVE", "reason", "beats baseline"));
                SqliteEngine.INSTANCE.store(h).audit().append(clock, "rachel.okafor", "APPROVE", "=HYPERLINK(\"http://evil.example\")", Map.of("comment", "ok", "model_id", "momentum_xgb-3.2.0"));
                SqliteEngine.INSTANCE.store(h).audit().append(clock, "rachel.okafor", "ROLLBACK", "model_name:momentum_xgb", Map.of("reason", "drift", "from", "3.2.0", "to", "3.1.0"));
                return null;
            });
        }
        db = folder.resolve("empty.db");
        shell = new ConsoleShell(stage, TestRegistries.OPERATOR, clock, new AppSettings(dir.resolve("settings.properties")));
        stage.show();
        shell.start(ConsoleOptions.opening(db));
    }

    @AfterEach
    void closeShell() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    @Test
    void filtersVerifiesDetectsATamperedEntryAndExports(FxRobot robot) throws Exception {
        TableView<AuditEntry> table = auditPage(robot);

        ComboBox<String> actor = robot.lookup("#audit-actor").queryComboBox();
        robot.interact(() -> actor.setValue("rachel.okafor"));
        FxWait.until("only her entries remain (filtered in the background)",
                () -> table.getItems().stream().map(AuditEntry::seq).toList().equals(List.of(3L, 2L)));

        FxWait.clickOn(robot, "#audit-verify");
        Label status = robot.lookup("#audit-chain-status").queryAs(Label.class);
        FxWait.until("the chain is verified", () -> status.getText().startsWith("✔"));
        assertEquals("✔ Chain intact: 3 entries verified", status.getText());
        robot.interact(() -> table.getSelectionModel().select(0));
        TextArea payload = robot.lookup("#audit-payload").queryAs(TextArea.class);
        assertTrue(payload.getText().contains("\"reason\" : \"drift\""), payload.getText());
        robot.interact(() -> Screenshots.write(shell.stage().getScene(), "audit-tamper"));

        AuditViewModel model = ((AuditView) shell.page("audit")).model();
        Path csv = dir.resolve("export-" + System.nanoTime() + ".csv");
        robot.interact(() -> model.exportCsv(csv));
        FxWait.until("the export is written", () -> Files.exists(csv));
        FxWait.clickOn(robot, "OK");
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size(), "header plus the two filtered rows");
        assertTrue(lines.get(2).contains(",\"'=HYPERLINK("), "a cell starting with = is neutralised: " + lines.get(2));

        alterTheSecondEntry();
        FxWait.clickOn(robot, "#audit-verify");
        FxWait.until("the break is found", () -> status.getText().startsWith("✖"));
        assertTrue(status.getText().contains("entry 2"), status.getText());
        FxWait.until("the first bad entry is selected", () -> table.getSelectionModel().getSelectedItem() != null
                && table.getSelectionModel().getSelectedItem().seq() == 2);
    }

    @Test
    void aLongVerdictIsReadInFullAndCutsNoButtonAtSmallWindows(FxRobot robot) throws Exception {
        TableView<AuditEntry> table = auditPage(robot);
        alterTheSecondEntry();
        FxWait.clickOn(robot, "#audit-verify");
        Label status = robot.lookup("#audit-chain-status").queryAs(Label.class);
        FxWait.until("the break is found", () -> status.getText().startsWith("✖"));

        // 1024×700, the smallest size the console is made for, where the row of 100 000 entries' count did not fit.
        for (int[] size : new int[][] {{1024, 700}}) {
            robot.interact(() -> {
                shell.stage().setX(0);
                shell.stage().setY(0);
                shell.stage().setWidth(size[0]);
                shell.stage().setHeight(size[1]);
            });
            robot.interact(() -> {
                shell.stage().getScene().getRoot().applyCss();
                shell.stage().getScene().getRoot().layout();
                Screenshots.write(shell.stage().getScene(), "audit-broken-" + size[0] + "x" + size[1]);
            });
            javafx.scene.Node page = shell.page("audit").root();
            double pageRight = Math.min(page.localToScene(page.getBoundsInLocal()).getMaxX(), shell.stage().getScene().getWidth());
            for (String id : List.of("#audit-verify", "#audit-chain-status", "#audit-count", "#audit-export-csv")) {
                javafx.scene.control.Labeled shown = robot.lookup(id).queryAs(javafx.scene.control.Labeled.class);
                assertFalse(shown.isTextTruncated(), id + " reads its text cut at " + size[0] + ": " + shown.getText());
                double right = shown.localToScene(shown.getBoundsInLocal()).getMaxX();
                assertTrue(right <= pageRight + 0.5, id + " reaches past the page's edge at " + size[0] + ": " + right + " > " + pageRight);
            }
        }
    }

    @Test
    void datePickersTakeAndShowIsoDates(FxRobot robot) {
        TableView<AuditEntry> table = auditPage(robot);
        DatePicker from = robot.lookup("#audit-from").query();

        FxWait.clickOn(robot, "#audit-from .text-field").write("2026-11-01").push(KeyCode.ENTER);
        FxWait.until("the typed ISO date is kept", () -> LocalDate.of(2026, 11, 1).equals(from.getValue()));
        assertEquals("2026-11-01", from.getEditor().getText());
        assertEquals(LocalDate.of(2026, 11, 1), ((AuditView) shell.page("audit")).model().fromDateProperty().get());
        FxWait.until("the entries of that day remain", () -> table.getItems().size() == 3);

        robot.interact(() -> from.getEditor().selectAll());
        robot.write("11/02/2026").push(KeyCode.ENTER);
        FxWait.until("text that is no ISO date gives the date back", () -> "2026-11-01".equals(from.getEditor().getText()));
        assertEquals(LocalDate.of(2026, 11, 1), from.getValue());

        DatePicker day = robot.lookup("#timeline-day").query();
        robot.interact(() -> day.setValue(LocalDate.of(2026, 10, 5)));
        assertEquals("2026-10-05", day.getEditor().getText(), "a chosen date is shown as ISO");
        robot.interact(() -> Screenshots.write(shell.stage().getScene(), "audit-iso-dates"));
    }

    /** The Audit page, its three entries loaded. */
    private TableView<AuditEntry> auditPage(FxRobot robot) {
        FxWait.until("the registry is open", () -> shell.context() != null);
        FxWait.clickOn(robot, "#nav-audit");
        TableView<AuditEntry> table = robot.lookup("#audit-table").queryTableView();
        FxWait.until("entries are loaded", () -> table.getItems().size() == 3);
        return table;
    }

    /** Entry 2's payload rewritten behind the app's back, its trigger dropped first: the chain breaks there. */
    private void alterTheSecondEntry() throws java.sql.SQLException {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement()) {
            sql.executeUpdate("DROP TRIGGER IF EXISTS audit_log_no_update");
            sql.executeUpdate("UPDATE audit_log SET payload_json = '{\"comment\":\"looks fine\"}' WHERE seq = 2");
        }
    }
}
