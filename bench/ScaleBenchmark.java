import com.modelsteward.config.AppSettings;
import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.Identity;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.governance.Role;
import com.modelsteward.lineage.GraphLayout;
import com.modelsteward.lineage.LineageTree;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.Registry;
import com.modelsteward.demo.ScaleGenerator;
import com.modelsteward.ui.models.ModelsView;
import com.modelsteward.ui.models.ModelsViewModel;
import com.modelsteward.ui.shell.ConsoleShell;
import com.modelsteward.ui.shell.FrameWatchdog;
import com.modelsteward.ui.shell.Pages;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * End-to-end figures for docs/performance.md on registries of 1 000 and 100 000 versions. Not a test (these machines are
 * shared and noisy): run it by hand, on as quiet a machine as you can get.
 *
 * <pre>mvn -B -q package -DskipTests
 * java -Xmx1g -Dglass.platform=Headless -Dprism.order=sw \
 *      -cp "target/classes:target/lib/*" bench/ScaleBenchmark.java [sizes, default 1000,100000]</pre>
 *
 * A size may name an existing registry to reuse instead of generating one ({@code 100000=/tmp/scale-100k.db}; it is
 * copied, never changed). {@code -Dbench.consoleOnly=true} measures only the console rows; {@code -Dbench.interactionsOnly=true}
 * only a user's gestures (holding a key down in a table or tree, typing a search) with the watchdog on. The frame watchdog
 * is switched on by the benchmark itself for the walk through the views and the gestures only.
 */
public final class ScaleBenchmark {

    private static final Instant ANCHOR = Instant.parse("2026-11-01T12:00:00Z");
    private static final Map<String, Map<Integer, String>> FIGURES = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        String[] specs = (args.length > 0 ? args[0] : "1000,100000").split(",");
        int[] sizes = Arrays.stream(specs).mapToInt(spec -> Integer.parseInt(spec.split("=")[0])).toArray();
        Path work = Files.createTempDirectory("steward-scale-bench");
        System.setProperty("steward.home", work.resolve("home").toString());
        CompletableFuture<Void> fx = new CompletableFuture<>();
        Platform.startup(() -> fx.complete(null));
        // Shells are opened and closed in turn: closing the last window must not end the toolkit.
        Platform.setImplicitExit(false);
        fx.get();
        for (int i = 0; i < sizes.length; i++) {
            int size = sizes[i];
            Path file = work.resolve("scale-" + size + ".db");
            if (specs[i].contains("=")) {
                Files.copy(Path.of(specs[i].substring(specs[i].indexOf('=') + 1)), file, StandardCopyOption.REPLACE_EXISTING);
                // The first open applies pending migrations (new indexes); the figures are for a current registry.
                Registry.open(file).close();
            } else {
                long t0 = System.nanoTime();
                new ScaleGenerator(20261122L, ANCHOR, "bench").create(file, size, done -> { }).close();
                put("generate the registry (`demo --versions N`)", size, seconds(System.nanoTime() - t0));
            }
            console(file, size);
            if (!Boolean.getBoolean("bench.consoleOnly") && !Boolean.getBoolean("bench.interactionsOnly")) {
                governance(file, size, work);
                auditVerify(file, size);
            }
        }
        System.out.println();
        System.out.print("| figure |");
        for (int size : sizes) {
            System.out.printf(" %,d versions |", size);
        }
        System.out.println(sizes.length == 2 ? " ratio |" : "");
        System.out.println("|---|" + "---|".repeat(sizes.length + (sizes.length == 2 ? 1 : 0)));
        FIGURES.forEach((name, bySize) -> {
            System.out.print("| " + name + " |");
            for (int size : sizes) {
                System.out.print(" " + bySize.getOrDefault(size, "") + " |");
            }
            if (sizes.length == 2) {
                System.out.print(" " + ratio(bySize.get(sizes[0]), bySize.get(sizes[1])) + " |");
            }
            System.out.println();
        });
        Platform.exit();
    }

    /** Opens the console on the file, shows the populated Models view, filters it, walks every view. */
    private static void console(Path file, int size) throws Exception {
        // The watchdog asks for a pulse every frame (and the software pipeline then paints every frame): the timed
        // figures are taken without it, the pulse gaps in a walk of their own below.
        if (Boolean.getBoolean("bench.interactionsOnly")) {
            watched(file, size, null, false);
            return;
        }
        System.setProperty("steward.frameWatchdog", "false");
        List<Long> opens = new ArrayList<>();
        List<Long> completes = new ArrayList<>();
        ConsoleShell[] shell = new ConsoleShell[1];
        // Four opens, the first uncounted: it pays for loading and compiling the console's classes, which would charge
        // whichever size happens to run first (start-up to first frame is a figure of its own).
        for (int run = 0; run < 4; run++) {
            onFx(() -> {
                shell[0] = new ConsoleShell(new Stage(), "bench", Clock.systemUTC(), new AppSettings(file.resolveSibling("bench.properties")));
                shell[0].stage().show();
                shell[0].setOnOpened(context -> shell[0].show("models"));
                return null;
            });
            long t0 = System.nanoTime();
            onFx(() -> {
                shell[0].open(file, false);
                return null;
            });
            // Populated: the first screenful of rows is in the table and the total count is shown (the rest of the
            // versions keep loading in the background for the filters; that is the second figure).
            waitUntil(() -> {
                if (!"models".equals(shell[0].currentPage())) {
                    return false;
                }
                ModelsView view = (ModelsView) shell[0].page("models");
                TableView<?> table = (TableView<?>) shell[0].stage().getScene().lookup("#models-table");
                return table != null && !table.getItems().isEmpty() && view.model().totalProperty().get() == size;
            });
            long opened = System.nanoTime() - t0;
            waitUntil(() -> ((ModelsView) shell[0].page("models")).model().isComplete() && shell[0].tasks().runningProperty().get() == 0);
            if (run > 0) {
                opens.add(opened);
                completes.add(System.nanoTime() - t0);
            }
            if (run < 3) {
                onFx(() -> {
                    shell[0].close();
                    shell[0].stage().close();
                    return null;
                });
            }
        }
        put("open the registry and show the populated Models view (median of 3, after an uncounted open)", size, millis(median(opens)));
        put("open the registry until every version is loaded for the filters (median of 3, after an uncounted open)", size, millis(median(completes)));

        ModelsView models = (ModelsView) shell[0].page("models");
        List<Long> filters = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            String text = i % 3 == 0 ? "strategy_0" + (i % 10) : (i % 3 == 1 ? "." + i + ".0" : "");
            long t = System.nanoTime();
            onFx(() -> {
                models.model().searchProperty().set(text);
                return null;
            });
            // The filter runs in the background over every version; the figure is until the table shows its result.
            waitUntil(() -> shell[0].tasks().runningProperty().get() == 0);
            onFx(() -> {
                shell[0].stage().getScene().getRoot().applyCss();
                shell[0].stage().getScene().getRoot().layout();
                return null;
            });
            filters.add(System.nanoTime() - t);
        }
        put("filter/search the Models view over every version, until shown incl. layout (median of 21)", size, millis(median(filters)));
        // The same searches as the work alone (the background filter over every version, then the FX thread's share:
        // a new list for the table, CSS and layout), without the hand-offs between threads that a loaded machine stretches.
        List<ModelSummary> all = models.model().allVersions();
        List<String> keys = all.stream().map(ModelsViewModel::searchKey).toList();
        List<Long> work = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            String text = i % 3 == 0 ? "strategy_0" + (i % 10) : (i % 3 == 1 ? "." + i + ".0" : "");
            long t = System.nanoTime();
            List<ModelSummary> shown = ModelsViewModel.filter(all, keys, ModelsViewModel.ALL, ModelsViewModel.ALL, text, null);
            long filtered = System.nanoTime() - t;
            long fx = onFx(() -> {
                long t1 = System.nanoTime();
                models.model().visibleProperty().set(javafx.collections.FXCollections.observableList(shown));
                shell[0].stage().getScene().getRoot().applyCss();
                shell[0].stage().getScene().getRoot().layout();
                return System.nanoTime() - t1;
            });
            work.add(filtered + fx);
        }
        put("filter/search the Models view: background filter + FX apply and layout, without thread hand-offs (median of 21)", size,
                millis(median(work)));

        System.gc();
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        put("heap after loading the registry into the console", size, String.format(Locale.ROOT, "%.0f MB", used / 1048576.0));

        // The Lineage rows time what a user meets once the console has settled: the other pages prepared (built
        // while idle, see MainWindow), so that no preparation runs on the FX thread while a selection is timed.
        waitUntilPrepared(shell[0]);
        lineage(shell[0], size);
        String selected = shell[0].context().catalog().versionsOf(shell[0].context().catalog().modelNames().getFirst())
                .getLast().modelId();
        onFx(() -> {
            shell[0].close();
            shell[0].stage().close();
            return null;
        });

        watched(file, size, selected, true);
    }

    /**
     * The walk: a fresh console with the frame watchdog, a version of a 1 000-version name selected (so that the
     * Lineage graph, Scorecards and Drift show it), every view in turn until its background work is done; then the
     * gestures of a user at work.
     */
    private static void watched(Path file, int size, String selectedOrNull, boolean walks) throws Exception {
        ConsoleShell[] shell = new ConsoleShell[1];
        String selected = selectedOrNull != null ? selectedOrNull : newestOfFirstName(file);
        System.setProperty("steward.frameWatchdog", "true");
        onFx(() -> {
            shell[0] = new ConsoleShell(new Stage(), "bench", Clock.systemUTC(), new AppSettings(file.resolveSibling("bench.properties")));
            shell[0].stage().show();
            shell[0].setOnOpened(context -> {
                context.selectedModelIdProperty().set(selected);
                shell[0].show("overview");
            });
            shell[0].open(file, false);
            return null;
        });
        waitUntil(() -> shell[0].context() != null && shell[0].tasks().runningProperty().get() == 0);
        // A user reads the Overview for a moment first: meanwhile the console builds the other pages, hidden, one at
        // a time. Their cost is a figure of its own (the watchdog names the page being prepared).
        waitUntilPrepared(shell[0]);
        Thread.sleep(1_000);
        Map<String, Long> preparing = onFx(() -> shell[0].frameWatchdog().map(FrameWatchdog::longestByPage).orElse(Map.of()));
        Map<String, Long> preparingBusy = onFx(() -> shell[0].frameWatchdog().map(FrameWatchdog::busiestByPage).orElse(Map.of()));
        preparing.keySet().stream().filter(key -> key.contains("(preparing ")).max(java.util.Comparator.comparing(preparing::get))
                .ifPresent(key -> put("longest FX pulse gap while the other pages are prepared in idle time, on the Overview "
                        + "(the most FX-thread CPU between two pulses)", size, preparing.get(key) + " ms ("
                        + preparingBusy.entrySet().stream().filter(e -> e.getKey().contains("(preparing ")).mapToLong(Map.Entry::getValue)
                                .max().orElse(-1) + " ms; " + key.replaceFirst("^.*\\(", "").replace(")", "") + ")"));
        if (walks) {
            onFx(() -> {
                shell[0].frameWatchdog().ifPresent(FrameWatchdog::clearLongest);
                return null;
            });
            walk(shell[0], size, "longest FX pulse gap on %s, first showing (the most FX-thread CPU between two pulses)");
            // The second walk: every page has been built and styled once; what a user switching between views meets all day.
            onFx(() -> {
                shell[0].frameWatchdog().ifPresent(FrameWatchdog::clearLongest);
                return null;
            });
            walk(shell[0], size, "longest FX pulse gap on %s, shown again (the most FX-thread CPU between two pulses)");
        }
        interactions(shell[0], size);
        closeOnFx(shell[0]);
    }

    private static void closeOnFx(ConsoleShell shell) throws Exception {
        onFx(() -> {
            shell.close();
            shell.stage().close();
            return null;
        });
    }

    /** The newest version of the first model name (a 1 000-version line in the scale registry). */
    private static String newestOfFirstName(Path file) {
        try (Registry registry = Registry.open(file)) {
            return registry.readHandle(h -> h.createQuery("SELECT model_id FROM model_registry WHERE model_name = "
                    + "(SELECT min(model_name) FROM model_registry) ORDER BY created_at DESC, model_id DESC LIMIT 1").mapTo(String.class).one());
        }
    }

    /** Shows every view in turn until its background work is done, then 1 s; the longest pulse gap on each. */
    private static void walk(ConsoleShell shell, int size, String figure) throws Exception {
        for (Pages.Spec spec : Pages.ALL) {
            System.err.println("[walk] " + spec.id() + " at " + Instant.now());
            onFx(() -> {
                shell.show(spec.id());
                return null;
            });
            Thread.sleep(100);
            waitUntil(() -> shell.tasks().runningProperty().get() == 0);
            if (spec.id().equals("lineage")) {
                onFx(() -> {
                    ((javafx.scene.control.TabPane) shell.stage().getScene().lookup("#lineage-tabs")).getSelectionModel().select(1);
                    return null;
                });
            }
            Thread.sleep(1_000);
        }
        Map<String, Long> pulses = onFx(() -> shell.frameWatchdog().map(FrameWatchdog::longestByPage).orElse(Map.of()));
        Map<String, Long> busy = onFx(() -> shell.frameWatchdog().map(FrameWatchdog::busiestByPage).orElse(Map.of()));
        for (Pages.Spec spec : Pages.ALL) {
            if (pulses.containsKey(spec.id())) {
                put(String.format(Locale.ROOT, figure, spec.title()), size, pulses.get(spec.id()) + " ms ("
                        + busy.getOrDefault(spec.id(), -1L) + " ms)");
            }
        }
    }

    /** Keys sent 30 times a second: the keyboard's repeat rate while a user holds a key down. */
    private static final long KEY_REPEAT_MS = 33;

    /**
     * What a user does all day once a page shows, with the watchdog on: holding a key down in a table or tree (every
     * step selects a version, whose details load), paging through a table, typing a search. The figure is the longest
     * gap between two pulses during the gesture, and the most FX-thread CPU between two pulses.
     */
    private static void interactions(ConsoleShell shell, int size) throws Exception {
        gesture(shell, size, "models", "#models-table", "holds ↓ in the Models table for 40 rows", 40, KeyCode.DOWN);
        gesture(shell, size, "models", "#models-table", "holds Page Down in the Models table for 40 pages", 40, KeyCode.PAGE_DOWN);
        typing(shell, size, "models", "#models-search", "strategy_042 9.5", "types a search in the Models view, a key every 120 ms");
        gesture(shell, size, "lineage", "#lineage-tree", "holds ↓ in the Lineage tree for 40 rows", 40, KeyCode.DOWN);
        gesture(shell, size, "audit", "#audit-table", "holds Page Down in the Audit table for 40 pages", 40, KeyCode.PAGE_DOWN);
    }

    private static void gesture(ConsoleShell shell, int size, String page, String selector, String figure, int presses, KeyCode key)
            throws Exception {
        javafx.scene.Node target = settle(shell, page, selector);
        onFx(() -> {
            target.requestFocus();
            if (target instanceof TableView<?> table && table.getSelectionModel().isEmpty()) {
                table.getSelectionModel().selectFirst();
            }
            shell.frameWatchdog().ifPresent(FrameWatchdog::clearLongest);
            return null;
        });
        for (int i = 0; i < presses; i++) {
            onFx(() -> {
                javafx.event.Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", key, false, false, false, false));
                return null;
            });
            Thread.sleep(KEY_REPEAT_MS);
        }
        finish(shell, size, page, figure);
    }

    private static void typing(ConsoleShell shell, int size, String page, String selector, String text, String figure) throws Exception {
        javafx.scene.control.TextField field = (javafx.scene.control.TextField) settle(shell, page, selector);
        onFx(() -> {
            field.requestFocus();
            field.clear();
            shell.frameWatchdog().ifPresent(FrameWatchdog::clearLongest);
            return null;
        });
        for (char c : text.toCharArray()) {
            onFx(() -> {
                field.appendText(String.valueOf(c));
                return null;
            });
            Thread.sleep(120);
        }
        finish(shell, size, page, figure);
        onFx(() -> {
            field.clear();
            return null;
        });
        waitUntil(() -> shell.tasks().runningProperty().get() == 0);
    }

    /** Shows the page and waits until its background work is done and the node is there. */
    private static javafx.scene.Node settle(ConsoleShell shell, String page, String selector) throws Exception {
        onFx(() -> {
            shell.show(page);
            return null;
        });
        waitUntil(() -> shell.stage().getScene().lookup(selector) != null && shell.tasks().runningProperty().get() == 0);
        Thread.sleep(500);
        return onFx(() -> shell.stage().getScene().lookup(selector));
    }

    /** Waits for the gesture's background work, then records the longest gap and FX-thread CPU on the page. */
    private static void finish(ConsoleShell shell, int size, String page, String figure) throws Exception {
        waitUntil(() -> shell.tasks().runningProperty().get() == 0);
        Thread.sleep(300);
        Map<String, Long> pulses = onFx(() -> shell.frameWatchdog().map(FrameWatchdog::longestByPage).orElse(Map.of()));
        Map<String, Long> busy = onFx(() -> shell.frameWatchdog().map(FrameWatchdog::busiestByPage).orElse(Map.of()));
        put("longest FX pulse gap while a user " + figure + " (the most FX-thread CPU between two pulses)", size,
                pulses.getOrDefault(page, -1L) + " ms (" + busy.getOrDefault(page, -1L) + " ms)");
    }

    /** Selections timed in the Lineage view, after one uncounted: six at both sizes, cycling through the names. */
    private static final int LINEAGE_SELECTIONS = 6;

    /**
     * Lineage: showing the view (the tree of every name, then the checks of every ACTIVE version), the tree and graph
     * layout of a name with {@value ScaleGenerator#VERSIONS_PER_NAME} versions as pure functions, and in the console
     * from selecting a version until the tree and the graph show it.
     */
    private static void lineage(ConsoleShell shell, int size) throws Exception {
        List<String> names = shell.context().catalog().modelNames().stream().limit(LINEAGE_SELECTIONS).toList();
        int perName = shell.context().catalog().versionsOf(names.getFirst()).size();
        String ofAName = "lineage of a name with " + perName + " versions: ";

        // The Models view has listed every version already (as it has when a user comes to Lineage from it).
        javafx.scene.control.TreeView<?>[] treeView = new javafx.scene.control.TreeView<?>[1];
        for (String pass : List.of("first showing", "shown again")) {
            long t = System.nanoTime();
            onFx(() -> {
                shell.show("lineage");
                return null;
            });
            // Looked up while waiting: the tree sits in a SplitPane, whose skin adds it to the scene at the next pulse.
            waitUntil(() -> {
                if (treeView[0] == null) {
                    treeView[0] = (javafx.scene.control.TreeView<?>) shell.stage().getScene().lookup("#lineage-tree");
                }
                return treeView[0] != null && !treeView[0].getRoot().getChildren().isEmpty();
            });
            long treeShown = System.nanoTime() - t;
            waitUntil(() -> shell.tasks().runningProperty().get() == 0);
            long checked = System.nanoTime() - t;
            put("show the Lineage view, " + pass + ": until the tree of every name is shown", size, millis(treeShown));
            put("show the Lineage view, " + pass + ": until every ACTIVE version's lineage is checked", size, millis(checked));
            onFx(() -> {
                shell.show("models");
                return null;
            });
            waitUntil(() -> shell.tasks().runningProperty().get() == 0);
        }

        List<Long> pure = new ArrayList<>();
        for (int i = 0; i <= LINEAGE_SELECTIONS; i++) {
            String name = names.get(i % names.size());
            List<ModelSummary> versions = shell.context().catalog().versionsOf(name);
            long t = System.nanoTime();
            LineageTree tree = LineageTree.build(versions, com.modelsteward.policy.PolicyLoader.builtIn(java.util.Map.of()).liveState());
            GraphLayout.of(tree.group(name).orElseThrow());
            if (i > 0) {
                pure.add(System.nanoTime() - t);
            }
        }
        put(ofAName + "LineageTree + GraphLayout (median of " + LINEAGE_SELECTIONS + ")", size, millis(median(pure)));
        onFx(() -> {
            shell.show("lineage");
            return null;
        });
        waitUntil(() -> shell.stage().getScene().lookup("#lineage-tabs") != null);
        onFx(() -> {
            // The graph tab, as a user looking at lineage would: the graph is only in the scene while its tab shows.
            ((javafx.scene.control.TabPane) shell.stage().getScene().lookup("#lineage-tabs")).getSelectionModel().select(1);
            return null;
        });
        waitUntil(() -> shell.tasks().runningProperty().get() == 0);
        javafx.scene.control.TreeView<?> tree = onFx(() -> (javafx.scene.control.TreeView<?>) shell.stage().getScene().lookup("#lineage-tree"));
        javafx.scene.Node graph = onFx(() -> shell.stage().getScene().lookup("#lineage-graph"));
        List<Long> shown = new ArrayList<>();
        List<Long> treeShown = new ArrayList<>();
        List<Long> graphShown = new ArrayList<>();
        for (int i = 0; i <= LINEAGE_SELECTIONS; i++) {
            // A different version each time, from another name where there is one: nothing is already on screen.
            String id = shell.context().catalog().versionsOf(names.get(i % names.size())).get(perName / 2 + i).modelId();
            long t = System.nanoTime();
            onFx(() -> {
                shell.context().selectedModelIdProperty().set(id);
                return null;
            });
            // Each part as it appears: the version selected in the tree (on a deep retrain chain that was the slow
            // part), its node in the graph, and every background task done (the lineage check of the version).
            // Not lookup("#graph-node-…"): the dots of a version number would read as CSS classes.
            // The poll runs on the FX thread every 5 ms: it looks only inside the tree and the graph, not the whole scene.
            long[] at = new long[2];
            waitUntil(() -> {
                if (at[0] == 0 && tree.getSelectionModel().getSelectedItem() != null
                        && String.valueOf(tree.getSelectionModel().getSelectedItem().getValue()).contains(id)) {
                    at[0] = System.nanoTime();
                }
                if (at[1] == 0 && graph.lookupAll(".graph-node").stream().anyMatch(node -> ("graph-node-" + id).equals(node.getId()))) {
                    at[1] = System.nanoTime();
                }
                return at[0] != 0 && at[1] != 0 && shell.tasks().runningProperty().get() == 0;
            });
            onFx(() -> {
                shell.stage().getScene().getRoot().applyCss();
                shell.stage().getScene().getRoot().layout();
                return null;
            });
            System.err.printf("lineage select %s%s: tree %.0f ms, graph %.0f ms, all %.0f ms%n", id, i == 0 ? " (warm-up)" : "",
                    (at[0] - t) / 1e6, (at[1] - t) / 1e6, (System.nanoTime() - t) / 1e6);
            if (i > 0) {
                shown.add(System.nanoTime() - t);
                treeShown.add(at[0] - t);
                graphShown.add(at[1] - t);
            }
        }
        String median = " (median of " + LINEAGE_SELECTIONS + ")";
        put(ofAName + "select a version, until selected in the tree" + median, size, millis(median(treeShown)));
        put(ofAName + "select a version, until its node is in the graph" + median, size, millis(median(graphShown)));
        put(ofAName + "select a version, until tree and graph are shown" + median, size, millis(median(shown)));
    }

    /** Transition commits (CANDIDATE -> SHADOW, executed at once) and O(1) rollbacks through the engine. */
    private static void governance(Path file, int size, Path work) throws Exception {
        Identity analyst = new Identity("scale.requester", Set.of(Role.ANALYST), false);
        Identity officer = new Identity("scale.officer", Set.of(Role.RISK_OFFICER), false);
        List<Long> commits = new ArrayList<>();
        List<Long> rollbacks = new ArrayList<>();
        int copies = Math.max(1, 40 / Math.max(1, size / ScaleGenerator.VERSIONS_PER_NAME));
        for (int copy = 0; copy < copies; copy++) {
            Path copyFile = work.resolve("governance-" + size + "-" + copy + ".db");
            Files.copy(file, copyFile, StandardCopyOption.REPLACE_EXISTING);
            try (Registry registry = Registry.open(copyFile)) {
                GovernanceEngine engine = new GovernanceEngine(registry, PolicyLoader.builtIn(Map.of()), Clock.systemUTC());
                List<String> candidates = registry.readHandle(h -> h.createQuery(
                        "SELECT model_id FROM model_registry WHERE state = 'CANDIDATE' ORDER BY model_id").mapTo(String.class).list());
                List<String> names = registry.readHandle(h -> h.createQuery(
                        "SELECT model_name FROM active_pointer WHERE last_known_good_id IS NOT NULL ORDER BY model_name").mapTo(String.class).list());
                for (String candidate : candidates) {
                    long t = System.nanoTime();
                    engine.request(analyst, candidate, "SHADOW", "benchmark");
                    commits.add(System.nanoTime() - t);
                }
                for (String name : names) {
                    long t = System.nanoTime();
                    engine.rollback(officer, name, "benchmark");
                    rollbacks.add(System.nanoTime() - t);
                }
            }
            Files.deleteIfExists(copyFile);
        }
        put("transition commit latency p50 / p99", size,
                millis(percentile(commits, 50)) + " / " + millis(percentile(commits, 99)) + " (" + commits.size() + " commits)");
        put("rollback latency, median", size, millis(median(rollbacks)) + " (" + rollbacks.size() + " rollbacks)");
    }

    private static void auditVerify(Path file, int size) {
        try (Registry registry = Registry.open(file)) {
            List<Long> runs = new ArrayList<>();
            long entries = 0;
            for (int i = 0; i < 6; i++) {
                long t = System.nanoTime();
                AuditTrail.Verification result = AuditTrail.verify(registry);
                if (i > 0) {
                    // The first walk warms the JIT and the page cache; the figure is the median of the next five.
                    runs.add(System.nanoTime() - t);
                }
                entries = result.checked();
                if (!result.ok()) {
                    throw new IllegalStateException("the generated chain does not verify: " + result.problem());
                }
            }
            put("`audit verify` throughput (median of 5 after a warm-up walk)", size,
                    String.format(Locale.ROOT, "%,.0f entries/s over %,d entries", entries / (median(runs) / 1e9), entries));
        }
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable failed) {
                result.completeExceptionally(failed);
            }
        });
        return result.get(5, TimeUnit.MINUTES);
    }

    /** Until every page has been built (shown, or prepared while the console was quiet). */
    private static void waitUntilPrepared(ConsoleShell shell) throws Exception {
        waitUntil(() -> Pages.ALL.stream().allMatch(spec -> shell.page(spec.id()) != null));
    }

    private static void waitUntil(BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!onFx(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(5);
        }
    }

    private static void put(String figure, int size, String value) {
        FIGURES.computeIfAbsent(figure, k -> new LinkedHashMap<>()).put(size, value);
        System.err.printf("%,d versions: %s = %s%n", size, figure, value);
    }

    private static long median(List<Long> values) {
        return percentile(values, 50);
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** Larger over smaller, for figures of the same unit. */
    private static String ratio(String small, String large) {
        if (small == null || large == null) {
            return "";
        }
        try {
            double a = Double.parseDouble(small.replaceAll("[^0-9.].*$", "").replace(",", ""));
            double b = Double.parseDouble(large.replaceAll("[^0-9.].*$", "").replace(",", ""));
            return a == 0 ? "" : String.format(Locale.ROOT, "%.2f×", b / a);
        } catch (NumberFormatException notANumber) {
            return "";
        }
    }
}
