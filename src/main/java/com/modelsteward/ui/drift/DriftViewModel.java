package com.modelsteward.ui.drift;

import com.modelsteward.drift.DriftMonitor;
import com.modelsteward.drift.DriftPolicy;
import com.modelsteward.drift.Severity;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.TaskRunner;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Drift view's state: which versions can be inspected (ACTIVE and SHADOW first), the computed report of the chosen
 * one, the selected feature, progress of a computation and the breach alert. Computation runs in the background; a
 * computation by a user who may write stores its results and raises breaches (DriftMonitor).
 */
public final class DriftViewModel {

    /** Up to this many versions the picker lists them all. */
    static final int PICKER_ALL_UP_TO = 2_000;
    private static final Map<String, Integer> STATE_ORDER = Map.of("ACTIVE", 0, "PRODUCTION", 0, "SHADOW", 1, "STAGING", 1);

    /**
     * A version in the picker, and whether it has drift samples at all. Its state is written out, and a retired version
     * says that it is there for review: the picker's text, not a colour, tells them apart.
     */
    public record Choice(ModelSummary model, boolean hasSamples, boolean retired) {
        @Override
        public String toString() {
            return model.modelName() + " " + model.version() + "  [" + model.state() + (retired ? ", for review" : "") + "]"
                    + (hasSamples ? "" : "  — no samples");
        }
    }

    private final AppContext context;
    private final DriftMonitor monitor;
    private final RollbackRequester rollback;
    private final ObservableList<Choice> choices = FXCollections.observableArrayList();
    private final ObjectProperty<Choice> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<DriftMonitor.ModelReport> report = new SimpleObjectProperty<>();
    private final ObservableList<DriftMonitor.FeatureReport> features = FXCollections.observableArrayList();
    private final ObjectProperty<DriftMonitor.FeatureReport> selectedFeature = new SimpleObjectProperty<>();
    private final BooleanProperty computing = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty status = new SimpleStringProperty("");
    private final ObservableList<DriftMonitor.Breach> breaches = FXCollections.observableArrayList();
    private final BooleanProperty rollbackOffered = new SimpleBooleanProperty();
    private TaskRunner.Running running;
    private String computedFor;

    /** With the registry's drift monitor (the composition root's, {@code context.services().driftMonitor()}). */
    public DriftViewModel(AppContext context, RollbackRequester rollback) {
        this(context, context.services().driftMonitor(), rollback);
    }

    public DriftViewModel(AppContext context, DriftPolicy policy, RollbackRequester rollback) {
        this(context, new DriftMonitor(context.registry(), context.clock(), policy), rollback);
    }

    private DriftViewModel(AppContext context, DriftMonitor monitor, RollbackRequester rollback) {
        this.context = context;
        this.monitor = monitor;
        this.rollback = rollback;
        selected.addListener((obs, old, now) -> {
            if (now != null) {
                context.selectedModelIdProperty().set(now.model().modelId());
                if (!Objects.equals(now.model().modelId(), computedFor)) {
                    // Nothing of the previous version may stay on screen under the new one's name while it computes.
                    clear();
                    compute();
                }
            }
        });
    }

    public DriftPolicy policy() {
        return monitor.policy();
    }

    /** Reloads the picker; computes only when the chosen version changed (storing results must not loop into a refresh). */
    public void refresh() {
        String wish = context.selectedModelIdProperty().get();
        context.tasks().run("Loading drift models", () -> {
            String retiredState = context.services().policy().retiredState();
            Set<String> withSamples = new HashSet<>(monitor.modelsWithSamples());
            List<ModelSummary> versions = context.catalog().versions();
            // A picker of 100 000 versions cost the FX thread seconds and helps nobody: on a large registry it offers
            // the versions with samples, the live ones and the one the user came for.
            boolean large = versions.size() > PICKER_ALL_UP_TO;
            return versions.stream()
                    .filter(v -> !large || withSamples.contains(v.modelId()) || STATE_ORDER.containsKey(v.state()) || v.modelId().equals(wish))
                    .map(v -> new Choice(v, withSamples.contains(v.modelId()), v.state().equals(retiredState)))
                    .sorted(Comparator.comparing((Choice c) -> STATE_ORDER.getOrDefault(c.model().state(), 2))
                            .thenComparing(c -> !c.hasSamples())
                            .thenComparing(c -> c.model().modelName())
                            .thenComparing(c -> c.model().createdAt(), Comparator.reverseOrder()))
                    .toList();
        }, loaded -> {
            String wanted = context.selectedModelIdProperty().get();
            if (wanted == null && selected.get() != null) {
                wanted = selected.get().model().modelId();
            }
            Choice before = selected.get();
            choices.setAll(loaded);
            String target = wanted;
            // The version the user came for (a link from the approval dialog, a selection elsewhere) stays chosen even
            // without samples, and says so; only with no such wish does the picker start at the first version with samples.
            Choice choice = loaded.stream().filter(c -> c.model().modelId().equals(target)).findFirst()
                    .orElse(loaded.stream().filter(Choice::hasSamples).findFirst().orElse(null));
            if (choice == null) {
                return;
            }
            // The same version in its new state (a rollback retired it) replaces the old entry, so that the picker is never
            // left blank; a version that no longer trades takes its breach banner and its rollback offer with it.
            boolean sameVersion = before != null && before.model().modelId().equals(choice.model().modelId());
            if (!choice.equals(selected.get())) {
                selected.set(choice);
            }
            if (sameVersion && !before.model().state().equals(choice.model().state()) && !isLive(choice)) {
                dismissAlert();
                status.set(choice.model().modelId() + " is now " + choice.model().state() + "; its drift stays here for review.");
            }
        }, failure -> context.showFailure("Cannot load the models for drift", failure));
    }

    /** Computes (and, when the user may write, stores) the drift of the selected version. */
    public void compute() {
        Choice choice = selected.get();
        if (choice == null || computing.get()) {
            return;
        }
        if (!choice.hasSamples()) {
            computedFor = choice.model().modelId();
            clear();
            status.set(noSamples(choice));
            return;
        }
        // A retired version is computed for review only: stored results would open incidents and alert on a version that
        // no longer trades.
        boolean store = !context.mayOnlyLook() && !choice.retired();
        String modelId = choice.model().modelId();
        computing.set(true);
        progress.set(-1);
        status.set("Computing drift of " + modelId + " …");
        computedFor = modelId;
        running = context.tasks().runWithProgress("Computing drift of " + modelId, sink -> {
            DriftMonitor.ModelReport computed = monitor.compute(modelId, new DriftMonitor.Progress() {
                @Override
                public void update(long done, long total) {
                    sink.update(done, total);
                    Platform.runLater(() -> progress.set((double) done / total));
                }

                @Override
                public boolean isCancelled() {
                    return sink.isCancelled() || Thread.currentThread().isInterrupted();
                }
            });
            List<DriftMonitor.Breach> raised = store ? monitor.store(computed, context.user()) : List.of();
            return new Computed(computed, raised, store);
        }, this::show, failure -> {
            computing.set(false);
            if (failure instanceof CancellationException) {
                status.set("Cancelled.");
            } else {
                status.set("");
                context.showFailure("Cannot compute drift of " + modelId, failure);
            }
        });
    }

    public void cancel() {
        if (running != null && computing.get()) {
            running.cancel();
            computing.set(false);
            computedFor = null;
            status.set("Cancelled.");
        }
    }

    public void dismissAlert() {
        breaches.clear();
        rollbackOffered.set(false);
    }

    /** Hands the breach to the rollback confirmation; nothing changes until a person confirms there. */
    public void requestRollback() {
        Choice choice = selected.get();
        if (choice == null || breaches.isEmpty()) {
            return;
        }
        String features = breaches.stream().map(b -> b.row().feature()).distinct().collect(Collectors.joining(", "));
        rollback.requestRollback(choice.model().modelName(), choice.model().modelId(),
                "Drift breach (" + DriftMonitor.BREACH_CODE + ") on " + features + " under drift policy " + policy().name());
    }

    private record Computed(DriftMonitor.ModelReport report, List<DriftMonitor.Breach> breaches, boolean stored) {
    }

    private void show(Computed computed) {
        computing.set(false);
        progress.set(1);
        DriftMonitor.ModelReport result = computed.report();
        if (selected.get() != null && !selected.get().model().modelId().equals(result.modelId())) {
            compute(); // the user picked another version while this one was computing
            return;
        }
        features.setAll(result.features());
        report.set(result);
        selectedFeature.set(features.isEmpty() ? null : features.getFirst());
        breaches.setAll(computed.breaches());
        Choice choice = selected.get();
        rollbackOffered.set(!computed.breaches().isEmpty() && policy().offerRollback() && choice != null && isLive(choice));
        long severe = result.rows().stream().filter(r -> r.severity() == Severity.SEVERE).count();
        status.set("Current window " + shortTime(result.windowStart()) + " … " + shortTime(result.windowEnd()) + " · "
                + result.rows().size() + " results, " + severe + " SEVERE · policy " + policy().name()
                + (computed.stored() ? " · stored" : " · not stored (" + notStoredBecause(choice) + ")"));
    }

    private String notStoredBecause(Choice choice) {
        if (choice != null && choice.retired()) {
            return "a retired version, shown for review";
        }
        return context.registry().isReadOnly() ? "read-only registry" : "view only";
    }

    /** The sentence shown instead of figures for a version the pipeline has sent nothing for. */
    static String noSamples(Choice choice) {
        return "No drift samples for " + choice.model().modelName() + " " + choice.model().version()
                + " yet — the pipeline writes them to drift_samples. Until then there is nothing to measure, and nothing here reads as healthy.";
    }

    private static boolean isLive(Choice choice) {
        return "ACTIVE".equals(choice.model().state()) || "PRODUCTION".equals(choice.model().state());
    }

    private void clear() {
        report.set(null);
        features.clear();
        selectedFeature.set(null);
        breaches.clear();
        rollbackOffered.set(false);
    }

    private static String shortTime(String timestamp) {
        return timestamp == null ? "-" : timestamp.substring(0, Math.min(16, timestamp.length())).replace('T', ' ');
    }

    /** The worst whole-window PSI of the report's features; empty when nothing was measured (never 0 for "no data"). */
    public OptionalDouble worstPsi() {
        DriftMonitor.ModelReport r = report.get();
        if (r == null) {
            return OptionalDouble.empty();
        }
        return r.features().stream().map(f -> f.drift().psi()).filter(Objects::nonNull).mapToDouble(Double::doubleValue).max();
    }

    /** Percentage of results at MODERATE or SEVERE; empty when there are no results. */
    public OptionalDouble driftedShare() {
        DriftMonitor.ModelReport r = report.get();
        if (r == null || r.rows().isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(100.0 * r.rows().stream().filter(row -> row.severity() == Severity.MODERATE || row.severity() == Severity.SEVERE)
                .count() / r.rows().size());
    }

    public ObservableList<Choice> choices() {
        return choices;
    }

    public ObjectProperty<Choice> selectedProperty() {
        return selected;
    }

    public ObjectProperty<DriftMonitor.ModelReport> reportProperty() {
        return report;
    }

    public ObservableList<DriftMonitor.FeatureReport> features() {
        return features;
    }

    public ObjectProperty<DriftMonitor.FeatureReport> selectedFeatureProperty() {
        return selectedFeature;
    }

    public BooleanProperty computingProperty() {
        return computing;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ObservableList<DriftMonitor.Breach> breaches() {
        return breaches;
    }

    public BooleanProperty rollbackOfferedProperty() {
        return rollbackOffered;
    }
}
