package com.modelsteward.ui.approvals;

import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.registry.ModelVersion;
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

    private final RequestViewModel viewModel;
    private final ReviewDesk.RequestPreview preview;
    private final Dialog<Void> dialog;
    private final TextArea justification = DialogFrame.textInput("request-justification",
            "Justification (required): why this version should move, what you checked");
    private final Button submit = new Button();
    private final Label reason = DialogFrame.blockers("request-reason");
    private final Label refusal = DialogFrame.blockers("request-refusal");
    private final ProgressIndicator busy = new ProgressIndicator();

    RequestDialog(RequestViewModel viewModel) {
        this.viewModel = viewModel;
        this.preview = viewModel.preview();
        ModelVersion model = preview.model();
        this.dialog = DialogFrame.create("request-dialog", viewModel.verb() + " — " + model.modelName() + " " + model.version(), 1020, 760);
        BorderPane content = new BorderPane();
        content.setTop(header());
        ScrollPane body = new ScrollPane(body());
        body.setFitToWidth(true);
        content.setCenter(body);
        content.setBottom(footer());
        dialog.getDialogPane().setContent(content);
        viewModel.closedProperty().addListener((obs, was, closed) -> {
            if (closed) {
                dialog.close();
            }
        });
    }

    void show() {
        viewModel.context().dialogs().show(dialog);
        justification.requestFocus();
    }

    private Node header() {
        ModelVersion model = preview.model();
        Label title = DialogFrame.title(viewModel.verb() + " · " + model.modelName() + " " + model.version());
        Label approvalText = DialogFrame.muted(viewModel.approvalRule());
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
        justification.textProperty().bindBidirectional(viewModel.justificationProperty());
        justification.disableProperty().bind(viewModel.submittedProperty());
        DialogFrame.required(justification, "A justification is required to submit");
        reason.textProperty().bind(viewModel.reasonProperty());
        refusal.textProperty().bind(viewModel.refusalProperty());
        submit.setId("submit-request");
        submit.setText(viewModel.submitText());
        submit.setDefaultButton(true);
        submit.setMinWidth(Region.USE_PREF_SIZE);
        submit.disableProperty().bind(viewModel.submitDisabledProperty());
        submit.setOnAction(event -> viewModel.submit());
        busy.setPrefSize(22, 22);
        busy.visibleProperty().bind(viewModel.busyProperty());
        HBox.setHgrow(reason, Priority.ALWAYS);
        HBox actionsBar = new HBox(8, reason, busy, submit);
        actionsBar.setAlignment(Pos.CENTER_RIGHT);
        VBox footer = new VBox(8, DialogFrame.section("Justification"), justification, refusal, actionsBar);
        footer.getStyleClass().add("dialog-footer");
        return footer;
    }
}
