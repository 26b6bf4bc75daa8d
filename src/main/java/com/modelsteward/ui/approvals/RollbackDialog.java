package com.modelsteward.ui.approvals;

import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.ui.approvals.RollbackViewModel.MetricRow;
import com.modelsteward.ui.common.Columns;
import com.modelsteward.ui.common.StateBadge;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Rolling a model name back to its last-known-good version: a preview of the switch with both versions' scorecards
 * side by side, a required reason, and the engine's O(1) rollback run off the FX thread.
 */
final class RollbackDialog {

    private final RollbackViewModel viewModel;
    private final ReviewDesk.RollbackPreview preview;
    private final Dialog<Void> dialog;
    private final TextArea reasonText = DialogFrame.textInput("rollback-reason-text",
            "Reason (required): what went wrong with the current version");
    /** No mnemonic: a rollback changes what trades, so it takes the button and then the confirmation, never one key. */
    private final Button rollBack = new Button("Roll back…");
    private final HBox confirmBar = new HBox(8);
    private final Label confirmText = DialogFrame.confirmText("rollback-confirm-text");
    private final Button confirm = new Button("Confirm roll back");
    private final Label blockers = DialogFrame.blockers("rollback-reason");
    private final Label refusal = DialogFrame.blockers("rollback-refusal");
    private final ProgressIndicator busy = new ProgressIndicator();

    RollbackDialog(RollbackViewModel viewModel) {
        this.viewModel = viewModel;
        this.preview = viewModel.preview();
        this.dialog = DialogFrame.create("rollback-dialog", "Roll back " + preview.modelName(), 940, 720);
        BorderPane content = new BorderPane();
        content.setTop(header());
        content.setCenter(body());
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
        reasonText.requestFocus();
    }

    private Node header() {
        Label title = DialogFrame.title("Roll back " + preview.modelName());
        Label what = DialogFrame.muted("Returns the name to its last-known-good version in one step: the current " + preview.liveState()
                + " is retired, the last-known-good becomes " + preview.liveState()
                + " again. A RISK_OFFICER decides alone; the reason is kept in the audit trail.");
        VBox header = new VBox(8, title, what);
        header.getStyleClass().add("dialog-header");
        return header;
    }

    private Node body() {
        HBox switchRow = new HBox(16, versionCard("Now " + preview.liveState(), preview.current(), preview.retiredState()), arrow(),
                versionCard("Last-known-good", preview.target(), preview.liveState()));
        switchRow.setId("rollback-switch");
        switchRow.setAlignment(Pos.CENTER);
        TableView<MetricRow> metrics = new TableView<>(FXCollections.observableArrayList(viewModel.rows()));
        metrics.setId("rollback-metrics");
        metrics.setPlaceholder(new Label("Neither version has scorecards."));
        metrics.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        metrics.getColumns().add(Columns.text("Pack", MetricRow::pack, 150));
        metrics.getColumns().add(Columns.text("Metric", MetricRow::metric, 150));
        metrics.getColumns().add(Columns.number(preview.current().map(ModelVersion::version).orElse("current") + " (now)",
                MetricRow::current, 4, 130));
        metrics.getColumns().add(Columns.number(preview.target().map(ModelVersion::version).orElse("target") + " (after)",
                MetricRow::target, 4, 130));
        metrics.getColumns().add(Columns.text("Change", r -> Format.signed(r.difference()), 120));
        VBox.setVgrow(metrics, Priority.ALWAYS);
        VBox card = DialogFrame.card("Key scorecard metrics, side by side", metrics);
        VBox.setVgrow(card, Priority.ALWAYS);
        VBox body = new VBox(14, switchRow, card);
        body.setPadding(new Insets(12, 16, 12, 16));
        return body;
    }

    private static Node arrow() {
        Label arrow = new Label("⟶");
        arrow.getStyleClass().add("switch-arrow");
        return arrow;
    }

    private static VBox versionCard(String role, Optional<ModelVersion> version, String becomes) {
        VBox card = new VBox(6);
        card.getStyleClass().add("version-card");
        card.setPrefWidth(330);
        Label heading = new Label(role);
        heading.getStyleClass().add("fact-key");
        card.getChildren().add(heading);
        if (version.isEmpty()) {
            card.getChildren().add(DialogFrame.muted("none"));
            return card;
        }
        ModelVersion v = version.get();
        Label id = new Label(v.modelId());
        id.getStyleClass().add("version-id");
        HBox states = new HBox(6, StateBadge.of(v.state()), new Label("→"), StateBadge.of(becomes));
        states.setAlignment(Pos.CENTER_LEFT);
        card.getChildren().addAll(id, states, DialogFrame.muted("created by " + v.createdBy() + " · " + Format.time(v.createdAt())),
                DialogFrame.muted("in " + v.state() + " since " + Format.time(v.stateChangedAt())));
        return card;
    }

    private Node footer() {
        reasonText.textProperty().bindBidirectional(viewModel.reasonProperty());
        reasonText.editableProperty().bind(viewModel.confirmingProperty().not());
        reasonText.disableProperty().bind(viewModel.confirmDisabledProperty());
        DialogFrame.required(reasonText, "A reason is required to roll back");
        blockers.textProperty().bind(viewModel.blockerTextProperty());
        refusal.textProperty().bind(viewModel.refusalProperty());
        rollBack.setId("rollback-button");
        rollBack.getStyleClass().add("danger-button");
        rollBack.setMinWidth(Region.USE_PREF_SIZE);
        rollBack.disableProperty().bind(viewModel.rollBackDisabledProperty());
        rollBack.setOnAction(event -> askToConfirm());
        busy.setPrefSize(22, 22);
        busy.visibleProperty().bind(viewModel.busyProperty());
        HBox.setHgrow(blockers, Priority.ALWAYS);
        HBox bar = new HBox(8, blockers, rollBack);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.visibleProperty().bind(viewModel.confirmingProperty().not());
        bar.managedProperty().bind(bar.visibleProperty());

        Button back = new Button("Back");
        back.setId("rollback-back");
        back.setMinWidth(Region.USE_PREF_SIZE);
        back.setOnAction(event -> viewModel.back());
        back.disableProperty().bind(viewModel.confirmDisabledProperty());
        confirm.setId("rollback-confirm");
        confirm.getStyleClass().add("danger-button");
        confirm.setMinWidth(Region.USE_PREF_SIZE);
        confirm.disableProperty().bind(viewModel.confirmDisabledProperty());
        confirm.setOnAction(event -> viewModel.confirm());
        confirmText.setText(viewModel.confirmText());
        confirmBar.getChildren().setAll(confirmText, busy, back, confirm);
        confirmBar.setAlignment(Pos.CENTER_RIGHT);
        confirmBar.getStyleClass().add("confirm-bar");
        confirmBar.visibleProperty().bind(viewModel.confirmingProperty());
        confirmBar.managedProperty().bind(confirmBar.visibleProperty());
        VBox footer = new VBox(8, DialogFrame.section("Reason"), reasonText, refusal, bar, confirmBar);
        footer.getStyleClass().add("dialog-footer");
        return footer;
    }

    /** What will happen, in the words of the switch shown above, before anything runs (as Approve and Reject do). */
    private void askToConfirm() {
        viewModel.askToConfirm();
        if (viewModel.confirmingProperty().get()) {
            confirm.requestFocus();
        }
    }
}
