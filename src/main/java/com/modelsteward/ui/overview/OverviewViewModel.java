package com.modelsteward.ui.overview;

import com.modelsteward.app.AttentionInbox;
import com.modelsteward.app.RegistryServices;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Principals;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.RegistryEvent;
import com.modelsteward.registry.StateCount;
import com.modelsteward.ui.common.AppContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Overview's figures and the logged-in user's inbox, loaded together in one background task. */
public final class OverviewViewModel {

    static final int RECENT_EVENTS = 50;

    /** The Overview's data as one read gives it; {@link #read} makes one off the FX thread. */
    public record Snapshot(long active, long pending, long driftAlerts, List<StateCount> byState, List<RegistryEvent> events,
                    AttentionInbox.Partial attention) {
    }

    private final AppContext context;
    private final LongProperty activeModels = new SimpleLongProperty();
    private final LongProperty pendingApprovals = new SimpleLongProperty();
    private final LongProperty driftAlerts = new SimpleLongProperty();
    /** How many reads have been shown: a read whose figures equal the last (or the zeros before any) still counts. */
    private final LongProperty readsShown = new SimpleLongProperty();
    private final ObservableList<StateCount> versionsByState = FXCollections.observableArrayList();
    private final ObservableList<RegistryEvent> recentEvents = FXCollections.observableArrayList();
    private final ObservableList<AttentionInbox.Item> attention = FXCollections.observableArrayList();
    private final BooleanProperty attentionLoaded = new SimpleBooleanProperty();
    private final Consumer<String> requestOpener;
    private Future<Snapshot> firstSnapshot;
    /** Which first load is the latest: a lineage check of an older one is dropped. */
    private long firstLoads;
    /** Told once, after the first load has been shown (empty) or has failed (why): the start-up's data frame. */
    private Consumer<Optional<Throwable>> firstLoad = ignored -> { };
    /** Starts the lineage check that follows the first load: at once unless {@link #afterFirstShown} says otherwise. */
    private Consumer<Runnable> afterFirstShown = Runnable::run;

    /**
     * {@code requestOpener} opens a request's approval dialog (or a rule change's decision dialog) by its id: the view's
     * to give, since a view model opens no dialog.
     */
    public OverviewViewModel(AppContext context, Consumer<String> requestOpener) {
        this.context = context;
        this.requestOpener = requestOpener;
    }

    /**
     * Reloads in the background. The first load shows the figures and the inbox as soon as the indexed queries have
     * answered, then adds the live versions whose lineage check fails (it verifies the audit chain, which grows with
     * the history); later loads replace everything at once, so nothing on screen blinks out and back.
     */
    public void refresh() {
        if (attentionLoaded.get()) {
            context.tasks().run("Loading overview", () -> {
                Snapshot snapshot = load(context);
                return new Loaded(snapshot, AttentionInbox.withLineage(context.services(), snapshot.attention()));
            }, loaded -> show(loaded.snapshot(), loaded.attention()), failure -> context.showFailure("Cannot load the overview", failure));
            return;
        }
        Callable<Snapshot> read = () -> load(context);
        Future<Snapshot> started = firstSnapshot;
        long generation = ++firstLoads;
        if (started != null) {
            firstSnapshot = null;
            if (started.state() == Future.State.SUCCESS) {
                // Read while the registry was opening and already there: shown now, so that the page's first layout and
                // paint have the figures in them instead of a frame of zeros that is laid out and painted for nothing.
                showFirst(started.resultNow(), generation);
                return;
            }
            // Read while the page was being built (the console's start-up): only waited for, off the FX thread.
            read = started::get;
        }
        context.tasks().run("Loading overview", read, snapshot -> showFirst(snapshot, generation), failure -> {
            firstLoaded(Optional.of(failure));
            context.showFailure("Cannot load the overview", failure);
        });
    }

    /** The first load's figures and inbox on screen, then the lineage check that completes the inbox. */
    private void showFirst(Snapshot snapshot, long generation) {
        show(snapshot, snapshot.attention().items());
        firstLoaded(Optional.empty());
        afterFirstShown.accept(() -> context.tasks().run("Checking the lineage of live versions",
                () -> AttentionInbox.withLineage(context.services(), snapshot.attention()),
                items -> {
                    if (generation == firstLoads && !attentionLoaded.get()) {
                        attention.setAll(items);
                        attentionLoaded.set(true);
                    }
                }, failure -> context.showFailure("Cannot check the lineage of the live versions", failure)));
    }

    private record Loaded(Snapshot snapshot, List<AttentionInbox.Item> attention) {
    }

    private void show(Snapshot snapshot, List<AttentionInbox.Item> items) {
        activeModels.set(snapshot.active());
        pendingApprovals.set(snapshot.pending());
        driftAlerts.set(snapshot.driftAlerts());
        versionsByState.setAll(snapshot.byState());
        recentEvents.setAll(snapshot.events());
        attention.setAll(items);
        readsShown.set(readsShown.get() + 1);
    }

    /** Runs {@code action} on the FX thread once the first load's figures are in the properties, or it failed. */
    public void whenFirstLoaded(Consumer<Optional<Throwable>> action) {
        this.firstLoad = action;
    }

    /**
     * How the first load's lineage check is started once its figures are in the properties: the console starts it after
     * they have been painted, so that the check (it verifies the audit chain) does not take the CPU from that frame.
     */
    public void afterFirstShown(Consumer<Runnable> starter) {
        this.afterFirstShown = starter;
    }

    private void firstLoaded(Optional<Throwable> failure) {
        Consumer<Optional<Throwable>> action = firstLoad;
        firstLoad = ignored -> { };
        action.accept(failure);
    }

    static Snapshot load(AppContext context) {
        return read(context.services(), context.catalog(), context.user(), context.clock());
    }

    /** Reads the Overview's data for {@code user}: the registry's queries, so never on the FX thread. */
    public static Snapshot read(RegistryServices services, ModelCatalog catalog, String user, Clock clock) {
        String liveState = services.policy().liveState();
        List<StateCount> byState = catalog.countsByState();
        long active = byState.stream().filter(c -> c.state().equals(liveState)).mapToLong(StateCount::count).sum();
        Identity who = Principals.resolve(services.registry(), user, Optional.empty());
        // The drift alerts are the live versions the inbox's severe-drift query lists: counted from it, not read twice.
        AttentionInbox.Partial attention = AttentionInbox.withoutLineage(services, catalog, who, clock);
        return new Snapshot(active, catalog.pendingRequestCount(), attention.severeDriftVersions(), byState, catalog.recentEvents(RECENT_EVENTS),
                attention);
    }

    /**
     * The data the first {@link #refresh()} shows, already being read (the console starts reading it as soon as the
     * registry is open, while the page is built); later refreshes read afresh.
     */
    public void useFirst(Future<Snapshot> snapshot) {
        this.firstSnapshot = snapshot;
    }

    /**
     * Opens the page of an inbox item with its subject selected: the request's approval dialog (over the Approvals page),
     * Drift or Lineage on the version, Models on a shadow ready for its promotion request.
     */
    public void open(AttentionInbox.Item item) {
        switch (item.kind()) {
            case DECIDE -> {
                context.navigate("approvals");
                requestOpener.accept(item.subject());
            }
            case SEVERE_DRIFT -> show("drift", item.subject());
            case LINEAGE_FAILED -> show("lineage", item.subject());
            case SHADOW_ELAPSED -> show("models", item.subject());
        }
    }

    private void show(String pageId, String modelId) {
        context.selectedModelIdProperty().set(modelId);
        context.navigate(pageId);
    }

    /** What needs the logged-in user now, in the order {@link AttentionInbox} gives. */
    public ObservableList<AttentionInbox.Item> attention() {
        return attention;
    }

    /** False until the first load, lineage checks included: an empty inbox says "nothing needs you" only once it has been read. */
    public BooleanProperty attentionLoadedProperty() {
        return attentionLoaded;
    }

    /** Incremented once a read's figures are all in the properties: what the tiles follow. */
    public javafx.beans.value.ObservableLongValue readsShownProperty() {
        return readsShown;
    }

    public LongProperty activeModelsProperty() {
        return activeModels;
    }

    public LongProperty pendingApprovalsProperty() {
        return pendingApprovals;
    }

    public LongProperty driftAlertsProperty() {
        return driftAlerts;
    }

    public ObservableList<StateCount> versionsByState() {
        return versionsByState;
    }

    public ObservableList<RegistryEvent> recentEvents() {
        return recentEvents;
    }
}
