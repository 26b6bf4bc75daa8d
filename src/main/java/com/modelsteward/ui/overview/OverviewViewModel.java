package com.modelsteward.ui.overview;

import com.modelsteward.app.AttentionInbox;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Principals;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.RegistryEvent;
import com.modelsteward.registry.StateCount;
import com.modelsteward.ui.common.AppContext;
import java.util.List;
import java.util.Optional;
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

    record Snapshot(long active, long pending, long driftAlerts, List<StateCount> byState, List<RegistryEvent> events,
                    List<AttentionInbox.Item> attention) {
    }

    private final AppContext context;
    private final LongProperty activeModels = new SimpleLongProperty();
    private final LongProperty pendingApprovals = new SimpleLongProperty();
    private final LongProperty driftAlerts = new SimpleLongProperty();
    private final ObservableList<StateCount> versionsByState = FXCollections.observableArrayList();
    private final ObservableList<RegistryEvent> recentEvents = FXCollections.observableArrayList();
    private final ObservableList<AttentionInbox.Item> attention = FXCollections.observableArrayList();
    private final BooleanProperty attentionLoaded = new SimpleBooleanProperty();
    private final Consumer<String> requestOpener;

    /**
     * {@code requestOpener} opens a request's approval dialog (or a rule change's decision dialog) by its id: the view's
     * to give, since a view model opens no dialog.
     */
    public OverviewViewModel(AppContext context, Consumer<String> requestOpener) {
        this.context = context;
        this.requestOpener = requestOpener;
    }

    public void refresh() {
        context.tasks().run("Loading overview", () -> load(context), snapshot -> {
            activeModels.set(snapshot.active());
            pendingApprovals.set(snapshot.pending());
            driftAlerts.set(snapshot.driftAlerts());
            versionsByState.setAll(snapshot.byState());
            recentEvents.setAll(snapshot.events());
            attention.setAll(snapshot.attention());
            attentionLoaded.set(true);
        }, failure -> context.showFailure("Cannot load the overview", failure));
    }

    static Snapshot load(AppContext context) {
        ModelCatalog catalog = context.catalog();
        String liveState = context.services().policy().liveState();
        List<StateCount> byState = catalog.countsByState();
        long active = byState.stream().filter(c -> c.state().equals(liveState)).mapToLong(StateCount::count).sum();
        Identity who = Principals.resolve(context.registry(), context.user(), Optional.empty());
        return new Snapshot(active, catalog.pendingRequestCount(), catalog.driftAlertCount(liveState), byState, catalog.recentEvents(RECENT_EVENTS),
                AttentionInbox.of(context.services(), catalog, who, context.clock()));
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

    /** False until the first load: an empty inbox says "nothing needs you" only once it has been read. */
    public BooleanProperty attentionLoadedProperty() {
        return attentionLoaded;
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
