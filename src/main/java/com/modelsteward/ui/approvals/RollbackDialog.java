package com.modelsteward.ui.approvals;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.ui.common.Columns;
import com.modelsteward.ui.common.StateBadge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
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

    /** One metric of the side-by-side comparison. */
    record MetricRow(String pack, String metric, Double current, Double target) {

        Double difference() {
            return current == null || target == null ? null : target - current;
        }
    }

    private final GovernanceActions actions;
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
    private boolean running;

    RollbackDialog(GovernanceActions actions, ReviewDesk.RollbackPreview preview) {
        this.actions = actions;
        this.preview = preview;
        this.dialog = DialogFrame.create(actions.context(), "rollback-dialog", "Roll back " + preview.modelName(), 940, 720);
        BorderPane content = new BorderPane();
        content.setTop(header());
        content.setCenter(body());
        content.setBottom(footer());
        dialog.getDialogPane().setContent(content);
        reasonText.textProperty().addListener((obs, old, now) -> update());
        update();
    }

    void show() {
        dialog.show();
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
        TableView<MetricRow> metrics = new TableView<>(FXCollections.observableArrayList(rows()));
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

    private List<MetricRow> rows() {
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
        rollBack.setId("rollback-button");
        rollBack.getStyleClass().add("danger-button");
        rollBack.setMinWidth(Region.USE_PREF_SIZE);
        rollBack.setOnAction(event -> askToConfirm());
        busy.setPrefSize(22, 22);
        busy.setVisible(false);
        HBox.setHgrow(blockers, Priority.ALWAYS);
        HBox bar = new HBox(8, blockers, rollBack);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.visibleProperty().bind(confirmBar.visibleProperty().not());
        bar.managedProperty().bind(bar.visibleProperty());

        Button back = new Button("Back");
        back.setId("rollback-back");
        back.setMinWidth(Region.USE_PREF_SIZE);
        back.setOnAction(event -> showConfirm(false));
        back.disableProperty().bind(confirm.disableProperty());
        confirm.setId("rollback-confirm");
        confirm.getStyleClass().add("danger-button");
        confirm.setMinWidth(Region.USE_PREF_SIZE);
        confirm.setOnAction(event -> run());
        confirmBar.getChildren().setAll(confirmText, busy, back, confirm);
        confirmBar.setAlignment(Pos.CENTER_RIGHT);
        confirmBar.getStyleClass().add("confirm-bar");
        confirmBar.managedProperty().bind(confirmBar.visibleProperty());
        showConfirm(false);
        VBox footer = new VBox(8, DialogFrame.section("Reason"), reasonText, refusal, bar, confirmBar);
        footer.getStyleClass().add("dialog-footer");
        return footer;
    }

    private void update() {
        List<String> reasons = new ArrayList<>(preview.blockers());
        if (actions.context().registry().isReadOnly()) {
            reasons.add("the registry is open read-only");
        }
        boolean empty = reasonText.getText() == null || reasonText.getText().isBlank();
        rollBack.setDisable(running || !reasons.isEmpty() || empty);
        blockers.setText(!reasons.isEmpty() ? "You cannot roll back:\n• " + String.join("\n• ", reasons)
                : empty ? "Write the reason to roll back." : "");
    }

    /** What will happen, in the words of the switch shown above, before anything runs (as Approve and Reject do). */
    private void askToConfirm() {
        String target = preview.target().map(ModelVersion::modelId).orElse("the last-known-good version");
        confirmText.setText("Roll back " + preview.modelName() + "? " + target + " becomes " + preview.liveState()
                + preview.current().map(v -> " and " + v.modelId() + " is " + preview.retiredState()).orElse("")
                + ", now. The reason is kept in the audit trail.");
        showConfirm(true);
        confirm.requestFocus();
    }

    private void showConfirm(boolean shown) {
        confirmBar.setVisible(shown);
        reasonText.setEditable(!shown);
    }

    private void run() {
        String reason = reasonText.getText().strip();
        running = true;
        update();
        confirm.setDisable(true);
        reasonText.setDisable(true);
        busy.setVisible(true);
        actions.context().tasks().run("Rolling back " + preview.modelName(),
                () -> actions.service().rollback(actions.identity(), preview.modelName(), reason), result -> {
                    dialog.close();
                    actions.done(outcome(result));
                }, failure -> {
                    busy.setVisible(false);
                    refusal.setText(ApprovalDialog.refusalSentence(failure) + "\nNothing was changed.");
                });
    }

    private String outcome(GovernanceEngine.RollbackResult result) {
        return result.modelName() + " rolled back (" + result.requestId() + "): " + result.toModelId() + " is " + preview.liveState() + " again"
                + (result.fromModelId() == null ? "." : "; " + result.fromModelId() + " was retired.");
    }
}
