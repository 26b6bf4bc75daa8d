package com.modelsteward.ui.shell;

import com.modelsteward.config.AppDirs;
import com.modelsteward.config.AppSettings;
import com.modelsteward.config.AppVersion;
import com.modelsteward.config.RecentRegistries;
import com.modelsteward.demo.DemoGenerator;
import com.modelsteward.registry.Location;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import com.modelsteward.trust.Signatures;
import com.modelsteward.trust.TrustStore;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.DialogService;
import com.modelsteward.ui.common.FxDialogService;
import com.modelsteward.ui.common.FxTaskRunner;
import com.modelsteward.ui.common.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The console's lifecycle on one stage: show the frame at once, open the registry in the background, attach the pages,
 * follow changes, remember the window and the last registry. Tests drive it directly on a TestFX stage.
 */
public final class ConsoleShell implements AutoCloseable {

    public static final String LAST_REGISTRY = "registry.last";

    private final Stage stage;
    private final String user;
    private final Clock clock;
    private final AppSettings settings;
    /** The theme's stylesheets: the scene and every dialog follow this list. */
    private final ObservableList<String> stylesheets;
    private Theme theme;
    private final FxTaskRunner tasks = new FxTaskRunner();
    private final MainWindow window;
    private final FxDialogService dialogs;
    private Registry registry;
    private RefreshMonitor monitor;
    private AppContext context;
    private Consumer<AppContext> onOpened = ignored -> { };
    private FrameWatchdog watchdog;
    private Consumer<Throwable> onOpenFailed;

    public ConsoleShell(Stage stage, String user, Clock clock, AppSettings settings) {
        this.stage = stage;
        this.user = user;
        this.clock = clock;
        this.settings = settings;
        this.theme = Theme.named(settings.get(Theme.SETTING));
        this.stylesheets = FXCollections.observableArrayList(theme.stylesheets());
        this.dialogs = new FxDialogService(stage, stylesheets);
        this.window = new MainWindow(tasks, new MainMenu.Commands() {
            @Override
            public void openRegistry() {
                chooseRegistry();
            }

            @Override
            public void openRecent(Path file) {
                open(file, false);
            }

            @Override
            public void clearRecent() {
                RecentRegistries.clear(settings);
                window.menu().showRecent(List.of());
                saveInBackground();
            }

            @Override
            public void useTheme(Theme chosen) {
                ConsoleShell.this.useTheme(chosen);
            }

            @Override
            public void quit() {
                // As the window's close button does, so that whatever runs on closing runs for Quit too.
                stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
            }

            @Override
            public void showShortcuts() {
                HelpDialogs.showShortcuts(dialogs);
            }

            @Override
            public void showAbout() {
                ConsoleShell.this.showAbout();
            }
        });
        this.onOpenFailed = failure -> dialogs.showError("Cannot open the registry", DialogService.describe(failure));
        window.menu().showRecent(RecentRegistries.read(settings));
        window.menu().themeShown(theme);
        Scene scene = new Scene(window.root(), 1280, 800);
        Bindings.bindContent(scene.getStylesheets(), stylesheets);
        stage.setScene(scene);
        stage.setTitle("Model Steward");
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var icon = ConsoleShell.class.getResource("/icons/model-steward-" + size + ".png");
            if (icon != null) {
                // Decoded in the background: six PNGs on the FX thread would delay the first frame.
                Image image = new Image(icon.toExternalForm(), true);
                image.progressProperty().addListener((property, before, progress) -> {
                    if (progress.doubleValue() >= 1 && !image.isError()) {
                        stage.getIcons().add(image);
                    }
                });
            }
        }
        WindowGeometry.restore(stage, settings);
        if (FrameWatchdog.requested()) {
            watchdog = new FrameWatchdog(window::pageAtWork, () -> tasks.messageProperty().get());
            watchdog.start();
        }
    }

    /** Opens {@code --db}, else the last registry used, else the demo registry (created on first run). */
    public void start(ConsoleOptions options) {
        Optional<Path> chosen = options.db().or(() -> settings.get(LAST_REGISTRY).map(Path::of).filter(Files::isRegularFile));
        open(chosen.orElse(AppDirs.demoRegistry()), chosen.isEmpty());
    }

    public void setOnOpened(Consumer<AppContext> onOpened) {
        this.onOpened = onOpened;
    }

    /** What to do when a registry cannot be opened, after the window says why; by default an error dialog. */
    public void setOnOpenFailed(Consumer<Throwable> onOpenFailed) {
        this.onOpenFailed = onOpenFailed;
    }

    /**
     * Opens a registry off the FX thread; on failure says why and leaves the console usable for another file. While a
     * registry is open it stays open and on screen until the new one has opened: a file that fails to open replaces
     * nothing.
     */
    public void open(Path file, boolean createDemoIfMissing) {
        if (registry == null) {
            // No file check here (the FX thread does no I/O): the demo case says what a first start is waiting for.
            window.showMessage(createDemoIfMissing ? "Opening the demo registry " + file + " …\nOn the first start it is created first"
                    + " (a few seconds): example models, scorecards, drift samples and a signed audit trail." : "Opening " + file + " …");
        }
        tasks.run("Opening " + file.getFileName(), () -> {
            if (createDemoIfMissing && !Files.exists(file)) {
                // For whoever started the console from a terminal and sees no window content yet.
                System.err.println("Model Steward: creating the demo registry " + file + " (first start, a few seconds)…");
                AppDirs.ensureDataDir();
                new DemoGenerator(DemoGenerator.DEFAULT_SEED, clock.instant(), user).createWithDriftRun(new Location.File(file)).close();
            }
            Registry opened = Registry.open(file);
            try {
                Set<String> roles = new ModelCatalog(opened).rolesOf(opened.actingUser(user));
                TrustStore trust = new TrustStore(settings);
                return new Opened(opened, roles, trust.check(opened), trust.checkHead(opened), opened.changeCounter());
            } catch (RuntimeException failed) {
                opened.close();
                throw failed;
            }
        }, this::attach, failure -> {
            if (registry != null) {
                dialogs.showError("Cannot open the registry", DialogService.describe(failure) + "\n\n" + registry.location() + " is still open.");
                return;
            }
            String message = DialogService.describe(failure);
            window.detach("No registry is open.\n\n" + message + "\n\nUse \"Open registry…\" to choose another file.");
            stage.setTitle("Model Steward");
            onOpenFailed.accept(failure);
        });
    }

    /**
     * @param trust the root key compared with the one this user pinned (trust on first use, docs/security.md)
     * @param head the audit chain compared with the highest signed head this user verified before
     * @param changeCounter the file's change counter when opened, where the refresh monitor starts
     */
    private record Opened(Registry registry, Set<String> roles, TrustStore.Check trust, TrustStore.HeadCheck head, long changeCounter) {
    }

    private void attach(Opened opened) {
        closeRegistry();
        registry = opened.registry();
        context = new AppContext(registry, tasks, dialogs, registry.actingUser(user), opened.roles(), clock);
        // The first approval or request signs: read the key now, not inside the write's lock.
        Signatures.prepareInBackground(user);
        window.attach(context);
        stage.setTitle("Model Steward — " + registry.location().shortName() + (registry.isReadOnly() ? " (read-only)" : ""));
        settings.put(LAST_REGISTRY, registry.location().toString());
        if (registry.location() instanceof Location.File file) {
            window.menu().showRecent(RecentRegistries.remember(settings, file.path()));
        }
        saveInBackground();
        monitor = new RefreshMonitor(registry, opened.changeCounter(), window::registryChanged,
                failure -> javafx.application.Platform.runLater(() -> window.monitorFailed(DialogService.describe(failure))));
        onOpened.accept(context);
        if (opened.trust().alarming()) {
            dialogs.showError("The registry's root key has changed", opened.trust().message());
        }
        if (opened.head().alarming()) {
            dialogs.showError("The registry's audit trail was rolled back or rewritten", opened.head().message());
        }
    }

    /** The version is read from the jar in the background; the registry's schema version is known since it opened. */
    private void showAbout() {
        Registry shown = registry;
        tasks.run("Reading the version", AppVersion::current,
                version -> dialogs.showInfo("About Model Steward", HelpDialogs.aboutText(version, shown)),
                failure -> dialogs.showInfo("About Model Steward", HelpDialogs.aboutText("unknown", shown)));
    }

    private void chooseRegistry() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a model registry");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("SQLite registry", "*.db", "*.sqlite", "*.sqlite3"),
                new FileChooser.ExtensionFilter("All files", "*"));
        var file = chooser.showOpenDialog(stage);
        if (file != null) {
            open(file.toPath(), false);
        }
    }

    public Stage stage() {
        return stage;
    }

    public AppContext context() {
        return context;
    }

    public String currentPage() {
        return window.currentPage();
    }

    /** The page instance shown for an id (tests reach its ViewModel through it). */
    public com.modelsteward.ui.common.Page page(String pageId) {
        return window.page(pageId);
    }

    /** The text of a navigation badge ("3" pending approvals), empty when none. */
    public String badgeText(String pageId) {
        return window.badgeText(pageId);
    }

    /** The notification shown at the top of the window, empty when none. */
    public String notificationText() {
        return window.notificationText();
    }

    public void show(String pageId) {
        window.show(pageId);
    }

    public FxTaskRunner tasks() {
        return tasks;
    }

    private void closeRegistry() {
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
        if (registry != null) {
            registry.close();
            registry = null;
        }
    }

    /** Restyles the window and every open dialog at once, and remembers the choice. */
    private void useTheme(Theme chosen) {
        theme = chosen;
        stylesheets.setAll(chosen.stylesheets());
        window.menu().themeShown(chosen);
        settings.put(Theme.SETTING, chosen.name().toLowerCase(java.util.Locale.ROOT));
        saveInBackground();
    }

    public Theme theme() {
        return theme;
    }

    /**
     * Writes the settings off the FX thread as soon as the registry list changes, so a console that is killed still
     * remembers what it opened.
     */
    private void saveInBackground() {
        Thread.ofVirtual().name("settings-writer").start(() -> {
            try {
                settings.save();
            } catch (java.io.IOException unwritable) {
                System.err.println("Model Steward: could not save settings to " + AppDirs.settingsFile() + ": " + unwritable.getMessage());
            }
        });
    }

    /** Remembers the window and the last registry, then releases the file. */
    @Override
    public void close() {
        WindowGeometry.save(stage, settings);
        try {
            settings.save();
        } catch (java.io.IOException unwritable) {
            System.err.println("Model Steward: could not save settings to " + AppDirs.settingsFile() + ": " + unwritable.getMessage());
        }
        window.close();
        closeRegistry();
        tasks.close();
        if (watchdog != null) {
            watchdog.stop();
        }
    }

    /** The frame watchdog when -Dsteward.frameWatchdog=true, for the benchmark's per-view figures. */
    public Optional<FrameWatchdog> frameWatchdog() {
        return Optional.ofNullable(watchdog);
    }
}
