package com.modelsteward.ui.approvals;

import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.governance.RuleChanges;
import com.modelsteward.ui.common.AppContext;

/**
 * The console's governance dialogs, each opened after its evidence has been read off the FX thread: request a
 * transition, open a request to decide it, roll a model name back. Nothing changes a state without the dialog's
 * confirmation. Views (Models, Lineage, Approvals, Drift alerts) call these entry points; view models use
 * {@link GovernanceCommands}, which opens nothing.
 */
public final class GovernanceActions {

    private final GovernanceCommands commands;

    public GovernanceActions(AppContext context) {
        this.commands = new GovernanceCommands(context);
    }

    /** Opens the rollback dialog for a model name (the entry point for drift alerts). */
    public static void rollBack(AppContext context, String modelName) {
        new GovernanceActions(context).rollBack(modelName);
    }

    /** Opens the request dialog for moving {@code modelId} to {@code toState}. */
    public void requestTransition(String modelId, String toState) {
        context().tasks().run("Evaluating the gates of " + modelId, () -> commands.desk().previewRequest(modelId, toState, commands.identity()),
                preview -> new RequestDialog(new RequestViewModel(commands, preview)).show(),
                failure -> context().showFailure("Cannot prepare the request for " + modelId, failure));
    }

    /** Opens the approval dialog of a request, or the decision dialog of a rule change ({@code RC-…}). */
    public void openRequest(String requestId) {
        if (RuleChanges.isChangeId(requestId)) {
            openRuleChange(requestId);
            return;
        }
        context().tasks().run("Gathering the evidence for " + requestId, () -> commands.desk().evidence(requestId, commands.identity()),
                evidence -> new ApprovalDialog(new ApprovalViewModel(commands, evidence)).show(),
                failure -> context().showFailure("Cannot open request " + requestId, failure));
    }

    /** Opens the decision dialog of a rule change: the policy diff or the role change, Approve and Reject for a second ADMIN. */
    public void openRuleChange(String changeId) {
        context().tasks().run("Reading rule change " + changeId, () -> RuleChanges.evidence(context().registry(), changeId, commands.identity()),
                evidence -> new RuleChangeDialog(commands, evidence).show(),
                failure -> context().showFailure("Cannot open rule change " + changeId, failure));
    }

    /** Opens the rollback dialog of a model name. */
    public void rollBack(String modelName) {
        context().tasks().run("Preparing the rollback of " + modelName, () -> commands.desk().previewRollback(modelName, commands.identity()),
                preview -> new RollbackDialog(new RollbackViewModel(commands, preview)).show(),
                failure -> context().showFailure("Cannot prepare the rollback of " + modelName, failure));
    }

    /** Opens the dialog of an action offered by {@link GovernanceCommands#actionsFor}. */
    public void perform(String modelId, String modelName, ReviewDesk.VersionAction action) {
        if (action.kind() == ReviewDesk.VersionAction.Kind.ROLL_BACK) {
            rollBack(modelName);
        } else {
            requestTransition(modelId, action.toState());
        }
    }

    private AppContext context() {
        return commands.context();
    }
}
