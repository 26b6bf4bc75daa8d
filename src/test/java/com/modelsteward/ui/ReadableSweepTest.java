package com.modelsteward.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppSettings;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.common.Columns;
import com.modelsteward.ui.shell.ConsoleOptions;
import com.modelsteward.ui.shell.ConsoleShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeTableCell;
import javafx.scene.layout.Region;
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
 * Every page of the console on the demo registry at the three window sizes people use: each is photographed to
 * {@code target/screenshots/<page>-<w>x<h>.png}, and the checked pages fail when a label, button, tab, titled pane,
 * menu button or table cell shows its text cut ("REQ-00…", "V…"): JavaFX's own {@link Labeled#isTextTruncated()}.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("console")
class ReadableSweepTest {

    /**
     * The live version of the demo's deepest retrain line (14 versions, 13 levels): the fullest lineage, scorecards and
     * drift samples.
     */
    private static final String DEEP_LINE = "momentum_xgb-3.1.0";

    /**
     * Table columns whose cells hold free text that is cut by design, the full text shown on selection (a request's
     * justification, a decision's comment, an audit entry's summary).
     */
    private static final Set<String> FREE_TEXT_COLUMNS = Set.of("Why", "Comment", "Summary");

    @TempDir
    static Path dir;

    /** The headless platform's screen is 1000×1000 and fails to draw a window that reaches below it. */
    private static final int HEADLESS_SCREEN = 1000;

    private Stage stage;
    private ConsoleShell shell;
    /** The scene the console is laid out and photographed in. */
    private Scene scene;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void closeShell() throws Exception {
        if (shell != null) {
            WaitForAsyncUtils.asyncFx(shell::close).get();
        }
    }

    @Test
    void readableAt1024x700(FxRobot robot) throws Exception {
        sweep(robot, 1024, 700);
    }

    @Test
    void readableAt1280x800(FxRobot robot) throws Exception {
        sweep(robot, 1280, 800);
    }

    @Test
    void readableAt1920x1080(FxRobot robot) throws Exception {
        sweep(robot, 1920, 1080);
    }

    private void sweep(FxRobot robot, int width, int height) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("sweep-" + width + "-" + System.nanoTime()));
        TestRegistries.demo(folder).close();
        robot.interact(() -> {
            shell = new ConsoleShell(stage, TestRegistries.OPERATOR, Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC),
                    new AppSettings(folder.resolve("settings.properties")));
            stage.setX(0);
            stage.setY(0);
            boolean fits = height <= HEADLESS_SCREEN;
            stage.setWidth(fits ? width : HEADLESS_SCREEN);
            stage.setHeight(fits ? height : 700);
            stage.show();
            shell.start(ConsoleOptions.opening(folder.resolve("demo.db")));
            scene = stage.getScene();
        });
        FxWait.until("the registry is open", () -> shell.context() != null);
        if (height > HEADLESS_SCREEN) {
            // Taller than the headless screen: the console's nodes move into a scene of the full size that no window
            // shows; layout, CSS and snapshots work the same, only nothing is drawn on the (too small) screen.
            robot.interact(() -> {
                Parent root = scene.getRoot();
                List<String> sheets = List.copyOf(scene.getStylesheets());
                scene.setRoot(new Region());
                scene = new Scene(root, width, height);
                scene.getStylesheets().setAll(sheets);
            });
        }
        robot.interact(() -> shell.context().selectedModelIdProperty().set(DEEP_LINE));

        List<String> cut = new ArrayList<>();
        String size = width + "x" + height;
        for (String page : List.of("overview", "models", "lineage", "scorecards", "drift", "approvals", "audit")) {
            robot.interact(() -> shell.show(page));
            settle();
            look(robot, page, size, cut);
            if (page.equals("lineage")) {
                selectTab(robot, "#lineage-tabs", 1);
                look(robot, "lineage-graph", size, cut);
                robot.interact(() -> ((javafx.scene.control.Button) scene.getRoot().lookup("#graph-fit")).fire());
                settle();
                look(robot, "lineage-graph-fit", size, cut);
                selectTab(robot, "#lineage-tabs", 0);
            }
            if (page.equals("approvals")) {
                selectTab(robot, "#approvals-tabs", 1);
                look(robot, "approvals-decided", size, cut);
                selectTab(robot, "#approvals-tabs", 0);
            }
        }
        assertTrue(cut.isEmpty(), "text is cut at " + size + ":\n" + String.join("\n", cut));
    }

    private void selectTab(FxRobot robot, String tabPane, int index) {
        robot.interact(() -> ((TabPane) scene.getRoot().lookup(tabPane)).getSelectionModel().select(index));
        settle();
    }

    /** Background work done and its results laid out. */
    private void settle() {
        FxWait.until("background work is done", () -> shell.tasks().runningProperty().get() == 0);
        WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
        FxWait.until("background work is done", () -> shell.tasks().runningProperty().get() == 0);
    }

    private void look(FxRobot robot, String name, String size, List<String> cut) {
        robot.interact(() -> {
            for (int pass = 0; pass < 2; pass++) {
                scene.getRoot().applyCss();
                scene.getRoot().layout();
            }
            Screenshots.write(scene, name + "-" + size);
            // The page and the status bar under it (who is logged in to which registry).
            Node page = shell.page(name.split("-")[0]).root();
            Node status = scene.getRoot().lookup(".status-bar");
            List<Node> roots = status == null ? List.of(page) : List.of(page, status);
            roots.forEach(root -> walk(root, node -> {
                if (node instanceof Labeled labeled && showing(labeled) && checked(labeled)) {
                    if (labeled.isTextTruncated()) {
                        cut.add(name + " at " + size + ": " + describe(labeled) + " reads \"" + shown(labeled) + "\" of \""
                                + labeled.getText() + "\"");
                    } else if (clippedSideways(labeled)) {
                        cut.add(name + " at " + size + ": " + describe(labeled) + " is cut off at the edge of its pane: \""
                                + labeled.getText() + "\"");
                    }
                }
            }));
        });
    }

    /**
     * Whether the labeled's whole text is drawn but its pane cuts it off on the left or right (a split pane's side, the
     * window's edge). Inside something that scrolls sideways — a table past its first columns, the lineage graph —
     * that is scrolling, not cutting, except for the table columns the view promises to keep in view.
     */
    private boolean clippedSideways(Labeled labeled) {
        Bounds shown = labeled.localToScene(labeled.getBoundsInLocal());
        boolean keptInView = labeled instanceof TableCell<?, ?> cell && cell.getTableColumn() != null
                && Boolean.TRUE.equals(cell.getTableColumn().getProperties().get(Columns.KEEP_VISIBLE));
        if (!keptInView && insideSidewaysScroller(labeled) || inTabsOverflowingIntoTheirMenu(labeled)) {
            return false;
        }
        if (cuts(shown, 0, scene.getWidth())) {
            return true;
        }
        for (Node parent = labeled.getParent(); parent != null; parent = parent.getParent()) {
            if (parent.getClip() != null) {
                Bounds clip = parent.localToScene(parent.getClip().getBoundsInParent());
                if (cuts(shown, clip.getMinX(), clip.getMaxX())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A tab's title past the edge of a tab pane that shows its overflow menu (the ⌄ beside the tabs): every tab is in
     * that menu and Ctrl+Tab, as a toolbar's overflow would hold its buttons.
     */
    private static boolean inTabsOverflowingIntoTheirMenu(Node node) {
        for (Node parent = node.getParent(); parent != null; parent = parent.getParent()) {
            if (parent.getStyleClass().contains("tab-header-area")) {
                Node menu = parent.lookup(".control-buttons-tab");
                return menu != null && menu.isVisible();
            }
        }
        return false;
    }

    private static boolean insideSidewaysScroller(Node node) {
        for (Node parent = node.getParent(); parent != null; parent = parent.getParent()) {
            if (parent instanceof TableView<?> || parent instanceof ScrollPane scroll && !scroll.isFitToWidth()) {
                return true;
            }
        }
        return false;
    }

    /** Some of {@code shown} is inside the span and some outside it. */
    private static boolean cuts(Bounds shown, double from, double to) {
        boolean overlaps = shown.getMaxX() > from && shown.getMinX() < to;
        return overlaps && (shown.getMinX() < from - 1 || shown.getMaxX() > to + 1);
    }

    private static void walk(Node node, Consumer<Node> visit) {
        visit.accept(node);
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, visit);
            }
        }
        if (node instanceof TabPane tabs) {
            for (Tab tab : tabs.getTabs()) {
                if (tab.isSelected() && tab.getContent() != null && tab.getContent().getParent() == null) {
                    walk(tab.getContent(), visit);
                }
            }
        }
        if (node instanceof ScrollPane scroll && scroll.getContent() != null && scroll.getContent().getParent() == null) {
            walk(scroll.getContent(), visit);
        }
    }

    /**
     * On screen: every ancestor visible, a size to show in, some text, and inside the window (a table's columns scrolled
     * past its right edge are laid out there, whole or not).
     */
    private boolean showing(Labeled labeled) {
        if (labeled.getText() == null || labeled.getText().isEmpty() || labeled.getWidth() <= 0) {
            return false;
        }
        Bounds bounds = labeled.localToScene(labeled.getBoundsInLocal());
        if (bounds.getMinX() >= scene.getWidth() || bounds.getMinY() >= scene.getHeight()) {
            return false;
        }
        for (Node node = labeled; node != null; node = node.getParent()) {
            if (!node.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a cut text counts: free-text columns do not; a value cut in the middle ("sha256:3f9a…e81b") with the whole
     * value in its tooltip is a choice, not a loss.
     */
    private static boolean checked(Labeled labeled) {
        boolean middle = labeled.getTextOverrun() == OverrunStyle.CENTER_ELLIPSIS || labeled.getTextOverrun() == OverrunStyle.CENTER_WORD_ELLIPSIS;
        if (middle && labeled.getTooltip() != null && labeled.getText().equals(labeled.getTooltip().getText())) {
            return false;
        }
        TableColumnBase<?, ?> column = labeled instanceof TableCell<?, ?> cell ? cell.getTableColumn()
                : labeled instanceof TreeTableCell<?, ?> cell ? cell.getTableColumn() : null;
        return column == null || !FREE_TEXT_COLUMNS.contains(column.getText());
    }

    /** The text the skin draws: the labeled's {@code .text} node. */
    private static String shown(Labeled labeled) {
        Node text = labeled.lookup(".text");
        return text instanceof javafx.scene.text.Text drawn ? drawn.getText() : "?";
    }

    private static String describe(Labeled labeled) {
        String kind = labeled.getClass().getSimpleName().isEmpty() ? labeled.getClass().getName() : labeled.getClass().getSimpleName();
        String where = labeled.getId() != null ? "#" + labeled.getId() : "";
        if (labeled instanceof TableCell<?, ?> cell && cell.getTableColumn() != null) {
            TableView<?> table = cell.getTableView();
            where = (table != null && table.getId() != null ? "#" + table.getId() + " " : "") + "column \""
                    + cell.getTableColumn().getText() + "\" row " + cell.getIndex();
        }
        Bounds bounds = labeled.localToScene(labeled.getBoundsInLocal());
        double wide = labeled instanceof Region region ? region.getWidth() : 0;
        return kind + (where.isEmpty() ? "" : " " + where) + String.format(java.util.Locale.ROOT, " (%.0f px wide at %.0f,%.0f)",
                wide, bounds.getMinX(), bounds.getMinY());
    }
}
