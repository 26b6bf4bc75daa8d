package com.modelsteward.ui.common;

import com.modelsteward.app.RegistryServices;
import com.modelsteward.config.Environment;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What every page shares: the open registry's services, the task runner, the dialog service, who is using the console,
 * and the selected model version (selecting a version in one view selects it everywhere).
 */
public final class AppContext {

    private final Registry registry;
    private final ModelCatalog catalog;
    private final RegistryServices services;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final String user;
    private final Set<String> roles;
    private final Clock clock;
    private final ObjectProperty<String> selectedModelId = new SimpleObjectProperty<>();
    private Consumer<String> navigator = pageId -> { };
    /** The page on screen; null while nothing tracks pages (a view shown on its own, as some tests do). */
    private String shownPage;
    private Consumer<String> notifier = message -> { };
    private Runnable changeListener = () -> { };
    private boolean connectionLost;

    public AppContext(Registry registry, TaskRunner tasks, DialogService dialogs, String user, Set<String> roles, Clock clock) {
        this(registry, tasks, dialogs, user, roles, clock, Environment.process());
    }

    public AppContext(Registry registry, TaskRunner tasks, DialogService dialogs, String user, Set<String> roles, Clock clock,
            Environment environment) {
        this(new RegistryServices(registry, environment, clock), new ModelCatalog(registry), tasks, dialogs, user, roles, clock);
    }

    /** With the services and catalog made while the registry was opened (off the FX thread, already in use there). */
    public AppContext(RegistryServices services, ModelCatalog catalog, TaskRunner tasks, DialogService dialogs, String user, Set<String> roles,
            Clock clock) {
        this.registry = services.registry();
        this.services = services;
        this.catalog = catalog;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.user = user;
        // Sorted: Set.copyOf iterates in an order that changes with every start, and the status bar lists these.
        this.roles = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(roles));
        this.clock = clock;
    }

    public Registry registry() {
        return registry;
    }

    /** The open registry's policy in force, governance engine, lineage and drift policy, built once (call off the FX thread). */
    public RegistryServices services() {
        return services;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    public TaskRunner tasks() {
        return tasks;
    }

    public DialogService dialogs() {
        return dialogs;
    }

    public String user() {
        return user;
    }

    public Set<String> roles() {
        return roles;
    }

    public Clock clock() {
        return clock;
    }

    /** A user not in {@code principals}, or a registry opened read-only, may only look. */
    public boolean mayOnlyLook() {
        return roles.isEmpty() || registry.isReadOnly();
    }

    public ObjectProperty<String> selectedModelIdProperty() {
        return selectedModelId;
    }

    /** Shows another page by its id ("drift", "lineage", …). */
    public void navigate(String pageId) {
        navigator.accept(pageId);
    }

    public void setNavigator(Consumer<String> navigator) {
        this.navigator = navigator;
    }

    /** Set by the window when it shows a page. */
    public void setShownPage(String pageId) {
        this.shownPage = pageId;
    }

    /**
     * Whether a page is on screen. A page follows the console's selection only while shown and catches up in its
     * refresh when shown again: hidden pages reloading scorecards and redrawing charts for every selection elsewhere
     * cost each selection in Lineage about half a second on a 2-core machine. True when nothing tracks pages.
     */
    public boolean isShown(String pageId) {
        return shownPage == null || shownPage.equals(pageId);
    }

    /** Shows a short message in the window (the result of an action), without a modal dialog. */
    public void notify(String message) {
        notifier.accept(message);
    }

    public void setNotifier(Consumer<String> notifier) {
        this.notifier = notifier;
    }

    /**
     * This console wrote to the registry: views reload. (The refresh monitor sees only other processes' commits, because
     * SQLite's data_version does not change for the connection's own writes.)
     */
    public void changed() {
        changeListener.run();
    }

    public void setChangeListener(Runnable changeListener) {
        this.changeListener = changeListener;
    }

    /**
     * Reports a background failure to the user as a plain sentence. While the connection to the server is lost (a banner
     * says so) a view that cannot load says it in a notification instead of a dialog: one dialog per click would stand
     * between the user and the window until the server is back.
     */
    public void showFailure(String what, Throwable failure) {
        if (connectionLost) {
            notify("⚠ " + what + ": the server does not answer. The view refreshes once the connection is back.");
            return;
        }
        dialogs.showError(what, DialogService.describe(failure));
    }

    /** Set by the window while the registry's server does not answer, and cleared when it does again. */
    public void setConnectionLost(boolean lost) {
        this.connectionLost = lost;
    }
}
