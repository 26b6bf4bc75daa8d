package com.modelsteward.ui.approvals;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.ui.common.AppContext;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The decision on one request: who may approve or reject it and why not (the engine's verdict, read-only), the evidence
 * at a glance, the two-step decision (Approve or Reject, then Confirm) and the engine call, run off the FX thread. A
 * decided request has no decision. Toolkit-free: the approval dialog binds to it, tests drive it directly.
 */
public final class ApprovalViewModel {

    /** The decision waiting for its confirmation. */
    public enum Decision { APPROVE, REJECT }

    /** One piece of evidence at a glance: passed ({@code true}), failed ({@code false}) or unknown ({@code null}). */
    public record Chip(Boolean ok, String text) {
    }

    private final GovernanceCommands commands;
    private final ReviewDesk.Evidence evidence;
    private final StringProperty comment = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Decision> pending = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    /** A decision was sent to the engine: whatever it answered, this dialog does not send another. */
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper closed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper("");
    private final List<String> approveBlockers;
    private final List<String> rejectBlockers;
    private final BooleanBinding noComment;
    private final BooleanBinding approveDisabled;
    private final BooleanBinding rejectDisabled;
    private final BooleanBinding commentEditable;
    private final StringBinding reason;
    private final StringBinding confirmText;

    public ApprovalViewModel(GovernanceCommands commands, ReviewDesk.Evidence evidence) {
        this.commands = commands;
        this.evidence = evidence;
        this.approveBlockers = new ArrayList<>(evidence.verdict().approveBlockers());
        this.rejectBlockers = new ArrayList<>(evidence.verdict().rejectBlockers());
        approveBlockers.addAll(commands.readOnlyBlockers());
        rejectBlockers.addAll(commands.readOnlyBlockers());
        noComment = Bindings.createBooleanBinding(() -> comment.get() == null || comment.get().isBlank(), comment);
        approveDisabled = Bindings.createBooleanBinding(() -> finished.get() || noComment.get() || !approveBlockers.isEmpty(), finished, noComment);
        rejectDisabled = Bindings.createBooleanBinding(() -> finished.get() || noComment.get() || !rejectBlockers.isEmpty(), finished, noComment);
        commentEditable = pending.isNull().and(busy.not()).and(finished.not());
        reason = Bindings.createStringBinding(this::reasonText, noComment);
        confirmText = Bindings.createStringBinding(this::confirmSentence, pending);
    }

    /** The console the dialog belongs to: its dialog service, clock and navigation. */
    AppContext context() {
        return commands.context();
    }

    public ReviewDesk.Evidence evidence() {
        return evidence;
    }

    /** A decided request is shown as the record of its decision, with no way to decide it again. */
    public boolean decided() {
        return evidence.decided().isPresent();
    }

    /** The comment every decision needs: what was checked and why. */
    public StringProperty commentProperty() {
        return comment;
    }

    /** The comment is fixed while a decision waits for its confirmation, so that what is confirmed is what is sent. */
    public BooleanBinding commentEditableProperty() {
        return commentEditable;
    }

    public BooleanBinding approveDisabledProperty() {
        return approveDisabled;
    }

    public BooleanBinding rejectDisabledProperty() {
        return rejectDisabled;
    }

    /** Why Approve or Reject is unavailable, as bullets; empty when both are available. */
    public StringBinding reasonProperty() {
        return reason;
    }

    /** Approve or Reject waiting for its confirmation; null while the user has not chosen. */
    public ReadOnlyObjectProperty<Decision> pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    /** The question of the confirmation: what the decision will do, now. */
    public StringBinding confirmTextProperty() {
        return confirmText;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    /** True once the decision went through: the dialog closes. */
    public ReadOnlyBooleanProperty closedProperty() {
        return closed.getReadOnlyProperty();
    }

    /** The engine's refusal as a sentence, and that nothing changed; empty until a decision is refused. */
    public ReadOnlyStringProperty refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    /** The evidence at a glance, one chip per section of the dialog: what a risk officer checks first. */
    public List<Chip> glance() {
        long failed = evidence.currentReport() == null ? 0 : evidence.currentReport().checks().stream().filter(c -> !c.passed()).count();
        int checks = evidence.currentReport() == null ? 0 : evidence.currentReport().checks().size();
        long missing = evidence.artifacts().stream().filter(a -> !a.present()).count();
        ReviewDesk.TimeInState time = evidence.timeInState();
        return List.of(
                new Chip(failed == 0, failed == 0 ? "Gates: " + checks + " of " + checks + " pass" : "Gates: " + failed + " of " + checks + " fail"),
                new Chip(missing == 0, missing == 0 ? "Artifacts complete" : "Artifacts: " + missing + " missing"),
                new Chip(time.satisfied(), time.required() ? "Shadow " + Format.duration(time.elapsed()) + " of " + time.requiredDays() + " d"
                        : "No shadow period required"),
                evidence.worstSeverity().map(s -> new Chip(!s.equals("SEVERE"), "Drift: " + s)).orElseGet(() -> new Chip(null, "Drift: not computed")),
                new Chip(evidence.verdict().mayApprove(), evidence.verdict().mayApprove() ? "You may approve" : "You may not approve"));
    }

    /** Approve or Reject: asks for the confirmation, which says what will happen; nothing runs yet. */
    public void askToConfirm(Decision decision) {
        if (!(decision == Decision.APPROVE ? approveDisabled : rejectDisabled).get()) {
            pending.set(decision);
        }
    }

    /** Back from the confirmation to the decision. */
    public void back() {
        if (!busy.get()) {
            pending.set(null);
        }
    }

    /**
     * Sends the confirmed decision to the engine off the FX thread; success is a notification and closes the dialog, a
     * refusal is a sentence here and nothing changes.
     */
    public void confirm() {
        Decision decision = pending.get();
        if (decision == null || busy.get() || (decision == Decision.APPROVE ? approveDisabled : rejectDisabled).get()) {
            return;
        }
        String text = comment.get().strip();
        String requestId = evidence.request().requestId();
        boolean approving = decision == Decision.APPROVE;
        busy.set(true);
        commands.context().tasks().run((approving ? "Approving " : "Rejecting ") + requestId, () -> approving
                ? commands.service().approve(commands.identity(), requestId, text)
                : commands.service().reject(commands.identity(), requestId, text), result -> {
                    finished.set(true);
                    busy.set(false);
                    closed.set(true);
                    commands.done(outcome(result));
                }, failure -> {
                    finished.set(true);
                    busy.set(false);
                    pending.set(null);
                    refusal.set(GovernanceCommands.refusalSentence(failure)
                            + "\nNothing was changed by this decision. Close the dialog and reopen the request to see its current state.");
                });
    }

    private String reasonText() {
        if (!approveBlockers.isEmpty() && approveBlockers.equals(rejectBlockers)) {
            return GovernanceCommands.bullets("You cannot decide this request", approveBlockers);
        }
        if (!approveBlockers.isEmpty()) {
            return GovernanceCommands.bullets("Approve is unavailable", approveBlockers)
                    + (rejectBlockers.isEmpty() ? "\nYou may still reject it." : "\n" + GovernanceCommands.bullets("Reject is unavailable", rejectBlockers));
        }
        return noComment.get() ? "Write a comment to approve or reject." : "";
    }

    private String confirmSentence() {
        Decision decision = pending.get();
        if (decision == null) {
            return "";
        }
        GovernanceEngine.Request request = evidence.request();
        ModelVersion model = evidence.model();
        if (decision == Decision.REJECT) {
            return "Reject " + request.requestId() + "? The request ends; " + model.modelId() + " stays " + model.state()
                    + " and a new request is needed.";
        }
        long after = evidence.approvalsSoFar() + 1;
        String effect = after < request.requiredApprovals()
                ? "This records approval " + after + " of " + request.requiredApprovals() + "; the transition runs when the quorum is complete."
                : model.modelId() + " becomes " + request.toState() + evidence.replaces().map(r -> " and " + r.modelId() + " is retired").orElse("") + ", now.";
        return "Approve " + request.requestId() + "? " + effect;
    }

    private String outcome(GovernanceEngine.DecisionResult result) {
        ModelVersion model = evidence.model();
        if (result.decision().equals("REJECT")) {
            return result.requestId() + " rejected: " + model.modelId() + " stays " + model.state() + ".";
        }
        if (!result.executed()) {
            return result.requestId() + ": approval " + result.approvals() + " of " + result.requiredApprovals()
                    + " recorded; the transition runs when the quorum is complete.";
        }
        return result.requestId() + " approved: " + model.modelId() + " is now " + evidence.request().toState()
                + evidence.replaces().map(r -> "; " + r.modelId() + " was retired").orElse("") + ".";
    }
}
