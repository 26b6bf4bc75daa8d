package com.modelsteward.ui.approvals;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.ui.common.AppContext;
import java.util.ArrayList;
import java.util.List;
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
 * Requesting a transition: what it needs, whether this user may ask (the desk's blockers, read-only), the required
 * justification and the engine call, run off the FX thread. Toolkit-free: the request dialog binds to it.
 */
public final class RequestViewModel {

    private final GovernanceCommands commands;
    private final ReviewDesk.RequestPreview preview;
    private final StringProperty justification = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    /** The request was sent: whatever the engine answered, this dialog does not send another. */
    private final ReadOnlyBooleanWrapper submitted = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper closed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper("");
    private final List<String> blockers;
    private final BooleanBinding empty;
    private final BooleanBinding submitDisabled;
    private final StringBinding reason;

    public RequestViewModel(GovernanceCommands commands, ReviewDesk.RequestPreview preview) {
        this.commands = commands;
        this.preview = preview;
        this.blockers = new ArrayList<>(preview.blockers());
        blockers.addAll(commands.readOnlyBlockers());
        empty = Bindings.createBooleanBinding(() -> justification.get() == null || justification.get().isBlank(), justification);
        submitDisabled = Bindings.createBooleanBinding(() -> submitted.get() || empty.get() || !blockers.isEmpty(), submitted, empty);
        reason = Bindings.createStringBinding(this::reasonText, empty);
    }

    /** The console the dialog belongs to: its dialog service, clock and navigation. */
    AppContext context() {
        return commands.context();
    }

    public ReviewDesk.RequestPreview preview() {
        return preview;
    }

    /** "Request promotion to ACTIVE" or "Request retirement". */
    public String verb() {
        return preview.retirement() ? "Request retirement" : "Request promotion to " + preview.toState();
    }

    /** The submit button's words: a transition without approval moves the version at once, and says so. */
    public String submitText() {
        return preview.executesAtOnce() ? "_Move to " + preview.toState() : "_Submit request";
    }

    /** What approval the transition needs, or that it needs none. */
    public String approvalRule() {
        return preview.executesAtOnce()
                ? "The policy asks for no approval: submitting moves the version at once."
                : "Needs " + preview.requiredApprovals() + " approval" + (preview.requiredApprovals() == 1 ? "" : "s") + " by a "
                + preview.requiredRole() + " other than you and the version's creator; submitting does not change the state.";
    }

    public StringProperty justificationProperty() {
        return justification;
    }

    public BooleanBinding submitDisabledProperty() {
        return submitDisabled;
    }

    /** Why the request cannot be made, or what a risk officer will find missing; empty when there is nothing to say. */
    public StringBinding reasonProperty() {
        return reason;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty submittedProperty() {
        return submitted.getReadOnlyProperty();
    }

    /** True once the request was made: the dialog closes. */
    public ReadOnlyBooleanProperty closedProperty() {
        return closed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    /** Makes the request off the FX thread; the result is a notification, a refusal a sentence here. */
    public void submit() {
        if (submitDisabled.get() || busy.get()) {
            return;
        }
        String text = justification.get().strip();
        String modelId = preview.model().modelId();
        submitted.set(true);
        busy.set(true);
        commands.context().tasks().run("Requesting " + modelId + " → " + preview.toState(),
                () -> commands.service().request(commands.identity(), modelId, preview.toState(), text), result -> {
                    busy.set(false);
                    closed.set(true);
                    commands.done(outcome(result));
                }, failure -> {
                    busy.set(false);
                    refusal.set(GovernanceCommands.refusalSentence(failure) + "\nNo request was created.");
                });
    }

    private String reasonText() {
        List<String> notes = new ArrayList<>();
        if (!blockers.isEmpty()) {
            notes.add(GovernanceCommands.bullets("You cannot submit this request", blockers));
        } else if (empty.get()) {
            notes.add("Write a justification to submit.");
        }
        if (blockers.isEmpty() && preview.report() != null && !preview.report().passed()) {
            notes.add(GovernanceCommands.bullets("The request can be made, but a risk officer cannot approve it until these pass",
                    preview.report().failures()));
        }
        return String.join("\n", notes);
    }

    private static String outcome(GovernanceEngine.RequestResult result) {
        if (result.status().equals("EXECUTED")) {
            return result.modelId() + " moved from " + result.fromState() + " to " + result.toState() + " (" + result.requestId() + ").";
        }
        return result.requestId() + " created: " + result.modelId() + " " + result.fromState() + " → " + result.toState()
                + ", waiting for " + result.requiredApprovals() + " " + result.requiredRole() + " approval"
                + (result.requiredApprovals() == 1 ? "" : "s") + ".";
    }
}
