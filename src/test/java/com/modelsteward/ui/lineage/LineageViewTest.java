package com.modelsteward.ui.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppSettings;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.lineage.LineageTree;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.Screenshots;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.shell.ConsoleOptions;
import com.modelsteward.ui.shell.ConsoleShell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Lineage view in the whole console on a demo registry whose ACTIVE momentum model has its artifact on disk. */
@ExtendWith(ApplicationExtension.class)
class LineageViewTest {

    private static final String ACTIVE = "momentum_xgb-3.1.0";

    @TempDir
    static Path dir;

    private static Path template;
    private ConsoleShell shell;

    /** The registry is built once, off the FX thread; each test gets its own copy (the @Start must stay quick). */
    @BeforeAll
    static void buildRegistry() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("template"));
        TestRegistries.demo(folder).close();
        template = folder.resolve("demo.db");
        byte[] artifact = "momentum model weights".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path file = folder.resolve("models/momentum_xgb/3.1.0/model.bin");
        Files.createDirectories(file.getParent());
        Files.write(file, artifact);
        // The demo's pipeline wrote plain paths; this one pinned the artifact's hash at registration. Governed rows are frozen
        // by a V002 trigger, so the fixture lifts it for this one edit and puts it back exactly as it was.
        try (Connection pipeline = DriverManager.getConnection("jdbc:sqlite:" + template);
             java.sql.Statement sql = pipeline.createStatement();
             PreparedStatement update = pipeline.prepareStatement("UPDATE model_registry SET path_ref = ? WHERE model_id = ?")) {
            String frozen;
            try (var rows = sql.executeQuery("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'model_registry_frozen_once_governed'")) {
                frozen = rows.next() ? rows.getString(1) : null;
            }
            if (frozen != null) {
                sql.executeUpdate("DROP TRIGGER model_registry_frozen_once_governed");
            }
            update.setString(1, "models/momentum_xgb/3.1.0/model.bin#sha256=" + CanonicalJson.sha256Hex(artifact));
            update.setString(2, ACTIVE);
            update.executeUpdate();
            if (frozen != null) {
                sql.executeUpdate(frozen);
            }
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("gen-" + System.nanoTime()));
        Path db = Files.copy(template, folder.resolve("demo.db"));
        Path file = folder.resolve("models/momentum_xgb/3.1.0/model.bin");
        Files.createDirectories(file.getParent());
        Files.copy(template.resolveSibling("models/momentum_xgb/3.1.0/model.bin"), file);
        shell = new ConsoleShell(stage, TestRegistries.OPERATOR, Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC),
                new AppSettings(dir.resolve("settings.properties")));
        stage.setWidth(1440);
        stage.setHeight(900);
        stage.show();
        shell.start(ConsoleOptions.opening(db));
    }

    @AfterEach
    void closeShell() throws Exception {
        org.testfx.util.WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    private void openLineageOn(FxRobot robot, String modelId) {
        FxWait.until("the registry is open", () -> shell.context() != null);
        FxWait.clickOn(robot, "#nav-lineage");
        // Looked up on the FX thread once the page is built: a lookup from the test thread while the page is being
        // built can walk a child list as it changes.
        FxWait.until("the lineage page is shown", () -> robot.lookup("#lineage-tree").tryQuery().isPresent());
        TreeView<LineageItem> tree = robot.lookup("#lineage-tree").query();
        FxWait.until("the tree is loaded", () -> tree.getRoot().getChildren().size() == 7);
        robot.interact(() -> shell.context().selectedModelIdProperty().set(modelId));
        FxWait.until("the check is shown", () -> robot.lookup("#lineage-check-summary").tryQuery().isPresent());
        FxWait.until("the ACTIVE versions are checked", () -> shell.tasks().runningProperty().get() == 0);
    }

    /**
     * The tree comes first and the names take their ACTIVE versions' checks when those are read; coming back to the
     * view while the file is unchanged shows the same tree as the user left it (a collapsed name stays collapsed).
     */
    @Test
    void theNamesTakeTheirChecksAndTheTreeIsKeptWhileTheFileIsUnchanged(FxRobot robot) {
        openLineageOn(robot, ACTIVE);
        TreeView<LineageItem> tree = robot.lookup("#lineage-tree").query();
        TreeItem<LineageItem> momentum = tree.getRoot().getChildren().stream()
                .filter(n -> ((LineageItem.Name) n.getValue()).group().modelName().equals("momentum_xgb")).findFirst().orElseThrow();
        LineageItem.Name name = (LineageItem.Name) momentum.getValue();
        assertTrue(!name.checking() && name.activeCheck().orElseThrow().complete(), name.toString());
        TreeItem<LineageItem> other = tree.getRoot().getChildren().stream().filter(n -> n != momentum).findFirst().orElseThrow();
        robot.interact(() -> other.setExpanded(false));

        FxWait.clickOn(robot, "#nav-models");
        FxWait.clickOn(robot, "#nav-lineage");
        FxWait.until("the view is refreshed", () -> shell.tasks().runningProperty().get() == 0);
        assertTrue(tree.getRoot().getChildren().contains(other), "the same tree, not a rebuilt one");
        assertTrue(!other.isExpanded(), "the name the user closed is still closed");
        assertEquals(name, momentum.getValue(), "its check is unchanged");
        assertRowsReadTheirItems(robot, tree);
    }

    /** Moving to another version refills the check's labels: the verdict, its colour class and a line per requirement. */
    @Test
    void theCheckFollowsTheSelectionInTheSameLabels(FxRobot robot) {
        openLineageOn(robot, ACTIVE);
        Label summary = robot.lookup("#lineage-check-summary").queryAs(Label.class);
        assertTrue(summary.getStyleClass().contains("result-ok"), summary.getStyleClass().toString());

        String candidate = "momentum_xgb-3.3.0";
        robot.interact(() -> shell.context().selectedModelIdProperty().set(candidate));
        FxWait.until("the candidate's check is shown", () -> summary.getText().startsWith("✗"));
        FxWait.until("background work is done", () -> shell.tasks().runningProperty().get() == 0);

        assertSame(summary, robot.lookup("#lineage-check-summary").queryAs(Label.class), "the same summary, refilled");
        assertTrue(summary.getStyleClass().contains("result-bad") && !summary.getStyleClass().contains("result-ok"),
                summary.getStyleClass().toString());
        VBox box = (VBox) summary.getParent();
        List<Label> lines = box.getChildren().stream().skip(1).map(Label.class::cast).toList();
        assertEquals(5, lines.size(), "a line per requirement: " + lines);
        assertTrue(lines.stream().anyMatch(line -> line.getText().startsWith("✗") && line.getStyleClass().contains("check-missing")
                && !line.getStyleClass().contains("check-ok")), "a missing requirement reads ✗ in the missing colour");
        assertTrue(lines.stream().filter(line -> line.getText().startsWith("✓")).allMatch(line -> line.getStyleClass().contains("check-ok")
                && !line.getStyleClass().contains("check-missing")), "a met requirement reads ✓ in the plain colour");
        assertTrue(summary.getText().contains(lines.stream().filter(line -> line.getText().startsWith("✗")).count() + " of 5"),
                summary.getText());
    }

    @Test
    void aNameWhoseCheckIsStillBeingReadSaysSo(FxRobot robot) {
        LineageTree lineage = LineageTree.build(java.util.List.of(new com.modelsteward.registry.ModelSummary("m-1", "m", "t", "1.0.0",
                "ACTIVE", null, "2026-01-01T00:00:00Z", "ops", false)), "ACTIVE");
        LineageItem.Name waiting = new LineageItem.Name(lineage.groups().getFirst(), Optional.empty(), true);
        assertEquals("m 1 versions ★ ACTIVE 1.0.0 … checking lineage", expectedText(waiting));
        robot.interact(() -> {
            LineageView.LineageCell cell = new LineageView.LineageCell();
            cell.updateItem(waiting, false);
            assertEquals(expectedText(waiting), shownText(cell.getGraphic()));
        });
    }

    @Test
    void selectingAnActiveVersionShowsItsTreeEvidenceAndCheck(FxRobot robot) throws Exception {
        openLineageOn(robot, ACTIVE);
        TreeView<LineageItem> tree = robot.lookup("#lineage-tree").query();
        TreeItem<LineageItem> selected = tree.getSelectionModel().getSelectedItem();
        assertEquals(ACTIVE, ((LineageItem.Version) selected.getValue()).version().modelId());
        assertEquals("momentum_xgb-2.4.0", ((LineageItem.Version) selected.getParent().getValue()).version().modelId(),
                "the version hangs under the version it was retrained from");
        LineageItem.Name name = (LineageItem.Name) tree.getRoot().getChildren().stream()
                .filter(n -> ((LineageItem.Name) n.getValue()).group().modelName().equals("momentum_xgb")).findFirst().orElseThrow().getValue();
        assertTrue(name.activeCheck().orElseThrow().complete(), "the name row carries its ACTIVE version's check");
        Label summary = robot.lookup("#lineage-check-summary").queryAs(Label.class);
        assertEquals("✓ Auditable lineage complete", summary.getText());
        TextArea detail = robot.lookup("#lineage-detail").queryAs(TextArea.class);
        assertTrue(detail.getText().contains("\"learning_rate\""), "the training config is pretty-printed in the detail pane");

        TreeItem<LineageItem> evidence = selected.getChildren().getFirst();
        robot.interact(() -> {
            selected.setExpanded(true);
            evidence.setExpanded(true);
        });
        FxWait.until("the evidence is loaded", () -> evidence.getChildren().size() == 8);
        TreeItem<LineageItem> scorecards = evidence.getChildren().get(5);
        assertEquals("Scorecards", ((LineageItem.Evidence) scorecards.getValue()).label());
        assertEquals(4, scorecards.getChildren().size(), "one node per pack");
        robot.interact(() -> {
            scorecards.setExpanded(true);
            scorecards.getChildren().getFirst().setExpanded(true);
            tree.getSelectionModel().select(evidence.getChildren().get(1));
        });
        FxWait.until("the data snapshot is in the detail pane", () -> detail.getText().startsWith("data_snapshot_ref"));

        FxWait.clickOn(robot, "#lineage-verify");
        Label artifact = robot.lookup("#lineage-artifact").queryAs(Label.class);
        FxWait.until("the artifact is verified", () -> artifact.getText().contains("matches its stored SHA-256"));
        robot.interact(() -> {
            tree.getSelectionModel().select(evidence.getChildren().getFirst());
            tree.scrollTo(Math.max(0, tree.getRow(selected) - 8));
        });
        FxWait.until("background work is done", () -> shell.tasks().runningProperty().get() == 0);
        robot.interact(() -> Screenshots.write(shell.stage().getScene(), "lineage"));

        Path card = dir.resolve("console-card-" + System.nanoTime() + ".pdf");
        java.util.concurrent.atomic.AtomicReference<Path> written = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> new ModelCardAction(shell.context()).write(ACTIVE, card, written::set));
        FxWait.until("the console wrote the model card", () -> card.equals(written.get()));
        assertTrue(Files.size(card) > 1000);
    }

    @Test
    void searchKeepsMatchesAndTheirAncestors(FxRobot robot) {
        openLineageOn(robot, ACTIVE);
        TreeView<LineageItem> tree = robot.lookup("#lineage-tree").query();
        robot.interact(() -> robot.lookup("#lineage-search").queryTextInputControl().setText("vol_regime"));
        FxWait.until("one name remains", () -> tree.getRoot().getChildren().size() == 1);
        String hash = shell.context().catalog().version("news_embedder-1.2.0").orElseThrow().trainingConfigHash();
        robot.interact(() -> robot.lookup("#lineage-search").queryTextInputControl().setText(hash.substring(0, 12)));
        FxWait.until("the hash finds its version", () -> tree.getRoot().getChildren().size() == 1
                && ((LineageItem.Name) tree.getRoot().getChildren().getFirst().getValue()).group().modelName().equals("news_embedder"));
    }

    @Test
    void theGraphShowsEveryVersionOfTheNameAndClickingSelects(FxRobot robot) {
        openLineageOn(robot, ACTIVE);
        FxWait.clickOn(robot, "Graph");
        LineageGraph graph = robot.lookup("#lineage-graph").queryAs(LineageGraph.class);
        FxWait.until("the graph is drawn", () -> graph.nodeCount() == 14);
        assertTrue(graph.node(ACTIVE).getText().contains("ACTIVE"), "state as text, not colour alone");
        assertTrue(graph.node(ACTIVE).getStyleClass().contains("graph-selected"));
        robot.interact(graph::fit);
        double fitted = graph.zoom();
        assertTrue(fitted >= LineageGraph.LEGIBLE_ZOOM, "Fit keeps the 14 versions' labels legible, zoom " + fitted);
        assertTrue(graph.node(ACTIVE) != null, "and shows the selected version");
        FxWait.clickOn(robot, "#graph-zoom-in");
        assertEquals(fitted * 1.25, graph.zoom(), 1e-9);
        robot.interact(() -> graph.setZoom(1));
        robot.interact(() -> graph.reveal("momentum_xgb-2.4.0"));
        robot.clickOn(graph.node("momentum_xgb-2.4.0"));
        FxWait.until("the click selected the version everywhere", () -> "momentum_xgb-2.4.0".equals(shell.context().selectedModelIdProperty().get()));
        FxWait.until("the tree follows", () -> {
            TreeView<LineageItem> tree = robot.lookup("#lineage-tree").query();
            return tree.getSelectionModel().getSelectedItem().getValue() instanceof LineageItem.Version v
                    && v.version().modelId().equals("momentum_xgb-2.4.0");
        });
        FxWait.until("background work is done", () -> shell.tasks().runningProperty().get() == 0);
        robot.interact(() -> {
            graph.setZoom(0.85);
            graph.reveal("momentum_xgb-2.4.0");
        });
        robot.interact(() -> Screenshots.write(shell.stage().getScene(), "lineage-graph"));
    }

    /**
     * The cells keep their labels and refill them: every visible row must read what its item says, and nothing of the
     * row the cell showed before (a star, a "retrained from", a warning) may linger, after the rows change kind.
     */
    @Test
    void everyRowReadsItsOwnItemAfterTheCellsAreReused(FxRobot robot) {
        openLineageOn(robot, ACTIVE);
        TreeView<LineageItem> tree = robot.lookup("#lineage-tree").query();
        assertRowsReadTheirItems(robot, tree);
        // Open every name and every evidence folder in view, then scroll: cells move between names, versions and evidence.
        robot.interact(() -> tree.getRoot().getChildren().forEach(name -> expandAll(name)));
        FxWait.until("evidence is loaded", () -> shell.tasks().runningProperty().get() == 0);
        assertRowsReadTheirItems(robot, tree);
        robot.interact(() -> tree.scrollTo(tree.getExpandedItemCount() - 1));
        assertRowsReadTheirItems(robot, tree);

        // One cell shown every item after every other: whatever it showed before, it reads the item it has now.
        java.util.List<LineageItem> items = new java.util.ArrayList<>();
        robot.interact(() -> collectItems(tree.getRoot(), items));
        assertTrue(items.stream().anyMatch(item -> item instanceof LineageItem.Evidence e && !e.mark().isEmpty())
                && items.stream().anyMatch(item -> item instanceof LineageItem.Version v && "ACTIVE".equals(v.version().state()))
                && items.stream().anyMatch(item -> item instanceof LineageItem.Version v && !"ACTIVE".equals(v.version().state())),
                "the items cover marked evidence, ACTIVE and other versions");
        robot.interact(() -> {
            LineageView.LineageCell cell = new LineageView.LineageCell();
            for (LineageItem before : items) {
                for (LineageItem now : items) {
                    cell.updateItem(before, false);
                    cell.updateItem(now, false);
                    assertEquals(expectedText(now), shownText(cell.getGraphic()), "after the row \"" + expectedText(before) + "\"");
                }
            }
        });
    }

    private static void collectItems(TreeItem<LineageItem> item, java.util.List<LineageItem> out) {
        if (item.getValue() != null) {
            out.add(item.getValue());
        }
        item.getChildren().forEach(child -> collectItems(child, out));
    }

    private static void expandAll(TreeItem<LineageItem> item) {
        item.setExpanded(true);
        item.getChildren().forEach(LineageViewTest::expandAll);
    }

    private static void assertRowsReadTheirItems(FxRobot robot, TreeView<LineageItem> tree) {
        robot.interact(() -> {
            tree.applyCss();
            tree.layout();
        });
        java.util.List<javafx.scene.control.TreeCell<LineageItem>> cells = robot.lookup(".tree-cell").queryAllAs(javafx.scene.control.TreeCell.class)
                .stream().map(cell -> (javafx.scene.control.TreeCell<LineageItem>) cell)
                .filter(cell -> cell.isVisible() && !cell.isEmpty() && cell.getItem() != null).toList();
        assertTrue(cells.size() > 3, "rows are on screen: " + cells.size());
        for (javafx.scene.control.TreeCell<LineageItem> cell : cells) {
            assertEquals(expectedText(cell.getItem()), shownText(cell.getGraphic()), "the row of " + cell.getItem());
        }
    }

    /** What a row says, built from its item: the name's or version's fields, marks as symbols, in row order. */
    private static String expectedText(LineageItem item) {
        return switch (item) {
            case LineageItem.Name name -> name.group().modelName() + " " + name.group().size() + " versions "
                    + name.group().active().map(a -> "★ ACTIVE " + a.version()).orElse("no ACTIVE version")
                    + name.activeCheck().map(check -> check.complete() ? " ✓ auditable lineage" : " ✗ lineage: " + check.missing().size() + " missing")
                    .orElse(name.checking() && name.group().active().isPresent() ? " … checking lineage" : "");
            case LineageItem.Version version -> {
                var v = version.version();
                yield v.version() + " " + com.modelsteward.ui.common.StateBadge.symbol(v.state()) + " " + v.state() + " "
                        + v.createdAt().substring(0, 10) + " " + v.createdBy() + ("ACTIVE".equals(v.state()) ? " ★" : "")
                        + (version.chainedFrom() == null ? "" : " ↳ retrained from " + version.chainedFrom())
                        + (version.reason() == com.modelsteward.lineage.LineageTree.RootReason.OTHER_NAME ? " retrained from " + v.parentId() : "");
            }
            case LineageItem.EvidenceFolder ignored -> "Evidence";
            case LineageItem.Evidence evidence -> (evidence.mark().isEmpty() ? "" : evidence.mark() + " ") + evidence.label()
                    + (evidence.value().isEmpty() ? "" : " " + evidence.value());
            case LineageItem.Loading ignored -> "Loading…";
        };
    }

    /** The texts of the visible labels in a row's graphic, in order. */
    private static String shownText(javafx.scene.Node graphic) {
        if (graphic instanceof Label label) {
            return label.isVisible() && !label.getText().isEmpty() ? label.getText() : "";
        }
        if (graphic instanceof javafx.scene.Parent parent) {
            return String.join(" ", parent.getChildrenUnmodifiable().stream().map(LineageViewTest::shownText).filter(t -> !t.isEmpty()).toList());
        }
        return "";
    }
}
