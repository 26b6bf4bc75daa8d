package com.modelsteward.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.DemoTemplate;
import com.modelsteward.testsupport.DialogShots;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.ui.approvals.GovernanceActions;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The governance dialogs on the three screens the console supports: each is photographed as the dialog service sizes it
 * there ({@code target/screenshots/dialog-<name>-<w>x<h>.png}) and no label or button in it may be drawn cut ("Gates: 1
 * of …"). A required field that is blank says so in words at the field (ControlsFX ValidationSupport).
 */
@ExtendWith(ApplicationExtension.class)
class DialogSizesTest {

    private static final String TEMPLATE = "dialog-sizes";

    @TempDir
    static Path dir;

    private final ConsoleAsUser console = new ConsoleAsUser();
    private Stage stage;
    private Path db;

    @BeforeAll
    static void prepareTemplate() {
        DemoTemplate.copyTo(dir.resolve("template-check"), TEMPLATE, registry -> { });
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        db = DemoTemplate.copyTo(dir.resolve("sizes-" + System.nanoTime()), TEMPLATE, registry -> { });
    }

    @AfterEach
    void closeShell() throws Exception {
        console.close();
    }

    @Test
    void theApprovalDialogReadsWholeOnEveryScreen(FxRobot robot) {
        console.open(robot, stage, db, dir, "rachel.okafor");
        String pending = request(catalog -> catalog.requests(Optional.of("PENDING")).stream()
                .filter(r -> r.modelId().equals("momentum_xgb-3.2.0")).findFirst().orElseThrow().requestId());
        DialogPane dialog = console.openRequest(robot, pending, "approval-dialog");
        TextArea comment = robot.from(dialog).lookup("#decision-comment").queryAs(TextArea.class);
        assertEquals("✖ A comment is required to approve or reject", validationMessage(robot, dialog),
                "a blank comment is marked in words at the field");
        assertTrue(robot.from(dialog).lookup("#approve-button").queryButton().isDisabled());
        DialogShots.atEverySize(robot, dialog, "approval", 1180, 900);

        robot.interact(() -> comment.setText("Gates pass; artifacts pinned."));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", validationMessage(robot, dialog), "the message goes once the comment is written");
        assertFalse(robot.from(dialog).lookup("#approve-button").queryButton().isDisabled());
        robot.interact(() -> robot.lookup("#approve-button").queryButton().fire());
        FxWait.until("the confirmation is asked", () -> robot.lookup("#confirm-decision").query().isVisible());
        DialogShots.atEverySize(robot, dialog, "approval-confirm", 1180, 900);
    }

    /**
     * ControlsFX puts its decorations in a pane it makes the scene's root, around the dialog pane, with a copy of the
     * dialog's stylesheets: that root follows a theme chosen while the dialog is open, as the dialog does.
     */
    @Test
    void aRequiredFieldsMessageFollowsTheThemeOfAnOpenDialog(FxRobot robot) {
        console.open(robot, stage, db, dir, "rachel.okafor");
        String pending = request(catalog -> catalog.requests(Optional.of("PENDING")).stream()
                .filter(r -> r.modelId().equals("momentum_xgb-3.2.0")).findFirst().orElseThrow().requestId());
        DialogPane dialog = console.openRequest(robot, pending, "approval-dialog");
        assertEquals("✖ A comment is required to approve or reject", validationMessage(robot, dialog));
        robot.interact(() -> themeItem(robot, "dark").fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(dialog.getStylesheets().stream().anyMatch(sheet -> sheet.endsWith("dark.css")), dialog.getStylesheets().toString());
        assertEquals(dialog.getStylesheets(), dialog.getScene().getRoot().getStylesheets(), "the decorations' pane has the dark theme too");
    }

    private static RadioMenuItem themeItem(FxRobot robot, String name) {
        MenuBar bar = robot.lookup("#menu-bar").queryAs(MenuBar.class);
        return bar.getMenus().stream().flatMap(menu -> menu.getItems().stream())
                .filter(item -> item instanceof Menu themes && "menu-theme".equals(themes.getId()))
                .flatMap(themes -> ((Menu) themes).getItems().stream())
                .filter(item -> ("menu-theme-" + name).equals(item.getId())).map(RadioMenuItem.class::cast).findFirst().orElseThrow();
    }

    @Test
    void theDecidedApprovalDialogReadsWholeOnEveryScreen(FxRobot robot) {
        console.open(robot, stage, db, dir, "rachel.okafor");
        String decided = request(catalog -> catalog.requests(Optional.of("EXECUTED")).stream()
                .filter(r -> r.toState().equals("ACTIVE")).reduce((first, second) -> second).orElseThrow().requestId());
        DialogPane dialog = console.openRequest(robot, decided, "approval-dialog");
        DialogShots.atEverySize(robot, dialog, "approval-decided", 1180, 900);
    }

    @Test
    void theRequestDialogReadsWholeOnEveryScreen(FxRobot robot) {
        console.open(robot, stage, db, dir, "bob.keller");
        String candidate = request(catalog -> catalog.versions().stream().filter(v -> v.state().equals("CANDIDATE")).findFirst()
                .orElseThrow().modelId());
        robot.interact(() -> new GovernanceActions(console.shell().context()).requestTransition(candidate, "SHADOW"));
        DialogPane dialog = shown(robot, "request-dialog");
        assertEquals("✖ A justification is required to submit", validationMessage(robot, dialog));
        assertTrue(robot.from(dialog).lookup("#submit-request").queryButton().isDisabled());
        DialogShots.atEverySize(robot, dialog, "request", 1020, 760);
    }

    @Test
    void theRollbackDialogReadsWholeOnEveryScreen(FxRobot robot) {
        console.open(robot, stage, db, dir, "rachel.okafor");
        robot.interact(() -> GovernanceActions.rollBack(console.shell().context(), "momentum_xgb"));
        DialogPane dialog = shown(robot, "rollback-dialog");
        assertEquals("✖ A reason is required to roll back", validationMessage(robot, dialog));
        assertTrue(robot.from(dialog).lookup("#rollback-button").queryButton().isDisabled());
        DialogShots.atEverySize(robot, dialog, "rollback", 940, 720);

        robot.interact(() -> robot.from(dialog).lookup("#rollback-reason-text").queryAs(TextArea.class).setText("Live PnL diverges."));
        robot.interact(() -> robot.lookup("#rollback-button").queryButton().fire());
        FxWait.until("the confirmation is asked", () -> robot.lookup("#rollback-confirm").query().isVisible());
        DialogShots.atEverySize(robot, dialog, "rollback-confirm", 940, 720);
    }

    private String request(java.util.function.Function<ModelCatalog, String> query) {
        try (Registry registry = Registry.open(db)) {
            return query.apply(new ModelCatalog(registry));
        }
    }

    private static DialogPane shown(FxRobot robot, String id) {
        FxWait.until(id + " is shown", () -> robot.lookup("#" + id).tryQuery().isPresent());
        return robot.lookup("#" + id).queryAs(DialogPane.class);
    }

    /** The text of the required-field message drawn in the dialog, or empty when none is shown. */
    private static String validationMessage(FxRobot robot, DialogPane dialog) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".validation-message").tryQuery().filter(Node::isVisible).map(n -> ((Label) n).getText()).orElse("");
    }
}
