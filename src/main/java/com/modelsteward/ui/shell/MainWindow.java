package com.modelsteward.ui.shell;

import com.modelsteward.trust.SignatureAudit;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.FxTaskRunner;
import com.modelsteward.ui.common.Page;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.InputEvent;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The window's frame: a menu bar, navigation on the left, the current page with result notifications floating over it,
 * a banner for read-only states, and a status bar.
 */
final class MainWindow {

    static final String CONNECTION_BANNER = "banner-connection";
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");

    /** How long the console must have been quiet before it builds a page not shown yet. */
    private static final long QUIET_NANOS = 1_000_000_000L;
    /** The page a newly opened registry shows first. */
    static final String FIRST_PAGE = "overview";

    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final VBox banners = new VBox();
    private final Map<String, ToggleButton> navButtons = new LinkedHashMap<>();
    private final Map<String, Page> pages = new HashMap<>();
    private final ToggleGroup navGroup = new ToggleGroup();
    private final Label registryLabel = new Label("No registry open");
    private final Label userLabel = new Label();
    private final Label monitorLabel = new Label();
    private final Map<String, Label> navBadges = new HashMap<>();
    private final MainMenu menu;
    private final HBox notification = new HBox(8);
    private final Label notificationText = new Label();
    private final PauseTransition notificationTimer = new PauseTransition(Duration.seconds(12));
    private final PauseTransition preparation = new PauseTransition(Duration.millis(250));
    /** When the user last gave input or background work last started or ended. */
    private long lastActivityNanos = System.nanoTime();
    private final FxTaskRunner tasks;
    private AppContext context;
    private String currentPage;
    private String preparing;

    MainWindow(FxTaskRunner tasks, MainMenu.Commands commands) {
        this.tasks = tasks;
        this.menu = new MainMenu(commands, this::show);
        VBox nav = new VBox(4);
        nav.getStyleClass().add("nav");
        nav.setPadding(new Insets(12, 8, 12, 8));
        Label brand = new Label("Model Steward");
        brand.getStyleClass().add("brand");
        nav.getChildren().add(brand);
        for (Pages.Spec spec : Pages.ALL) {
            ToggleButton button = new ToggleButton(spec.title());
            button.setId("nav-" + spec.id());
            button.setToggleGroup(navGroup);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setAlignment(Pos.CENTER_LEFT);
            button.getStyleClass().add("nav-button");
            button.setOnAction(event -> {
                if (button.isSelected() || spec.id().equals(currentPage)) {
                    show(spec.id());
                }
                button.setSelected(true);
            });
            button.setDisable(true);
            if (spec.badge() != null) {
                Label badge = new Label();
                badge.setId("nav-badge-" + spec.id());
                badge.getStyleClass().add("nav-badge");
                badge.visibleProperty().bind(badge.textProperty().isNotEmpty());
                button.setGraphic(badge);
                button.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
                button.setGraphicTextGap(8);
                navBadges.put(spec.id(), badge);
            }
            navButtons.put(spec.id(), button);
            nav.getChildren().add(button);
        }
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Button open = new Button("Open registry…");
        open.setId("open-registry");
        open.setMaxWidth(Double.MAX_VALUE);
        open.setOnAction(event -> commands.openRegistry());
        nav.getChildren().addAll(spacer, open);
        nav.addEventFilter(KeyEvent.KEY_PRESSED, this::navigateByKey);

        ProgressBar progress = new ProgressBar();
        progress.setId("status-progress");
        progress.setPrefWidth(140);
        progress.progressProperty().bind(tasks.progressProperty());
        progress.visibleProperty().bind(tasks.runningProperty().greaterThan(0));
        Label taskLabel = new Label();
        taskLabel.textProperty().bind(tasks.messageProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox status = new HBox(12, registryLabel, userLabel, monitorLabel, grow, taskLabel, progress);
        status.getStyleClass().add("status-bar");
        status.setAlignment(Pos.CENTER_LEFT);
        registryLabel.setId("status-registry");
        // Who is logged in stays whole; a long registry path is cut in the middle (the whole of it in the tooltip), and
        // a long background task's description is cut instead. A status bar wider than the window would widen the
        // whole window's content past its right edge.
        registryLabel.setMinWidth(160);
        registryLabel.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        Tooltip registryTip = new Tooltip();
        registryTip.textProperty().bind(registryLabel.textProperty());
        registryLabel.setTooltip(registryTip);
        userLabel.setId("status-user");
        userLabel.setMinWidth(Region.USE_PREF_SIZE);

        content.getStyleClass().add("content");
        notification.setId("notification");
        notification.getStyleClass().add("notification");
        notification.setAlignment(Pos.CENTER_LEFT);
        notificationText.setId("notification-text");
        notificationText.setWrapText(true);
        notificationText.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(notificationText, Priority.ALWAYS);
        Button dismiss = new Button("Dismiss");
        dismiss.setMinWidth(Region.USE_PREF_SIZE); // the message wraps instead
        dismiss.setOnAction(event -> hideNotification());
        notification.getChildren().addAll(notificationText, dismiss);
        notificationTimer.setOnFinished(event -> hideNotification());
        // The notification floats over the page's bottom-right corner: in the layout it pushed the page down by its
        // height and pulled it back when it went, so a click aimed at a row landed on another.
        notification.setMaxSize(560, Region.USE_PREF_SIZE);
        StackPane.setAlignment(notification, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(notification, new Insets(0, 16, 16, 16));
        StackPane page = new StackPane(content, notification);
        hideNotification();
        root.setLeft(nav);
        root.setTop(new VBox(menu.bar(), banners));
        root.setCenter(page);
        root.setBottom(status);
        root.addEventFilter(InputEvent.ANY, event -> lastActivityNanos = System.nanoTime());
        tasks.runningProperty().addListener((obs, old, now) -> lastActivityNanos = System.nanoTime());
        showMessage("Opening registry…");
    }

    BorderPane root() {
        return root;
    }

    /**
     * Shows the pages of a newly opened registry, starting with the Overview, which {@code beforeFirstShow} gets before it
     * is built and refreshed.
     */
    void attach(AppContext newContext, Consumer<Page> beforeFirstShow) {
        this.context = newContext;
        pages.clear();
        content.getChildren().clear();
        newContext.setNavigator(this::show);
        newContext.setNotifier(this::notify);
        newContext.setChangeListener(this::registryChanged);
        registryLabel.setText(RegistryNames.registryStatus(newContext.registry(), newContext.user(), newContext.roles()));
        userLabel.setText(RegistryNames.userStatus(newContext.registry(), newContext.user(), newContext.roles()));
        monitorLabel.setText("");
        banners.getChildren().clear();
        newContext.registry().readOnlyReason().ifPresent(reason -> banners.getChildren().add(banner("banner-read-only",
                "⚠ Read-only: " + newContext.registry().location().shortName() + " is open read-only because " + reason + ".")));
        if (newContext.roles().isEmpty()) {
            banners.getChildren().add(banner("banner-no-role", "⚠ View only: " + newContext.user()
                    + " is not in this registry's principals, so the console only shows data. Ask an ADMIN to add you."));
        }
        navButtons.values().forEach(button -> button.setDisable(false));
        menu.setPagesEnabled(true);
        Page first = pages.computeIfAbsent(FIRST_PAGE, id -> spec(id).factory().apply(newContext));
        beforeFirstShow.accept(first);
        show(FIRST_PAGE);
        updateBadges();
        prepareWhenIdle(newContext);
    }

    /**
     * Builds the pages not shown yet, hidden, one at a time whenever the console has been quiet for a second (nothing
     * running in the background, no key or mouse input), so that showing one later costs its layout and painting, not
     * making and styling its nodes (80-180 ms on the FX thread per page on a 2-core machine). Building a page reads
     * nothing: its data loads when it is first shown.
     */
    private void prepareWhenIdle(AppContext forContext) {
        preparation.stop();
        preparation.setOnFinished(event -> {
            preparing = null;
            if (context != forContext) {
                return;
            }
            if (tasks.runningProperty().get() > 0 || System.nanoTime() - lastActivityNanos < QUIET_NANOS) {
                prepareWhenIdle(forContext);
                return;
            }
            Pages.ALL.stream().filter(spec -> !pages.containsKey(spec.id())).findFirst().ifPresent(spec -> {
                preparing = spec.id();
                Node pageRoot = pages.computeIfAbsent(spec.id(), id -> spec.factory().apply(context)).root();
                pageRoot.setVisible(false);
                pageRoot.setManaged(false);
                content.getChildren().add(pageRoot);
                prepareWhenIdle(forContext);
            });
        });
        preparation.playFromStart();
    }

    /** The console is closing: no more pages are prepared. */
    MainMenu menu() {
        return menu;
    }

    void close() {
        preparation.stop();
        context = null;
    }

    void show(String pageId) {
        if (context == null) {
            return;
        }
        Page page = pages.computeIfAbsent(pageId, id -> spec(id).factory().apply(context));
        currentPage = pageId;
        preparing = null;
        context.setShownPage(pageId);
        navButtons.get(pageId).setSelected(true);
        menu.pageShown(pageId);
        Node pageRoot = page.root();
        if (!content.getChildren().contains(pageRoot)) {
            content.getChildren().add(pageRoot);
        }
        // A page once shown stays in the scene, hidden and left out of layout while another is shown: taking it out
        // made showing it again re-create the style of every node (0.1-0.2 s on the FX thread for the bigger pages).
        for (Node child : content.getChildren()) {
            boolean current = child == pageRoot;
            child.setVisible(current);
            child.setManaged(current);
        }
        focusInto(pageRoot);
        page.refresh();
    }

    /**
     * The focus moves to the shown page's first table or tree, so that arrows and Enter work on it at once after Ctrl+N
     * or the View menu. Shown from the sidebar (its focused page button), the focus stays there, to go on moving
     * between pages; a field of the page still on screen keeps it too.
     */
    private void focusInto(Node pageRoot) {
        Scene scene = pageRoot.getScene();
        Node owner = scene == null ? null : scene.getFocusOwner();
        if (owner != null && showing(owner) && (navButtons.containsValue(owner) || isInside(owner, content))) {
            return;
        }
        // A page built just now has no skins yet, and a TabPane shows its tabs' content only through its skin.
        pageRoot.applyCss();
        Node target = null;
        for (String kind : List.of(".table-view", ".tree-view")) {
            // The first one on screen: a table in a tab not selected is in the scene graph but not shown.
            target = pageRoot.lookupAll(kind).stream().filter(MainWindow::showing).findFirst().orElse(null);
            if (target != null) {
                break;
            }
        }
        if (target != null) {
            target.requestFocus();
        }
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (at == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static boolean showing(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static Pages.Spec spec(String pageId) {
        return Pages.ALL.stream().filter(s -> s.id().equals(pageId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no page " + pageId));
    }

    Page page(String pageId) {
        return pages.get(pageId);
    }

    String currentPage() {
        return currentPage;
    }

    /** For the frame watchdog: the page on screen, and the one being prepared in idle time if any. */
    String pageAtWork() {
        return preparing == null ? currentPage : currentPage + " (preparing " + preparing + ")";
    }

    /** Another process committed: reload what is on screen; other pages reload when shown. */
    void registryChanged() {
        if (context != null && currentPage != null) {
            pages.get(currentPage).refresh();
            monitorLabel.setText("");
        }
        updateBadges();
    }

    /** Recomputes the navigation badges (e.g. pending approvals) off the FX thread. */
    private void updateBadges() {
        if (context == null) {
            return;
        }
        AppContext current = context;
        for (Pages.Spec spec : Pages.ALL) {
            Label badge = navBadges.get(spec.id());
            if (badge != null) {
                tasks.run("Counting " + spec.title().toLowerCase(java.util.Locale.ROOT), () -> spec.badge().apply(current),
                        text -> badge.setText(current == context && text != null ? text : ""),
                        failure -> badge.setText(""));
            }
        }
    }

    String badgeText(String pageId) {
        Label badge = navBadges.get(pageId);
        return badge == null ? "" : badge.getText();
    }

    /**
     * In the sidebar, ↑/↓ (Home/End) move the focus between pages and Enter or Space shows the focused one. The
     * highlight stays on the page shown until then: moving through the list does not build and load every page passed.
     */
    private void navigateByKey(KeyEvent event) {
        if (!(event.getTarget() instanceof ToggleButton focused) || !navButtons.containsValue(focused)
                || event.isShortcutDown() || event.isAltDown()) {
            return;
        }
        List<ToggleButton> buttons = List.copyOf(navButtons.values());
        int at = buttons.indexOf(focused);
        int target = switch (event.getCode()) {
            case UP -> at - 1;
            case DOWN -> at + 1;
            case HOME -> 0;
            case END -> buttons.size() - 1;
            case ENTER -> {
                focused.fire();
                event.consume();
                yield at;
            }
            default -> at;
        };
        if (target != at) {
            buttons.get(Math.clamp(target, 0, buttons.size() - 1)).requestFocus();
            event.consume();
        } else if (event.getCode().isArrowKey()) {
            event.consume();
        }
    }

    /** A result message floating over the page; it stays a few seconds, or until dismissed. */
    void notify(String message) {
        notificationText.setText(message);
        notification.pseudoClassStateChanged(WARNING, message.startsWith("⚠"));
        notification.setVisible(true);
        notification.setManaged(true);
        notificationTimer.playFromStart();
    }

    String notificationText() {
        return notification.isVisible() ? notificationText.getText() : "";
    }

    private void hideNotification() {
        notification.setVisible(false);
        notification.setManaged(false);
    }

    void monitorFailed(String message) {
        monitorLabel.setText("⚠ live refresh paused: " + message);
    }

    /**
     * The server of the open registry stopped answering: a banner says so — an icon and a headline, then what the
     * window shows meanwhile and the last try's reason — until {@link #monitorRecovered()}. The pages stay as they were
     * read and usable; the monitor keeps trying.
     */
    void connectionLost(String server, String reason) {
        Label headline = new Label("Connection to " + server + " lost — reconnecting…");
        headline.setId("banner-connection-headline");
        headline.getStyleClass().add("banner-headline");
        Label detail = new Label("The views show what was read before. Last try: " + reason);
        detail.setId("banner-connection-detail");
        detail.setWrapText(true);
        detail.getStyleClass().add("banner-detail");
        Label icon = new Label("⚠");
        icon.getStyleClass().add("banner-icon");
        VBox text = new VBox(2, headline, detail);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox banner = new HBox(10, icon, text);
        banner.setId(CONNECTION_BANNER);
        banner.getStyleClass().addAll("banner", "banner-connection");
        banner.setMaxWidth(Double.MAX_VALUE);
        banners.getChildren().removeIf(node -> CONNECTION_BANNER.equals(node.getId()));
        banners.getChildren().addFirst(banner);
    }

    /** The change counter reads again: the banner or the status note goes (the views refresh as the counter moved). */
    void monitorRecovered() {
        banners.getChildren().removeIf(node -> CONNECTION_BANNER.equals(node.getId()));
        monitorLabel.setText("");
    }

    /** The connection banner's text as read aloud: icon, headline, detail; empty when none is shown. */
    String connectionBannerText() {
        return banners.getChildren().stream().filter(node -> CONNECTION_BANNER.equals(node.getId())).findFirst()
                .map(node -> node.lookupAll(".label").stream().map(label -> ((Label) label).getText())
                        .collect(java.util.stream.Collectors.joining(" ")))
                .orElse("");
    }

    void showMessage(String message) {
        // A message that counts (a first use's walk of the chain) changes the text of the label already shown.
        if (content.getChildren().size() == 1 && content.getChildren().getFirst() instanceof Label shown
                && shown.getStyleClass().contains("placeholder-message")) {
            shown.setText(message);
            return;
        }
        Label label = new Label(message);
        label.getStyleClass().add("placeholder-message");
        label.setWrapText(true);
        content.getChildren().setAll(label);
    }

    /** After a failed open: no registry, every page disabled, the reason on screen. */
    void detach(String message) {
        context = null;
        currentPage = null;
        pages.clear();
        content.getChildren().clear();
        banners.getChildren().clear();
        navButtons.values().forEach(button -> {
            button.setDisable(true);
            button.setSelected(false);
        });
        menu.setPagesEnabled(false);
        menu.pageShown(null);
        registryLabel.setText("No registry open");
        userLabel.setText("");
        monitorLabel.setText("");
        navBadges.values().forEach(badge -> badge.setText(""));
        showMessage(message);
    }

    /**
     * Replays the signed history in the background and, when any governed row disagrees with it (or an entry, head or
     * trigger was tampered with), shows a red banner naming the first problem: what `audit verify` would report.
     */
    /**
     * Checks the registry against its signed history in the background and shows a banner when they disagree. It reads
     * the whole history: the shell starts it once the Overview has its data, which is what the user waits for first.
     */
    void checkHistory(AppContext checked) {
        if (context != checked) {
            return;
        }
        checked.tasks().run("Checking the registry against its signed history", () -> SignatureAudit.verify(checked.registry()), report -> {
            if (context != checked || report.ok()) {
                return;
            }
            Node tampered = banner("banner-tampered", "✖ Tampered: " + checked.registry().location().shortName() + " disagrees with its signed "
                    + "history (" + report.problems().size() + " problem" + (report.problems().size() == 1 ? "" : "s") + "). First: "
                    + report.problems().getFirst() + ". Run `audit verify`; decisions that depend on these rows are refused.");
            tampered.getStyleClass().add("banner-danger");
            banners.getChildren().addFirst(tampered);
        }, failure -> { });
    }

    private static Node banner(String id, String text) {
        Label label = new Label(text);
        label.setId(id);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.getStyleClass().add("banner");
        return label;
    }

}
