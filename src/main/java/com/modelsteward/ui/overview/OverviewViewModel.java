package com.modelsteward.ui.overview;

import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.RegistryEvent;
import com.modelsteward.registry.StateCount;
import com.modelsteward.ui.common.AppContext;
import java.util.List;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Overview's figures, loaded together in one background task. */
public final class OverviewViewModel {

    static final int RECENT_EVENTS = 50;

    record Snapshot(long active, long pending, long driftAlerts, List<StateCount> byState, List<RegistryEvent> events) {
    }

    private final AppContext context;
    private final LongProperty activeModels = new SimpleLongProperty();
    private final LongProperty pendingApprovals = new SimpleLongProperty();
    private final LongProperty driftAlerts = new SimpleLongProperty();
    private final ObservableList<StateCount> versionsByState = FXCollections.observableArrayList();
    private final ObservableList<RegistryEvent> recentEvents = FXCollections.observableArrayList();

    public OverviewViewModel(AppContext context) {
        this.context = context;
    }

    public void refresh() {
        context.tasks().run("Loading overview", () -> load(context.catalog(), context.services().policy().liveState()), snapshot -> {
            activeModels.set(snapshot.active());
            pendingApprovals.set(snapshot.pending());
            driftAlerts.set(snapshot.driftAlerts());
            versionsByState.setAll(snapshot.byState());
            recentEvents.setAll(snapshot.events());
        }, failure -> context.showFailure("Cannot load the overview", failure));
    }

    static Snapshot load(ModelCatalog catalog, String liveState) {
        List<StateCount> byState = catalog.countsByState();
        long active = byState.stream().filter(c -> c.state().equals(liveState)).mapToLong(StateCount::count).sum();
        return new Snapshot(active, catalog.pendingRequestCount(), catalog.driftAlertCount(liveState), byState, catalog.recentEvents(RECENT_EVENTS));
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
