package com.modelsteward.ui.approvals;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.registry.DriftResultRow;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.ui.common.StateBadge;
import java.time.Duration;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The approval dialog: every piece of evidence for one request in one place — gates, artifacts, lineage, time in
 * shadow, drift, who asked and why, decisions so far — and the decision itself. Approve is disabled with the reason
 * written next to it when this user may not approve; the transition runs only after the approval is confirmed here,
 * off the FX thread. A decided request is shown as it was decided (the recorded evidence, each decision's signature
 * status) and has no decision box.
 */
final class ApprovalDialog {

    private final ApprovalViewModel viewModel;
    private final ReviewDesk.Evidence evidence;
    private final GovernanceEngine.Request request;
    private final Dialog<Void> dialog;
    private final TextArea comment = DialogFrame.textInput("decision-comment",
            "Comment (required): what you checked and why you approve or reject");
    private final Button approve = new Button("_Approve…");
    private final Button reject = new Button("_Reject…");
    private final Label reason = DialogFrame.blockers("approve-reason");
    private final Label refusal = DialogFrame.blockers("decision-refusal");
    private final HBox decisionBar = new HBox(8);
    private final HBox confirmBar = new HBox(8);
    private final Label confirmText = DialogFrame.confirmText("confirm-text");
    private final Button confirm = new Button();
    private final ProgressIndicator busy = new ProgressIndicator();

    ApprovalDialog(ApprovalViewModel viewModel) {
        this.viewModel = viewModel;
        this.evidence = viewModel.evidence();
        this.request = evidence.request();
        ModelVersion version = evidence.model();
        this.dialog = DialogFrame.create("approval-dialog", request.requestId() + " — " + version.modelName() + " " + version.version(), 1180, 900);
        BorderPane content = new BorderPane();
        content.setTop(header());
        ScrollPane body = new ScrollPane(body());
        body.setFitToWidth(true);
        body.getStyleClass().add("evidence-scroll");
        content.setCenter(body);
        if (!viewModel.decided()) {
            content.setBottom(footer());
        }
        dialog.getDialogPane().setContent(content);
        viewModel.closedProperty().addListener((obs, was, closed) -> {
            if (closed) {
                dialog.close();
            }
        });
    }

    void show() {
        viewModel.context().dialogs().show(dialog);
        if (!viewModel.decided()) {
            comment.requestFocus();
        }
    }

    private Node header() {
        ModelVersion model = evidence.model();
        Label title = DialogFrame.title(("ROLLBACK".equals(request.kind()) ? "Rollback " : "Promotion request ") + request.requestId()
                + " · " + model.modelName() + " " + model.version());
        Label status = StateBadge.of(request.status());
        status.setId("request-status");
        HBox line = new HBox(12, DialogFrame.transition(request.fromState(), request.toState()), new Label("status"), status,
                DialogFrame.muted(model.modelType() + " · " + model.modelId()));
        line.setAlignment(Pos.CENTER_LEFT);

        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(4);
        facts.getColumnConstraints().addAll(new ColumnConstraints(120), new ColumnConstraints());
        facts.getColumnConstraints().get(1).setHgrow(Priority.ALWAYS);
        Duration age = Format.age(request.requestedAt(), viewModel.context().clock());
        facts.addRow(0, key("Requested by"), new Label(request.requestedBy() + "  ·  " + Format.time(request.requestedAt())
                + "  (" + Format.duration(age) + " ago)"));
        Label why = new Label("“" + request.justification() + "”");
        why.setId("request-justification");
        why.setWrapText(true);
        why.getStyleClass().add("justification");
        facts.addRow(1, key("Why"), why);
        Label approvals = new Label(evidence.approvalsSoFar() + " of " + request.requiredApprovals() + " approval"
                + (request.requiredApprovals() == 1 ? "" : "s") + " by a " + request.requiredRole());
        approvals.setId("approvals-so-far");
        facts.addRow(2, key("Approvals"), approvals);
        VBox header = new VBox(8, title, line, facts, evidence.decided().map(this::decidedBanner).orElseGet(this::glance));
        header.getStyleClass().add("dialog-header");
        return header;
    }

    /** The evidence at a glance, one chip per section below; the chips wrap onto a second line rather than being cut. */
    private Node glance() {
        FlowPane chips = new FlowPane(8, 6);
        viewModel.glance().forEach(chip -> chips.getChildren().add(chip(chip.ok(), chip.text())));
        chips.getChildren().add(driftLink("drift-link", "Drift charts →"));
        chips.getChildren().forEach(chip -> ((Region) chip).setMinWidth(Region.USE_PREF_SIZE));
        chips.setAlignment(Pos.CENTER_LEFT);
        chips.setId("evidence-glance");
        return chips;
    }

    /** A pass/fail/unknown chip: symbol and word, colour only as a third cue. */
    private static Label chip(Boolean ok, String text) {
        Label chip = new Label((ok == null ? "○ " : ok ? "✔ " : "✖ ") + text);
        chip.getStyleClass().addAll("chip", ok == null ? "chip-unknown" : ok ? "chip-pass" : "chip-fail");
        return chip;
    }

    /** Says that what follows is the record of a decision, not today's state; symbol and words, not colour alone. */
    private Node decidedBanner(ReviewDesk.Decided decided) {
        Label banner = new Label("▣ " + DecidedText.header(decided));
        banner.setId("decided-header");
        banner.setWrapText(true);
        banner.getStyleClass().add("decided-banner");
        Label note = DialogFrame.muted("The evidence below is what was recorded when the request was decided; today's state of "
                + evidence.model().modelId() + " may differ. A decided request cannot be decided again.");
        return new VBox(4, banner, note);
    }

    private Node body() {
        if (evidence.decided().isPresent()) {
            return decidedBody(evidence.decided().get());
        }
        VBox gates = DialogFrame.card("Gate report — evaluated now on current data",
                GateTable.summary(evidence.currentReport()), GateTable.of("gate-table", evidence.currentReport()));
        gates.getChildren().get(1).setId("gate-summary");
        HBox evidenceRow = row(artifacts(), lineage());
        HBox timeRow = row(shadow(), drift());
        VBox body = new VBox(14, gates, evidenceRow, timeRow, decisions());
        body.setPadding(new Insets(12, 16, 12, 16));
        return body;
    }

    private static HBox row(VBox left, VBox right) {
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        left.setPrefWidth(560);
        right.setPrefWidth(560);
        return new HBox(14, left, right);
    }

    private Node decidedBody(ReviewDesk.Decided decided) {
        Label frozen = DialogFrame.muted(DecidedText.gateReport(evidence));
        frozen.setId("decided-gate-note");
        VBox gates = DialogFrame.card("Gate report — as decided on", GateTable.summary(evidence.currentReport()), frozen,
                GateTable.of("gate-table", evidence.currentReport()));
        gates.getChildren().get(1).setId("gate-summary");
        VBox body = new VBox(14, gates, row(artifacts(), decidedLineage(decided)), row(decidedTime(decided), decidedDrift(decided)),
                decidedDecisions());
        body.setPadding(new Insets(12, 16, 12, 16));
        return body;
    }

    private VBox decidedLineage(ReviewDesk.Decided decided) {
        ModelVersion model = evidence.model();
        HBox replaced = fact(DecidedText.replacedLabel(decided), DecidedText.replaced(evidence));
        replaced.setId("decided-replaced");
        HBox policy = fact("Policy", DecidedText.policy(decided.atDecision().orElse(null)));
        policy.setId("decided-policy");
        VBox box = new VBox(6,
                fact("Parent", evidence.parent().map(p -> p.modelId()).orElse(model.parentId() == null
                        ? "none — first version of this line" : model.parentId() + " (not in this registry)")),
                replaced,
                fact("Created", model.createdBy() + "  ·  " + Format.time(model.createdAt())),
                policy);
        return DialogFrame.card("Lineage and policy at the decision", box);
    }

    private VBox decidedTime(ReviewDesk.Decided decided) {
        ReviewDesk.TimeInState time = decided.atDecision().map(ReviewDesk.Seen::timeInState).orElse(null);
        VBox box = new VBox(6);
        box.setId("decided-time");
        if (time == null || !time.required()) {
            box.getChildren().add(DialogFrame.muted(DecidedText.timeInState(time)));
        } else {
            ProgressBar bar = new ProgressBar(DecidedText.shadowProgress(time));
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.getStyleClass().add(time.satisfied() ? "shadow-complete" : "shadow-incomplete");
            box.getChildren().addAll(DialogFrame.verdict(time.satisfied(), DecidedText.timeInState(time)), bar);
        }
        if (time != null) {
            box.getChildren().add(DialogFrame.muted("Since " + Format.time(time.since())));
        }
        return DialogFrame.card("Time in the prior state", box);
    }

    private VBox decidedDrift(ReviewDesk.Decided decided) {
        ReviewDesk.Seen seen = decided.atDecision().orElse(null);
        Label line = seen == null || seen.worstSeverity() == null ? DialogFrame.muted(DecidedText.drift(seen)) : new Label(DecidedText.drift(seen));
        line.setWrapText(true);
        HBox status = seen == null || seen.worstSeverity() == null ? new HBox(line) : new HBox(8, StateBadge.of(seen.worstSeverity()), line);
        status.setAlignment(Pos.CENTER_LEFT);
        status.setId("decided-drift");
        return DialogFrame.card("Drift", status, driftLink("drift-card-link", "Today's drift charts of " + evidence.model().modelId() + " →"));
    }

    private VBox decidedDecisions() {
        VBox box = new VBox(8);
        box.setId("decisions");
        if (evidence.decisions().isEmpty()) {
            box.getChildren().add(DialogFrame.muted("ROLLBACK".equals(request.kind())
                    ? "A rollback needs no approval: " + request.requestedBy() + " executed it." : "No decisions were recorded."));
        }
        int index = 0;
        for (ReviewDesk.Decision decision : evidence.decisions()) {
            Label what = DialogFrame.verdict(decision.decision().equals("APPROVE"), DecidedText.decision(decision));
            Label signature = DialogFrame.verdict(decision.signature().verified(), DecidedText.signature(decision.signature()));
            signature.setId("signature-status-" + index);
            signature.getStyleClass().add("signature-status");
            Label saw = DialogFrame.muted(decision.seen().map(s -> "Saw gate report sha256 " + s.gateReportDigest() + " under policy "
                    + DecidedText.policy(s)).orElse("What " + decision.approver() + " saw: " + DecidedText.NOT_RECORDED));
            VBox one = new VBox(2, what, signature, saw);
            box.getChildren().add(one);
            index++;
        }
        return DialogFrame.card("Decisions (" + evidence.approvalsSoFar() + " of " + request.requiredApprovals() + " approvals)", box);
    }

    private VBox artifacts() {
        VBox list = new VBox(8);
        list.setId("artifact-checklist");
        int row = 0;
        for (ReviewDesk.Artifact artifact : evidence.artifacts()) {
            Label name = DialogFrame.verdict(artifact.present(), artifact.name());
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label reference = DialogFrame.muted(artifact.reference() == null ? "" : artifact.reference());
            reference.setWrapText(false);
            reference.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
            HBox title = new HBox(8, name, reference);
            title.setAlignment(Pos.BASELINE_LEFT);
            list.getChildren().add(new VBox(2, title, DialogFrame.copyable("artifact-" + row, artifact.present() ? artifact.hash() : null)));
            row++;
        }
        long missing = evidence.artifacts().stream().filter(a -> !a.present()).count();
        return DialogFrame.card("Required artifacts", DialogFrame.verdict(missing == 0,
                missing == 0 ? "All " + evidence.artifacts().size() + " artifacts are pinned by hash." : missing + " artifacts are missing."), list);
    }

    private VBox lineage() {
        VBox box = new VBox(6);
        box.setId("lineage-summary");
        ModelVersion model = evidence.model();
        box.getChildren().add(fact("Parent", evidence.parent().map(p -> p.modelId() + "  (" + p.state() + ")")
                .orElse(model.parentId() == null ? "none — first version of this line" : model.parentId() + " (not in this registry)")));
        String live = evidence.liveState();
        box.getChildren().add(fact("Would replace", evidence.replaces().map(r -> r.modelId() + "  (" + live + " since "
                + Format.time(r.stateChangedAt()) + ", it becomes " + evidence.retiredState() + ")").orElse(
                request.toState().equals(live) ? "nothing — no version of " + model.modelName() + " is " + live : "—")));
        box.getChildren().add(fact("Created", model.createdBy() + "  ·  " + Format.time(model.createdAt())));
        if (evidence.parent().isPresent()) {
            box.getChildren().addAll(configDiff("config-changes", "the parent's", evidence.configChanges()));
        }
        evidence.replaces().filter(replaced -> evidence.parent().map(parent -> !parent.modelId().equals(replaced.modelId())).orElse(true))
                .ifPresent(replaced -> box.getChildren().addAll(configDiff("config-changes-live", replaced.modelId() + "'s (" + live
                        + ", would be replaced)", evidence.configChangesAgainstReplaced())));
        return DialogFrame.card("Lineage", box);
    }

    private VBox shadow() {
        ReviewDesk.TimeInState time = evidence.timeInState();
        VBox box = new VBox(6);
        box.setId("shadow-period");
        String elapsed = Format.duration(time.elapsed());
        if (time.required()) {
            double done = Math.min(1.0, time.elapsed().toMinutes() / (double) Duration.ofDays(time.requiredDays()).toMinutes());
            ProgressBar bar = new ProgressBar(done);
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.getStyleClass().add(time.satisfied() ? "shadow-complete" : "shadow-incomplete");
            box.getChildren().addAll(DialogFrame.verdict(time.satisfied(), "In " + time.state() + " for " + elapsed + " of the "
                    + time.requiredDays() + " days the policy requires" + (time.satisfied() ? "." : " — not yet complete.")), bar);
        } else {
            box.getChildren().add(DialogFrame.muted("In " + time.state() + " for " + elapsed + "; this transition asks for no shadow period."));
        }
        box.getChildren().add(DialogFrame.muted("Since " + Format.time(time.since())));
        return DialogFrame.card("Time in shadow", box);
    }

    private VBox drift() {
        VBox box = new VBox(6);
        box.setId("drift-status");
        List<DriftResultRow> drift = evidence.drift();
        if (drift.isEmpty()) {
            box.getChildren().add(DialogFrame.muted("No drift results have been computed for " + evidence.model().modelId() + " yet."));
        } else {
            Label worst = StateBadge.of(evidence.worstSeverity().orElse("NORMAL"));
            HBox line = new HBox(8, new Label("Worst severity"), worst);
            evidence.worstPsi().ifPresent(w -> line.getChildren().add(new Label("· worst PSI " + Format.number(w.psi()) + " on " + w.feature())));
            line.setAlignment(Pos.CENTER_LEFT);
            box.getChildren().add(line);
            GridPane features = new GridPane();
            features.setHgap(12);
            features.setVgap(2);
            int row = 0;
            for (DriftResultRow result : drift.stream().limit(8).toList()) {
                features.addRow(row++, mono(result.feature()), StateBadge.of(result.severity()),
                        mono("PSI " + Format.number(result.psi())), DialogFrame.muted(Format.time(result.computedAt())));
            }
            box.getChildren().add(features);
        }
        box.getChildren().add(driftLink("drift-card-link", "Open the drift charts of " + evidence.model().modelId() + " →"));
        return DialogFrame.card("Drift", box);
    }

    /** Closes the dialog and shows the version's drift charts. */
    private Hyperlink driftLink(String id, String text) {
        Hyperlink link = new Hyperlink(text);
        link.setMnemonicParsing(false);
        link.setId(id);
        link.setOnAction(event -> {
            viewModel.context().selectedModelIdProperty().set(evidence.model().modelId());
            dialog.close();
            viewModel.context().navigate("drift");
        });
        return link;
    }

    private VBox decisions() {
        VBox box = new VBox(4);
        box.setId("decisions");
        if (evidence.decisions().isEmpty()) {
            box.getChildren().add(DialogFrame.muted("No decisions yet."));
        }
        for (ReviewDesk.Decision decision : evidence.decisions()) {
            boolean approved = decision.decision().equals("APPROVE");
            box.getChildren().add(DialogFrame.verdict(approved, decision.approver() + " " + (approved ? "approved" : "rejected")
                    + " on " + Format.time(decision.decidedAt()) + ": “" + decision.comment() + "”"));
        }
        return DialogFrame.card("Decisions so far (" + evidence.approvalsSoFar() + " of " + request.requiredApprovals() + ")", box);
    }

    private Node footer() {
        comment.textProperty().bindBidirectional(viewModel.commentProperty());
        comment.editableProperty().bind(viewModel.commentEditableProperty());
        comment.disableProperty().bind(viewModel.busyProperty().or(viewModel.finishedProperty()));
        DialogFrame.required(comment, "A comment is required to approve or reject");
        reason.textProperty().bind(viewModel.reasonProperty());
        refusal.textProperty().bind(viewModel.refusalProperty());
        approve.setId("approve-button");
        approve.getStyleClass().add("approve-button");
        approve.setMinWidth(Region.USE_PREF_SIZE);
        approve.disableProperty().bind(viewModel.approveDisabledProperty());
        approve.setOnAction(event -> askToConfirm(ApprovalViewModel.Decision.APPROVE));
        reject.setId("reject-button");
        reject.getStyleClass().add("reject-button");
        reject.setMinWidth(Region.USE_PREF_SIZE);
        reject.disableProperty().bind(viewModel.rejectDisabledProperty());
        reject.setOnAction(event -> askToConfirm(ApprovalViewModel.Decision.REJECT));
        HBox.setHgrow(reason, Priority.ALWAYS);
        decisionBar.getChildren().setAll(reason, reject, approve);
        decisionBar.setAlignment(Pos.CENTER_RIGHT);

        Button back = new Button("_Back");
        back.setOnAction(event -> viewModel.back());
        back.setMinWidth(Region.USE_PREF_SIZE);
        back.disableProperty().bind(viewModel.busyProperty());
        confirm.setId("confirm-decision");
        confirm.setMinWidth(Region.USE_PREF_SIZE);
        confirm.setDefaultButton(true);
        confirm.disableProperty().bind(viewModel.busyProperty().or(viewModel.finishedProperty()));
        confirm.textProperty().bind(Bindings.when(viewModel.pendingProperty().isEqualTo(ApprovalViewModel.Decision.REJECT))
                .then("Confirm rejection").otherwise("Confirm approval"));
        confirm.setOnAction(event -> viewModel.confirm());
        confirmText.textProperty().bind(viewModel.confirmTextProperty());
        busy.setPrefSize(22, 22);
        busy.visibleProperty().bind(viewModel.busyProperty());
        confirmBar.getChildren().setAll(confirmText, busy, back, confirm);
        confirmBar.setAlignment(Pos.CENTER_RIGHT);
        confirmBar.getStyleClass().add("confirm-bar");
        BooleanBinding confirming = viewModel.pendingProperty().isNotNull();
        decisionBar.visibleProperty().bind(confirming.not());
        decisionBar.managedProperty().bind(decisionBar.visibleProperty());
        confirmBar.visibleProperty().bind(confirming);
        confirmBar.managedProperty().bind(confirmBar.visibleProperty());

        VBox footer = new VBox(8, DialogFrame.section("Your decision"), comment, refusal, decisionBar, confirmBar);
        footer.getStyleClass().add("dialog-footer");
        return footer;
    }

    private void askToConfirm(ApprovalViewModel.Decision decision) {
        viewModel.askToConfirm(decision);
        if (viewModel.pendingProperty().get() != null) {
            confirm.requestFocus();
        }
    }

    private static Label key(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("fact-key");
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label mono(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("mono");
        return label;
    }

    /**
     * The training-config differences against another version, each key with its change in full words (list elements
     * named one by one) and wrapped, never cut: a dropped feature must be readable without a tooltip.
     */
    private static List<Node> configDiff(String id, String against, List<ReviewDesk.ConfigChange> changes) {
        Label heading = new Label(changes.isEmpty() ? "Training config: identical to " + against
                : "Training config: " + changes.size() + " key" + (changes.size() == 1 ? "" : "s") + " differ from " + against);
        heading.getStyleClass().add("subheading");
        heading.setWrapText(true);
        if (changes.isEmpty()) {
            return List.of(heading);
        }
        GridPane diff = new GridPane();
        diff.setId(id);
        diff.setHgap(12);
        diff.setVgap(2);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints what = new ColumnConstraints();
        what.setHgrow(Priority.ALWAYS);
        diff.getColumnConstraints().addAll(keys, what);
        int row = 0;
        for (ReviewDesk.ConfigChange change : changes) {
            Label name = mono(change.key());
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label described = mono(change.describe());
            described.setWrapText(true);
            described.setMaxWidth(Double.MAX_VALUE);
            diff.addRow(row++, name, described);
        }
        return List.of(heading, diff);
    }

    private static HBox fact(String name, String value) {
        Label text = new Label(value);
        text.setWrapText(true);
        Label label = key(name);
        label.setPrefWidth(110);
        HBox box = new HBox(8, label, text);
        return box;
    }
}
