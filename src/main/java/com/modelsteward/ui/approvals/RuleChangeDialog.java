package com.modelsteward.ui.approvals;

import com.modelsteward.governance.RuleChanges;
import com.modelsteward.policy.LineDiff;
import com.modelsteward.ui.common.StyleClasses;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Deciding a rule change (four eyes on the rules): what it changes — the unified diff of the policy in force against the
 * proposed one, or the principal's roles and active flag before and after — who asked and when, and, while it is
 * PENDING, Approve and Reject with a required comment. Both are disabled, with the reason beside them, for the
 * requester, a user who is not an active ADMIN and a read-only registry. A decided change shows its decision instead.
 */
final class RuleChangeDialog {

    private static final List<String> DIFF_STYLES = List.of("diff-add", "diff-remove", "diff-hunk");

    private final GovernanceCommands actions;
    private final RuleChanges.Evidence evidence;
    private final RuleChanges.RuleChange change;
    private final Dialog<Void> dialog;
    private final TextArea comment = DialogFrame.textInput("rule-comment", "Comment (required): what you checked, why you decide so");
    private final Button approve = new Button("_Approve and apply");
    private final Button reject = new Button("_Reject");
    private final Label reason = DialogFrame.blockers("rule-reason");
    private final Label refusal = DialogFrame.blockers("rule-refusal");
    private final ProgressIndicator busy = new ProgressIndicator();
    private boolean deciding;

    RuleChangeDialog(GovernanceCommands actions, RuleChanges.Evidence evidence) {
        this.actions = actions;
        this.evidence = evidence;
        this.change = evidence.change();
        this.dialog = DialogFrame.create("rule-change-dialog", change.kind().label() + " " + change.changeId(), 980, 720);
        BorderPane content = new BorderPane();
        content.setTop(header());
        content.setCenter(body());
        content.setBottom(change.pending() ? footer() : decided());
        dialog.getDialogPane().setContent(content);
        comment.textProperty().addListener((obs, old, now) -> update());
        update();
    }

    void show() {
        actions.context().dialogs().show(dialog);
        if (change.pending()) {
            comment.requestFocus();
        }
    }

    private Node header() {
        Label title = DialogFrame.title(change.kind().label() + " · " + change.changeId() + " · " + change.status());
        title.setId("rule-title");
        Label summary = new Label(change.summary());
        summary.setId("rule-summary");
        summary.getStyleClass().add("section-title");
        Label asked = DialogFrame.muted("Requested by " + change.requestedBy() + " on " + Format.time(change.requestedAt())
                + (change.fourEyes() ? ". It takes effect only when another active ADMIN approves it (four eyes)."
                : ". Applied at once: the registry had a single ADMIN, nobody else could approve it."));
        VBox header = new VBox(8, title, summary, asked);
        header.getStyleClass().add("dialog-header");
        return header;
    }

    private Node body() {
        VBox body = new VBox(14);
        body.setPadding(new Insets(12, 16, 12, 16));
        if (change.kind().policy()) {
            ListView<LineDiff.Line> diff = new ListView<>(FXCollections.observableArrayList(evidence.diff()));
            diff.setId("rule-diff");
            diff.getStyleClass().add("rule-diff");
            diff.setPlaceholder(new Label("The proposed policy is the same text as " + evidence.baseLabel() + "."));
            diff.setCellFactory(ignored -> new ListCell<>() {
                @Override
                protected void updateItem(LineDiff.Line line, boolean empty) {
                    super.updateItem(line, empty);
                    setText(empty || line == null ? null : line.toString());
                    StyleClasses.swap(this, empty || line == null ? null : switch (line.type()) {
                        case '+' -> "diff-add";
                        case '-' -> "diff-remove";
                        case '@' -> "diff-hunk";
                        default -> null;
                    }, DIFF_STYLES);
                }
            });
            VBox.setVgrow(diff, Priority.ALWAYS);
            VBox card = DialogFrame.card("Policy diff: " + evidence.baseLabel() + " → " + change.policyName() + " (proposed)",
                    DialogFrame.muted("Lines starting with - are removed, + added; @@ gives the line numbers (old, new)."), diff,
                    DialogFrame.copyable("rule-policy-sha256", change.policySha256()));
            VBox.setVgrow(card, Priority.ALWAYS);
            body.getChildren().add(card);
        } else {
            Label before = new Label("Before: " + describe(evidence.before()));
            before.setId("rule-principal-before");
            Label after = new Label((change.pending() ? "After approval: " : "Now: ") + describe(evidence.after()));
            after.setId("rule-principal-after");
            body.getChildren().add(DialogFrame.card("Principal " + change.targetUser(), before, after));
        }
        evidence.notes().forEach(note -> body.getChildren().add(DialogFrame.verdict(false, note)));
        return body;
    }

    private static String describe(RuleChanges.PrincipalState state) {
        if (!state.exists()) {
            return "not a principal";
        }
        return (state.roles().isEmpty() ? "no role" : String.join(", ", state.roles())) + (state.active() ? " (active)" : " (inactive)");
    }

    private Node footer() {
        approve.setId("approve-rule");
        reject.setId("reject-rule");
        approve.setMinWidth(Region.USE_PREF_SIZE);
        reject.setMinWidth(Region.USE_PREF_SIZE);
        approve.setOnAction(event -> decide(true));
        reject.setOnAction(event -> decide(false));
        busy.setPrefSize(22, 22);
        busy.setVisible(false);
        HBox.setHgrow(reason, Priority.ALWAYS);
        HBox bar = new HBox(8, reason, busy, reject, approve);
        bar.setAlignment(Pos.CENTER_RIGHT);
        DialogFrame.required(comment, "A comment is required to approve or reject");
        VBox footer = new VBox(8, DialogFrame.section("Decision"), comment, refusal, bar);
        footer.getStyleClass().add("dialog-footer");
        return footer;
    }

    private Node decided() {
        Label decision = new Label(change.status() + (change.decidedBy() == null ? "" : " by " + change.decidedBy() + " on "
                + Format.time(change.decidedAt())) + (change.decisionComment() == null ? "" : ": " + change.decisionComment()));
        decision.setId("rule-decision");
        decision.setWrapText(true);
        VBox footer = new VBox(8, DialogFrame.section("Decision"), decision);
        footer.getStyleClass().add("dialog-footer");
        return footer;
    }

    private void update() {
        List<String> blockers = new ArrayList<>(evidence.blockers());
        if (actions.context().registry().isReadOnly()) {
            blockers.add("the registry is open read-only");
        }
        boolean empty = comment.getText() == null || comment.getText().isBlank();
        approve.setDisable(deciding || !blockers.isEmpty() || empty);
        reject.setDisable(deciding || !blockers.isEmpty() || empty);
        reason.setText(!blockers.isEmpty() ? "You cannot decide this rule change:\n• " + String.join("\n• ", blockers)
                : empty ? "Write a comment to approve or reject." : "");
    }

    private void decide(boolean approving) {
        String text = comment.getText().strip();
        String id = change.changeId();
        deciding = true;
        update();
        comment.setDisable(true);
        busy.setVisible(true);
        actions.context().tasks().run((approving ? "Approving " : "Rejecting ") + id, () -> approving
                        ? RuleChanges.approve(actions.context().registry(), actions.context().clock(), actions.identity(), id, text, actions.context().services().environment().asMap())
                        : RuleChanges.reject(actions.context().registry(), actions.context().clock(), actions.identity(), id, text),
                outcome -> {
                    dialog.close();
                    actions.done(id + (outcome.applied() ? " approved and applied: " : " rejected: ") + change.summary() + ".");
                }, failure -> {
                    busy.setVisible(false);
                    refusal.setText(GovernanceCommands.refusalSentence(failure) + "\nNothing was applied. Close the dialog and reopen the "
                            + "change to see its current state.");
                    // A stale change was closed by this attempt: the queue shows it moved.
                    actions.context().changed();
                });
    }
}
