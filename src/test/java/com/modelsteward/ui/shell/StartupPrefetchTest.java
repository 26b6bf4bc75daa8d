package com.modelsteward.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.app.AttentionInbox;
import com.modelsteward.app.RegistryServices;
import com.modelsteward.config.AppSettings;
import com.modelsteward.config.Environment;
import com.modelsteward.governance.Principals;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.StateCount;
import com.modelsteward.testsupport.FxWait;
import com.modelsteward.testsupport.TestRegistries;
import com.modelsteward.ui.overview.FigureTile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's start-up as the launcher runs it: the registry opened and the Overview's data read before the window
 * asks for them ({@link ConsoleShell.Prefetch}). What the Overview shows must be what the registry holds, the inbox in
 * its order with the lineage items that follow the first figures, and "first data" told once, with the figures in place.
 */
@Tag("console")
@ExtendWith(ApplicationExtension.class)
class StartupPrefetchTest {

    private static final Clock CLOCK = Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC);

    @TempDir
    static Path dir;

    private ConsoleShell shell;
    private Path db;
    /** The tiles' values when the shell said the first data was shown, and how often it said so. */
    private final List<Long> tilesAtFirstData = new ArrayList<>();
    private final List<Optional<Throwable>> firstData = new ArrayList<>();

    /** The demo is generated once per test JVM: here, not in {@code @Start}, whose set-up has a time limit. */
    @BeforeAll
    static void generateTheDemoOnce() throws Exception {
        TestRegistries.demo(Files.createDirectories(dir.resolve("warm-up"))).close();
    }

    @Start
    void start(Stage stage) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("prefetch-" + System.nanoTime()));
        try (Registry registry = TestRegistries.demo(folder)) {
            // A live version with SEVERE drift, so the inbox has drift items before its lineage and shadow items.
            registry.writeHandle(h -> h.execute("INSERT INTO model_drift (model_id, feature, drift_kind, psi, severity, computed_at) "
                    + "VALUES ('momentum_xgb-3.1.0', 'vol_20d', 'FEATURE', 0.62, 'SEVERE', '2026-10-31T00:00:00.000Z')"));
        }
        db = folder.resolve("demo.db");
        AppSettings settings = new AppSettings(folder.resolve("settings.properties"));
        ConsoleOptions options = ConsoleOptions.opening(db);
        ConsoleShell.Prefetch prefetch = ConsoleShell.Prefetch.begin(options, settings, TestRegistries.OPERATOR, Environment.process(), CLOCK);
        shell = new ConsoleShell(stage, TestRegistries.OPERATOR, CLOCK, settings);
        shell.usePrefetch(prefetch);
        shell.setOnFirstData(failure -> {
            firstData.add(failure);
            for (String tile : List.of("#tile-active", "#tile-pending", "#tile-drift")) {
                tilesAtFirstData.add(((FigureTile) stage.getScene().lookup(tile)).getValue());
            }
        });
        stage.setWidth(1024);
        stage.setHeight(700);
        stage.show();
        shell.start(options);
    }

    @AfterEach
    void closeShell() throws Exception {
        WaitForAsyncUtils.asyncFx(shell::close).get();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOverviewShowsWhatTheRegistryHoldsOnceItsDataIsSaidToBeShown(FxRobot robot) {
        FxWait.until("the overview is shown", () -> "overview".equals(shell.currentPage()));
        ListView<AttentionInbox.Item> inbox = robot.lookup("#attention").queryAs(ListView.class);
        FxWait.until("the inbox is read, lineage checks included", () -> !inbox.getItems().isEmpty()
                && !((javafx.scene.control.Label) inbox.getPlaceholder()).getText().startsWith("Reading"));
        WaitForAsyncUtils.waitForFxEvents();

        ModelCatalog catalog = new ModelCatalog(shell.context().registry());
        RegistryServices services = new RegistryServices(shell.context().registry(), Environment.process(), CLOCK);
        String live = services.policy().liveState();
        long active = catalog.countsByState().stream().filter(count -> count.state().equals(live)).mapToLong(StateCount::count).sum();
        List<Long> expected = List.of(active, catalog.pendingRequestCount(), catalog.driftAlertCount(live));
        assertEquals(1, firstData.size(), "the first data is told once");
        assertEquals(Optional.empty(), firstData.getFirst());
        assertEquals(expected, tilesAtFirstData, "the tiles held the registry's figures when the first data was said to be shown");
        assertTrue(active > 0 && catalog.driftAlertCount(live) > 0, "the demo has figures worth comparing: " + expected);

        List<AttentionInbox.Item> whole = AttentionInbox.of(services, catalog,
                Principals.resolve(shell.context().registry(), TestRegistries.OPERATOR, Optional.empty()), CLOCK);
        assertEquals(whole, List.copyOf(inbox.getItems()), "the inbox in the order one read gives, its lineage items in place");
        assertTrue(whole.stream().anyMatch(item -> item.kind() == AttentionInbox.Kind.SEVERE_DRIFT)
                && whole.stream().anyMatch(item -> item.kind() == AttentionInbox.Kind.DECIDE), whole.toString());
        TableView<?> events = robot.lookup("#recent-events").queryTableView();
        assertEquals(catalog.recentEvents(50), List.copyOf(events.getItems()), "the newest events");
    }
}
