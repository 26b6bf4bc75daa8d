package com.modelsteward.ui.shell;

import com.modelsteward.app.RegistryServices;
import com.modelsteward.config.AppDirs;
import com.modelsteward.config.AppSettings;
import com.modelsteward.config.AppVersion;
import com.modelsteward.config.Environment;
import com.modelsteward.config.RecentRegistries;
import com.modelsteward.demo.DemoGenerator;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Location;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.registry.ServerLogin;
import com.modelsteward.trust.Signatures;
import com.modelsteward.trust.TrustStore;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.DialogService;
import com.modelsteward.ui.common.FxDialogService;
import com.modelsteward.ui.common.FxTaskRunner;
import com.modelsteward.ui.common.Theme;
import com.modelsteward.ui.overview.OverviewView;
import com.modelsteward.ui.overview.OverviewViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.image.Image;
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
    /** The process environment: PGUSER, PGPASSWORD, PGPASSFILE and HOME say how to log in to a server (libpq's rules). */
    private final Environment environment;
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
    private Consumer<Optional<Throwable>> onFirstData = ignored -> { };
    private Prefetch prefetch;
    /** The opening under way, if any: a count it posted after it ended (or after another began) is not shown. */
    private Object opening;
    private FrameWatchdog watchdog;
    private Consumer<Throwable> onOpenFailed;
    private boolean askForPasswords = true;

    public ConsoleShell(Stage stage, String user, Clock clock, AppSettings settings) {
        this(stage, user, clock, settings, Environment.process());
    }

    /** @param user the OS account running the console; on a server registry the login the server authenticates acts instead */
    public ConsoleShell(Stage stage, String user, Clock clock, AppSettings settings, Environment environment) {
        this.stage = stage;
        this.user = user;
        this.clock = clock;
        this.settings = settings;
        this.environment = environment;
        this.theme = Theme.named(settings.get(Theme.SETTING));
        this.stylesheets = FXCollections.observableArrayList(theme.stylesheets());
        this.dialogs = new FxDialogService(stage, stylesheets);
        this.window = new MainWindow(tasks, new MainMenu.Commands() {
            @Override
            public void openRegistry() {
                chooseRegistry();
            }

            @Override
            public void openRecent(Location location) {
                open(location, false);
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
        this.onOpenFailed = failure -> dialogs.showError("Cannot open the registry", DialogService.sentence(DialogService.describe(failure)));
        window.menu().showRecent(locations(RecentRegistries.read(settings)));
        window.menu().themeShown(theme);
        Scene scene = new Scene(window.root(), 1280, 800);
        Bindings.bindContent(scene.getStylesheets(), stylesheets);
        stage.setScene(scene);
        stage.setTitle("Model Steward");
        List<Image> icons = new java.util.ArrayList<>();
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var icon = ConsoleShell.class.getResource("/icons/model-steward-" + size + ".png");
            if (icon != null) {
                // Decoded in the background: six PNGs on the FX thread would delay the first frame.
                icons.add(new Image(icon.toExternalForm(), true));
            }
        }
        // Given to the window once, when all are decoded: every change of the stage's icons converts all of them again
        // on the FX thread, and one at a time made that 21 conversions instead of 6, during the start-up.
        Runnable offer = () -> {
            if (icons.stream().allMatch(each -> each.getProgress() >= 1 || each.isError())) {
                stage.getIcons().setAll(icons.stream().filter(each -> !each.isError()).toList());
            }
        };
        for (Image image : icons) {
            image.progressProperty().addListener((property, before, progress) -> offer.run());
            image.errorProperty().addListener((property, before, failed) -> offer.run());
        }
        WindowGeometry.restore(stage, settings);
        if (FrameWatchdog.requested()) {
            watchdog = new FrameWatchdog(window::pageAtWork, () -> tasks.messageProperty().get());
            watchdog.start();
        }
    }

    /** Opens {@code --db}, else the last registry used (a file still there, or a server), else the demo registry (created on first run). */
    public void start(ConsoleOptions options) {
        Optional<Location> chosen = options.db().or(this::lastRegistry);
        open(chosen.orElseGet(() -> new Location.File(AppDirs.demoRegistry())), chosen.isEmpty());
    }

    private Optional<Location> lastRegistry() {
        return lastRegistry(settings);
    }

    private static Optional<Location> lastRegistry(AppSettings settings) {
        try {
            return settings.get(LAST_REGISTRY).map(Location::parse)
                    .filter(location -> !(location instanceof Location.File file) || Files.isRegularFile(file.path()));
        } catch (RegistryException unreadable) {
            return Optional.empty();
        }
    }

    /** The recent list as locations; an entry that no longer reads as one (edited by hand) is left out. */
    private static List<Location> locations(List<String> recent) {
        List<Location> locations = new java.util.ArrayList<>();
        for (String entry : recent) {
            try {
                locations.add(Location.parse(entry));
            } catch (RegistryException unreadable) {
                // not offered: the menu lists what can be opened
            }
        }
        return locations;
    }

    public void setOnOpened(Consumer<AppContext> onOpened) {
        this.onOpened = onOpened;
    }

    /**
     * What to do once a newly opened registry's first page shows its data (empty), or could not read it (why): the
     * start-up's "first frame with data".
     */
    public void setOnFirstData(Consumer<Optional<Throwable>> onFirstData) {
        this.onFirstData = onFirstData;
    }

    /** The registry {@link #start} opens, already being opened since the launcher began it. */
    void usePrefetch(Prefetch started) {
        this.prefetch = started;
    }

    /** What to do when a registry cannot be opened, after the window says why; by default an error dialog. */
    public void setOnOpenFailed(Consumer<Throwable> onOpenFailed) {
        this.onOpenFailed = onOpenFailed;
    }

    /** Whether a server that wants a password gets a password dialog; the smoke run, which nobody watches, fails instead. */
    public void setAskForPasswords(boolean askForPasswords) {
        this.askForPasswords = askForPasswords;
    }

    public void open(Path file, boolean createDemoIfMissing) {
        open(new Location.File(file), createDemoIfMissing);
    }

    /**
     * Opens a registry off the FX thread; on failure says why and leaves the console usable for another one. While a
     * registry is open it stays open and on screen until the new one has opened: a location that fails to open replaces
     * nothing. A server's login and password are found as libpq finds them ({@link ServerLogin}); when the server asks
     * for a password none gave, or refuses the one given, a dialog asks and the open is tried again.
     */
    public void open(Location location, boolean createDemoIfMissing) {
        String name = location instanceof Location.Server server ? RegistryNames.serverName(server) : String.valueOf(
                ((Location.File) location).path().getFileName());
        // No file check here (the FX thread does no I/O): the demo case says what a first start is waiting for.
        String waiting = createDemoIfMissing ? "Opening the demo registry " + location + " …\nOn the first start it is created first"
                + " (a few seconds): example models, scorecards, drift samples and a signed audit trail."
                : location instanceof Location.Server ? "Connecting to " + name + " …" : "Opening " + location + " …";
        if (registry == null) {
            window.showMessage(waiting);
        }
        // The address as tried, its login and password filled in: what the password dialog names when the server refuses.
        Prefetch started = prefetch;
        prefetch = null;
        if (started != null && !started.location().equals(location)) {
            started.discard();
            started = null;
        }
        // The registry the launcher began to open before the toolkit started (the first one only), else now.
        AtomicReference<Location> tried = started != null ? started.tried() : new AtomicReference<>(location);
        OpeningWalk walk = started != null ? started.walk() : new OpeningWalk();
        Callable<Opened> work = started != null ? started.opened()::get
                : () -> openOffFxThread(location, createDemoIfMissing, tried, user, settings, environment, clock, walk);
        Object thisOpening = new Object();
        opening = thisOpening;
        tasks.runWithProgress(location instanceof Location.Server ? "Connecting to " + name : "Opening " + name, sink -> {
            // A first use walks the whole chain: the status bar's bar follows it, and the empty window counts it.
            walk.follow((checked, total) -> {
                sink.update(checked, total);
                Platform.runLater(() -> {
                    if (opening == thisOpening && registry == null) {
                        window.showMessage(OpeningWalk.message(waiting, checked, total));
                    }
                });
            });
            return work.call();
        }, opened -> {
            ended(thisOpening);
            attach(opened);
        }, failure -> Platform.runLater(() -> {
            ended(thisOpening);
            openFailed(tried.get(), failure);
        }));
    }

    private void ended(Object anOpening) {
        if (opening == anOpening) {
            opening = null;
        }
    }

    /**
     * Opens a registry and starts reading what the console shows first, off the FX thread: creates the demo registry on
     * a first start, resolves a server's login, opens, finds who acts and their roles; then, in parallel, the Overview's
     * data and the trust checks (the root key and the audit trail's head against those this user pinned), so that the
     * page can be built while they run.
     */
    static Opened openOffFxThread(Location location, boolean createDemoIfMissing, AtomicReference<Location> tried, String user,
            AppSettings settings, Environment environment, Clock clock, AuditTrail.Progress walk) throws java.io.IOException {
        Location resolved = location;
        if (location instanceof Location.Server server) {
            resolved = ServerLogin.resolve(server, environment.asMap(), user, environment.get("HOME").map(Path::of).orElse(null));
            tried.set(resolved);
        } else if (createDemoIfMissing && location instanceof Location.File file && !Files.exists(file.path())) {
            // For whoever started the console from a terminal and sees no window content yet.
            System.err.println("Model Steward: creating the demo registry " + file + " (first start, a few seconds)…");
            AppDirs.ensureDataDir();
            new DemoGenerator(DemoGenerator.DEFAULT_SEED, clock.instant(), user).createWithDriftRun(file).close();
        }
        Registry opened = Registry.open(resolved);
        try {
            String acting = opened.actingUser(user);
            ModelCatalog catalog = new ModelCatalog(opened);
            Set<String> roles = catalog.rolesOf(acting);
            // Before any page reads: a commit after this is one the refresh monitor reports.
            long changeCounter = opened.changeCounter();
            RegistryServices services = new RegistryServices(opened, environment, clock);
            CompletableFuture<OverviewViewModel.Snapshot> overview = CompletableFuture.supplyAsync(
                    () -> OverviewViewModel.read(services, catalog, acting, clock), ConsoleShell::firstReader);
            TrustStore trust = new TrustStore(settings);
            TrustStore.Check root = trust.check(opened);
            TrustStore.HeadCheck head = trust.checkHead(opened, walk);
            return new Opened(opened, acting, roles, root, head, changeCounter, services, catalog, overview);
        } catch (RuntimeException failed) {
            opened.close();
            throw failed;
        }
    }

    /** The Overview's first read gets a thread of its own: the pool may be busy with the opening. */
    private static void firstReader(Runnable read) {
        Thread.ofPlatform().daemon().name("overview-first-read").start(read);
    }

    /**
     * The registry the console will open, begun before the toolkit starts ({@link ConsoleLauncher}): the location
     * {@link #start} would choose, and its opening under way.
     */
    record Prefetch(Location location, AtomicReference<Location> tried, CompletableFuture<Opened> opened, OpeningWalk walk) {

        /** Starts opening what {@link #start} would open, on a thread of its own. */
        static Prefetch begin(ConsoleOptions options, AppSettings settings, String user, Environment environment, Clock clock) {
            Optional<Location> chosen = options.db().or(() -> lastRegistry(settings));
            Location location = chosen.orElseGet(() -> new Location.File(AppDirs.demoRegistry()));
            AtomicReference<Location> tried = new AtomicReference<>(location);
            CompletableFuture<Opened> opened = new CompletableFuture<>();
            OpeningWalk walk = new OpeningWalk();
            Thread.ofPlatform().daemon().name("registry-opener").start(() -> {
                try {
                    opened.complete(openOffFxThread(location, chosen.isEmpty(), tried, user, settings, environment, clock, walk));
                } catch (Exception | Error failed) {
                    opened.completeExceptionally(failed);
                }
            });
            return new Prefetch(location, tried, opened, walk);
        }

        /** Not used after all: the registry is closed once it has opened. */
        void discard() {
            opened.thenAccept(unused -> unused.registry().close());
        }
    }

    /**
     * Says why an open failed, or asks for a password. Posted to run after the opening task has ended: inside its
     * callback the task still counts as running, and the status bar said "Connecting to …" with a busy bar while the
     * dialog waited for the person.
     */
    private void openFailed(Location tried, Throwable failure) {
        if (askForPasswords && tried instanceof Location.Server server && passwordWouldHelp(failure)) {
            askForPassword(server, failure);
            return;
        }
        if (registry != null) {
            dialogs.showError("Cannot open the registry", DialogService.sentence(DialogService.describe(failure)) + "\n\n" + registry.location()
                    + " is still open.");
            return;
        }
        String message = DialogService.describe(failure);
        window.detach("No registry is open.\n\n" + message + "\n\nUse \"Open registry…\" to choose another file or server.");
        stage.setTitle("Model Steward");
        onOpenFailed.accept(failure);
    }

    private void askForPassword(Location.Server server, Throwable failure) {
        if (registry == null) {
            window.showMessage("Logging in to " + RegistryNames.serverName(server) + " as " + server.user() + ": waiting for the password…");
        }
        Optional<Location.Server> login = PasswordDialog.ask(dialogs, server, passwordReason(server, failure));
        if (login.isPresent()) {
            open(login.get(), false);
            return;
        }
        if (registry != null) {
            // Cancel: the registry that was open stays open, as if nothing had been chosen.
            return;
        }
        window.detach("No registry is open.\n\n" + RegistryNames.serverName(server) + " was not opened: no password was given for "
                + server.user() + ".\n\nUse \"Open registry…\" to try again or to choose another registry.");
        stage.setTitle("Model Steward");
    }

    /** The server wants a password none gave, or refused the one given: asking (again) may open it. */
    private static boolean passwordWouldHelp(Throwable failure) {
        String code = registryCode(failure);
        return RegistryException.PASSWORD_NEEDED.equals(code) || "E_REGISTRY_AUTH".equals(code);
    }

    private static String registryCode(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RegistryException registryError) {
                return registryError.code();
            }
        }
        return "";
    }

    /** The first sentence of the password dialog: why it asks. */
    private static String passwordReason(Location.Server server, Throwable failure) {
        if (RegistryException.PASSWORD_NEEDED.equals(registryCode(failure))) {
            return "The server " + server.server() + " asks for the password of " + server.user() + " to open database " + server.database() + ".";
        }
        return DialogService.sentence(DialogService.describe(failure));
    }

    /**
     * @param actingUser who acts: the OS account on a file, the login the server authenticated on a server
     * @param trust the root key compared with the one this user pinned (trust on first use, docs/security.md)
     * @param head the audit chain compared with the highest signed head this user verified before
     * @param changeCounter the file's change counter when opened, where the refresh monitor starts
     */
    record Opened(Registry registry, String actingUser, Set<String> roles, TrustStore.Check trust, TrustStore.HeadCheck head,
            long changeCounter, RegistryServices services, ModelCatalog catalog, Future<OverviewViewModel.Snapshot> overview) {
    }

    private void attach(Opened opened) {
        closeRegistry();
        registry = opened.registry();
        context = new AppContext(opened.services(), opened.catalog(), tasks, dialogs, opened.actingUser(), opened.roles(), clock);
        // The first approval or request signs: read the key now, not inside the write's lock.
        Signatures.prepareInBackground(opened.actingUser());
        AppContext attached = context;
        window.attach(context, first -> {
            if (first instanceof OverviewView overview) {
                overview.useFirst(opened.overview());
                // The checks that follow the Overview's figures (its lineage check, the signed history's) start once those
                // are on the screen: on two cores they took the CPU from that frame, more so the longer the history.
                Consumer<Runnable> afterPaint = work -> FirstFrame.afterPaint(stage.getScene(), work);
                overview.afterFirstShown(afterPaint);
                overview.whenFirstLoaded(failure -> {
                    onFirstData.accept(failure);
                    afterPaint.accept(() -> window.checkHistory(attached));
                });
            } else {
                window.checkHistory(attached);
            }
        });
        stage.setTitle(RegistryNames.title(registry, opened.actingUser()));
        // Location.toString never holds a password: neither the settings nor the menu ever see one.
        settings.put(LAST_REGISTRY, registry.location().toString());
        window.menu().showRecent(locations(RecentRegistries.remember(settings, registry.location().toString())));
        saveInBackground();
        monitor = new RefreshMonitor(registry, opened.changeCounter(), monitorListener(registry));
        onOpened.accept(context);
        if (opened.trust().alarming()) {
            dialogs.showError("The registry's root key has changed", opened.trust().message());
        }
        if (opened.head().alarming()) {
            dialogs.showError("The registry's audit trail was rolled back or rewritten", opened.head().message());
        }
    }

    /**
     * What the window shows of the change monitor of {@code watched}: on a server a banner while the connection is lost,
     * on a file a note in the status bar. Reports of a registry no longer open are dropped.
     */
    private RefreshMonitor.Listener monitorListener(Registry watched) {
        return new RefreshMonitor.Listener() {
            @Override
            public void changed() {
                if (registry == watched) {
                    window.registryChanged();
                }
            }

            @Override
            public void lost(Throwable failure) {
                if (registry != watched) {
                    return;
                }
                if (watched.location() instanceof Location.Server server) {
                    context.setConnectionLost(true);
                    window.connectionLost(RegistryNames.serverName(server), DialogService.describe(failure));
                } else {
                    window.monitorFailed(DialogService.describe(failure));
                }
            }

            @Override
            public void recovered() {
                if (registry == watched) {
                    context.setConnectionLost(false);
                    window.monitorRecovered();
                }
            }
        };
    }

    /** The version is read from the jar in the background; the registry's schema version is known since it opened. */
    private void showAbout() {
        Registry shown = registry;
        String shownUser = context == null ? user : context.user();
        // Shown after the task has ended, so the status bar does not say "Reading the version" while About is open.
        tasks.run("Reading the version", AppVersion::current,
                version -> Platform.runLater(() -> dialogs.showInfo("About Model Steward", HelpDialogs.aboutText(version, shown, shownUser))),
                failure -> Platform.runLater(() -> dialogs.showInfo("About Model Steward", HelpDialogs.aboutText("unknown", shown, shownUser))));
    }

    /** File ▸ Open registry…: a file or a server, starting on the kind of registry open now. */
    private void chooseRegistry() {
        OpenRegistryDialog.ask(dialogs, registry == null ? null : registry.location()).ifPresent(location -> open(location, false));
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

    /** The lost-connection banner's text, empty when none is shown. */
    public String connectionBannerText() {
        return window.connectionBannerText();
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
            Registry closing = registry;
            registry = null;
            if (closing.location() instanceof Location.Server) {
                // Ending a server session is network I/O, which the FX thread never waits for (the server may be gone).
                Thread.ofVirtual().name("registry-closer").start(closing::close);
            } else {
                closing.close();
            }
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

    /** Remembers the window and the last registry, then releases the file or the server's connections. */
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
