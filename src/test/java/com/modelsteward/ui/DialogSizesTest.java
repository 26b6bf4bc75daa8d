package com.modelsteward.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.DemoTemplate;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.ui.approvals.GovernanceActions;
import com.modelsteward.ui.common.FxDialogService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.DialogPane;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TextArea;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
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
    /** The screens: the smallest supported, the common laptop, full HD. */
    private static final int[][] SCREENS = {{1024, 700}, {1280, 800}, {1920, 1080}};

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
        photographAtEverySize(robot, dialog, "approval", 1180, 900);

        robot.interact(() -> comment.setText("Gates pass; artifacts pinned."));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", validationMessage(robot, dialog), "the message goes once the comment is written");
        assertFalse(robot.from(dialog).lookup("#approve-button").queryButton().isDisabled());
        robot.interact(() -> robot.lookup("#approve-button").queryButton().fire());
        FxWait.until("the confirmation is asked", () -> robot.lookup("#confirm-decision").query().isVisible());
        photographAtEverySize(robot, dialog, "approval-confirm", 1180, 900);
    }

    @Test
    void theDecidedApprovalDialogReadsWholeOnEveryScreen(FxRobot robot) {
        console.open(robot, stage, db, dir, "rachel.okafor");
        String decided = request(catalog -> catalog.requests(Optional.of("EXECUTED")).stream()
                .filter(r -> r.toState().equals("ACTIVE")).reduce((first, second) -> second).orElseThrow().requestId());
        DialogPane dialog = console.openRequest(robot, decided, "approval-dialog");
        photographAtEverySize(robot, dialog, "approval-decided", 1180, 900);
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
        photographAtEverySize(robot, dialog, "request", 1020, 760);
    }

    @Test
    void theRollbackDialogReadsWholeOnEveryScreen(FxRobot robot) {
        console.open(robot, stage, db, dir, "rachel.okafor");
        robot.interact(() -> GovernanceActions.rollBack(console.shell().context(), "momentum_xgb"));
        DialogPane dialog = shown(robot, "rollback-dialog");
        assertEquals("✖ A reason is required to roll back", validationMessage(robot, dialog));
        assertTrue(robot.from(dialog).lookup("#rollback-button").queryButton().isDisabled());
        photographAtEverySize(robot, dialog, "rollback", 940, 720);

        robot.interact(() -> robot.from(dialog).lookup("#rollback-reason-text").queryAs(TextArea.class).setText("Live PnL diverges."));
        robot.interact(() -> robot.lookup("#rollback-button").queryButton().fire());
        FxWait.until("the confirmation is asked", () -> robot.lookup("#rollback-confirm").query().isVisible());
        photographAtEverySize(robot, dialog, "rollback-confirm", 940, 720);
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

    /**
     * Sizes the dialog as the dialog service does on each screen (its design size, fitted to the screen), photographs it
     * and fails if any label or button in it is drawn with its text cut.
     */
    private static void photographAtEverySize(FxRobot robot, DialogPane dialog, String name, double width, double height) {
        for (int[] screen : SCREENS) {
            Window window = dialog.getScene().getWindow();
            robot.interact(() -> {
                dialog.setPrefSize(width, height);
                FxDialogService.fitTo(dialog, new Rectangle2D(0, 0, screen[0], screen[1]));
                window.setWidth(dialog.getPrefWidth());
                window.setHeight(dialog.getPrefHeight());
            });
            WaitForAsyncUtils.waitForFxEvents();
            String shot = "dialog-" + name + "-" + screen[0] + "x" + screen[1];
            robot.interact(() -> Screenshots.write(dialog.getScene(), shot));
            assertTrue(Files.exists(Screenshots.FOLDER.resolve(shot + ".png")));
            List<String> cut = new ArrayList<>();
            robot.interact(() -> cutTexts(dialog, cut));
            assertEquals(List.of(), cut, "text drawn cut in " + shot);
        }
    }

    /**
     * Every shown label or button whose drawn text is not its whole text. Table cells are left out (a column's width is
     * the user's to change) and so are values drawn with a leading ellipsis on purpose (a path whose end matters, with the
     * whole value beside it to copy).
     */
    private static void cutTexts(Parent parent, List<String> cut) {
        for (Node child : parent.getChildrenUnmodifiable()) {
            if (!child.isVisible() || child instanceof IndexedCell<?>) {
                continue;
            }
            if (child instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isEmpty()
                    && labeled.getTextOverrun() != OverrunStyle.LEADING_ELLIPSIS) {
                Node drawn = labeled.lookup(".text");
                if (drawn instanceof Text text && !text.getText().equals(labeled.getText().replace("_", ""))
                        && !text.getText().equals(labeled.getText())) {
                    cut.add("\"" + labeled.getText() + "\" drawn as \"" + text.getText() + "\"");
                }
            }
            if (child instanceof Parent inner) {
                cutTexts(inner, cut);
            }
        }
    }
}
