package com.modelsteward.ui.approvals;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.ui.common.AppContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Rolling a model name back to its last-known-good version: the side-by-side metrics, who may roll back, the required
 * reason, the confirmation that says what becomes live and what is retired, and the engine's rollback run off the FX
 * thread. Like Approve and Reject it never runs on one click. Toolkit-free: the rollback dialog binds to it.
 */
public final class RollbackViewModel {

    /** One metric of the side-by-side comparison. */
    public record MetricRow(String pack, String metric, Double current, Double target) {

        public Double difference() {
            return current == null || target == null ? null : target - current;
        }
    }

    private final GovernanceCommands commands;
    private final ReviewDesk.RollbackPreview preview;
    private final StringProperty reason = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper confirming = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    /** The rollback was sent: whatever the engine answered, this dialog does not send another. */
    private final ReadOnlyBooleanWrapper sent = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper closed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper("");
    private final List<String> blockers;
    private final BooleanBinding empty;
    private final BooleanBinding rollBackDisabled;
    private final BooleanBinding confirmDisabled;
    private final StringBinding blockerText;

    public RollbackViewModel(GovernanceCommands commands, ReviewDesk.RollbackPreview preview) {
        this.commands = commands;
        this.preview = preview;
        this.blockers = new ArrayList<>(preview.blockers());
        blockers.addAll(commands.readOnlyBlockers());
        empty = Bindings.createBooleanBinding(() -> reason.get() == null || reason.get().isBlank(), reason);
        rollBackDisabled = Bindings.createBooleanBinding(() -> sent.get() || empty.get() || !blockers.isEmpty(), sent, empty);
        confirmDisabled = sent.getReadOnlyProperty().or(busy.getReadOnlyProperty());
        blockerText = Bindings.createStringBinding(() -> !blockers.isEmpty() ? GovernanceCommands.bullets("You cannot roll back", blockers)
                : empty.get() ? "Write the reason to roll back." : "", empty);
    }

    /** The console the dialog belongs to: its dialog service, clock and navigation. */
    AppContext context() {
        return commands.context();
    }

    public ReviewDesk.RollbackPreview preview() {
        return preview;
    }

    /** Every metric of either version's scorecards, by pack and metric name, with both values. */
    public List<MetricRow> rows() {
        List<MetricRow> rows = new ArrayList<>();
        TreeSet<String> packs = new TreeSet<>(preview.currentScores().keySet());
        packs.addAll(preview.targetScores().keySet());
        for (String pack : packs) {
            Map<String, Double> now = preview.currentScores().getOrDefault(pack, Map.of());
            Map<String, Double> after = preview.targetScores().getOrDefault(pack, Map.of());
            TreeSet<String> metrics = new TreeSet<>(now.keySet());
            metrics.addAll(after.keySet());
            for (String metric : metrics) {
                rows.add(new MetricRow(pack, metric, now.get(metric), after.get(metric)));
            }
        }
        return rows;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public BooleanBinding rollBackDisabledProperty() {
        return rollBackDisabled;
    }

    public BooleanBinding confirmDisabledProperty() {
        return confirmDisabled;
    }

    /** Why the rollback is unavailable; empty when it is available. */
    public StringBinding blockerTextProperty() {
        return blockerText;
    }

    /** True while the confirmation is asked: the reason is fixed, so that what is confirmed is what is sent. */
    public ReadOnlyBooleanProperty confirmingProperty() {
        return confirming.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True once the rollback went through: the dialog closes. */
    public ReadOnlyBooleanProperty closedProperty() {
        return closed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    /** What will happen, in the words of the switch the dialog shows, before anything runs. */
    public String confirmText() {
        String target = preview.target().map(ModelVersion::modelId).orElse("the last-known-good version");
        return "Roll back " + preview.modelName() + "? " + target + " becomes " + preview.liveState()
                + preview.current().map(v -> " and " + v.modelId() + " is " + preview.retiredState()).orElse("")
                + ", now. The reason is kept in the audit trail.";
    }

    /** "Roll back…": asks for the confirmation; nothing runs yet. */
    public void askToConfirm() {
        if (!rollBackDisabled.get()) {
            confirming.set(true);
        }
    }

    public void back() {
        if (!busy.get()) {
            confirming.set(false);
        }
    }

    /** Runs the confirmed rollback off the FX thread; success is a notification, a refusal a sentence here. */
    public void confirm() {
        if (!confirming.get() || confirmDisabled.get() || rollBackDisabled.get()) {
            return;
        }
        String text = reason.get().strip();
        sent.set(true);
        busy.set(true);
        commands.context().tasks().run("Rolling back " + preview.modelName(),
                () -> commands.service().rollback(commands.identity(), preview.modelName(), text), result -> {
                    busy.set(false);
                    closed.set(true);
                    commands.done(outcome(result));
                }, failure -> {
                    busy.set(false);
                    refusal.set(GovernanceCommands.refusalSentence(failure) + "\nNothing was changed.");
                });
    }

    private String outcome(GovernanceEngine.RollbackResult result) {
        return result.modelName() + " rolled back (" + result.requestId() + "): " + result.toModelId() + " is " + preview.liveState() + " again"
                + (result.fromModelId() == null ? "." : "; " + result.fromModelId() + " was retired.");
    }
}
