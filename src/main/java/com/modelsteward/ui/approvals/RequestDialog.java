package com.modelsteward.ui.approvals;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.registry.ModelVersion;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Requesting a transition: the target state, what approval it needs, the gate report as it stands now (so the
 * requester sees failures before asking), every missing prerequisite, and a required justification. Submitting
 * creates the request; only a transition the policy lets through without approval changes the state at once.
 */
final class RequestDialog {

    private final GovernanceActions actions;
    private final ReviewDesk.RequestPreview preview;
    private final Dialog<Void> dialog;
    private final TextArea justification = DialogFrame.textInput("request-justification",
            "Justification (required): why this version should move, what you checked");
    private final Button submit = new Button();
    private final Label reason = DialogFrame.blockers("request-reason");
    private final Label refusal = DialogFrame.blockers("request-refusal");
    private final ProgressIndicator busy = new ProgressIndicator();
    private boolean submitting;

    RequestDialog(GovernanceActions actions, ReviewDesk.RequestPreview preview) {
        this.actions = actions;
        this.preview = preview;
        ModelVersion model = preview.model();
        this.dialog = DialogFrame.create(actions.context(), "request-dialog", verb() + " — " + model.modelName() + " " + model.version(),
                1020, 760);
        BorderPane content = new BorderPane();
        content.setTop(header());
        ScrollPane body = new ScrollPane(body());
        body.setFitToWidth(true);
        content.setCenter(body);
        content.setBottom(footer());
        dialog.getDialogPane().setContent(content);
        justification.textProperty().addListener((obs, old, now) -> update());
        update();
    }

    void show() {
        dialog.show();
        justification.requestFocus();
    }

    private String verb() {
        return preview.retirement() ? "Request retirement" : "Request promotion to " + preview.toState();
    }

    private Node header() {
        ModelVersion model = preview.model();
        Label title = DialogFrame.title(verb() + " · " + model.modelName() + " " + model.version());
        String approval = preview.executesAtOnce()
                ? "The policy asks for no approval: submitting moves the version at once."
                : "Needs " + preview.requiredApprovals() + " approval" + (preview.requiredApprovals() == 1 ? "" : "s") + " by a "
                + preview.requiredRole() + " other than you and the version's creator; submitting does not change the state.";
        Label approvalText = DialogFrame.muted(approval);
        approvalText.setId("request-approval-rule");
        HBox line = new HBox(12, DialogFrame.transition(model.state(), preview.toState()), approvalText);
        line.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(8, title, line);
        preview.replaces().ifPresent(r -> header.getChildren().add(DialogFrame.muted("Would replace the ACTIVE " + r.modelId()
                + " (it becomes RETIRED and stays the rollback target).")));
        header.getStyleClass().add("dialog-header");
        return header;
    }

    private Node body() {
        VBox body = new VBox(14);
        body.setPadding(new Insets(12, 16, 12, 16));
        if (preview.report() != null) {
            body.getChildren().add(DialogFrame.card("Gate report as it stands now", GateTable.summary(preview.report()),
                    GateTable.of("request-gate-table", preview.report())));
            body.getChildren().add(DialogFrame.card("Prerequisites", GateTable.prerequisites(preview.report())));
        }
        return body;
    }

    private Node footer() {
        submit.setId("submit-request");
        submit.setText(preview.executesAtOnce() ? "_Move to " + preview.toState() : "_Submit request");
        submit.setDefaultButton(true);
        submit.setMinWidth(Region.USE_PREF_SIZE);
        submit.setOnAction(event -> submit());
        busy.setPrefSize(22, 22);
        busy.setVisible(false);
        HBox.setHgrow(reason, Priority.ALWAYS);
        HBox actionsBar = new HBox(8, reason, busy, submit);
        actionsBar.setAlignment(Pos.CENTER_RIGHT);
        VBox footer = new VBox(8, DialogFrame.section("Justification"), justification, refusal, actionsBar);
        footer.getStyleClass().add("dialog-footer");
        return footer;
    }

    private void update() {
        List<String> blockers = new ArrayList<>(preview.blockers());
        if (actions.context().registry().isReadOnly()) {
            blockers.add("the registry is open read-only");
        }
        boolean empty = justification.getText() == null || justification.getText().isBlank();
        submit.setDisable(submitting || !blockers.isEmpty() || empty);
        List<String> notes = new ArrayList<>();
        if (!blockers.isEmpty()) {
            notes.add("You cannot submit this request:\n• " + String.join("\n• ", blockers));
        } else if (empty) {
            notes.add("Write a justification to submit.");
        }
        if (blockers.isEmpty() && preview.report() != null && !preview.report().passed()) {
            notes.add("The request can be made, but a risk officer cannot approve it until these pass:\n• "
                    + String.join("\n• ", preview.report().failures()));
        }
        reason.setText(String.join("\n", notes));
    }

    private void submit() {
        String text = justification.getText().strip();
        submitting = true;
        update();
        justification.setDisable(true);
        busy.setVisible(true);
        String modelId = preview.model().modelId();
        actions.context().tasks().run("Requesting " + modelId + " → " + preview.toState(),
                () -> actions.service().request(actions.identity(), modelId, preview.toState(), text), result -> {
                    dialog.close();
                    actions.done(outcome(result));
                }, failure -> {
                    busy.setVisible(false);
                    refusal.setText(ApprovalDialog.refusalSentence(failure) + "\nNo request was created.");
                });
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
