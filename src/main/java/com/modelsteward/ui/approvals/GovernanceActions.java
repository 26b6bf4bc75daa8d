package com.modelsteward.ui.approvals;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Principals;
import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.governance.RuleChanges;
import com.modelsteward.policy.Policy;
import com.modelsteward.ui.common.AppContext;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;

/**
 * The console's governance actions, each opening its dialog after the evidence has been read off the FX thread:
 * request a transition, open a request to decide it, roll a model name back. Nothing changes a state without the
 * dialog's confirmation. Other views (Models, Lineage, Drift alerts) call these entry points.
 */
public final class GovernanceActions {

    private final AppContext context;

    public GovernanceActions(AppContext context) {
        this.context = context;
    }

    /** Opens the rollback dialog for a model name (the entry point for drift alerts). */
    public static void rollBack(AppContext context, String modelName) {
        new GovernanceActions(context).rollBack(modelName);
    }

    /** Opens the request dialog for moving {@code modelId} to {@code toState}. */
    public void requestTransition(String modelId, String toState) {
        context.tasks().run("Evaluating the gates of " + modelId, () -> desk().previewRequest(modelId, toState, identity()),
                preview -> new RequestDialog(this, preview).show(),
                failure -> context.showFailure("Cannot prepare the request for " + modelId, failure));
    }

    /** Opens the approval dialog of a request, or the decision dialog of a rule change ({@code RC-…}). */
    public void openRequest(String requestId) {
        if (RuleChanges.isChangeId(requestId)) {
            openRuleChange(requestId);
            return;
        }
        context.tasks().run("Gathering the evidence for " + requestId, () -> desk().evidence(requestId, identity()),
                evidence -> new ApprovalDialog(this, evidence).show(),
                failure -> context.showFailure("Cannot open request " + requestId, failure));
    }

    /** Opens the decision dialog of a rule change: the policy diff or the role change, Approve and Reject for a second ADMIN. */
    public void openRuleChange(String changeId) {
        context.tasks().run("Reading rule change " + changeId, () -> RuleChanges.evidence(context.registry(), changeId, identity()),
                evidence -> new RuleChangeDialog(this, evidence).show(),
                failure -> context.showFailure("Cannot open rule change " + changeId, failure));
    }

    /** Opens the rollback dialog of a model name. */
    public void rollBack(String modelName) {
        context.tasks().run("Preparing the rollback of " + modelName, () -> desk().previewRollback(modelName, identity()),
                preview -> new RollbackDialog(this, preview).show(),
                failure -> context.showFailure("Cannot prepare the rollback of " + modelName, failure));
    }

    /** The actions offered on a version (policy and rollback target). Runs SQL: call off the FX thread. */
    public List<ReviewDesk.VersionAction> actionsFor(String modelId) {
        return desk().actionsFor(modelId);
    }

    /** Opens the dialog of an action offered by {@link #actionsFor}. */
    public void perform(String modelId, String modelName, ReviewDesk.VersionAction action) {
        if (action.kind() == ReviewDesk.VersionAction.Kind.ROLL_BACK) {
            rollBack(modelName);
        } else {
            requestTransition(modelId, action.toState());
        }
    }

    /** Why this user may not take the action (role, read-only), or empty when they may. */
    public Optional<String> unavailable(ReviewDesk.VersionAction action) {
        if (context.registry().isReadOnly()) {
            return Optional.of("the registry is open read-only");
        }
        if (!context.roles().contains(action.role().name())) {
            return Optional.of(context.user() + (context.roles().isEmpty() ? " is not a principal of this registry"
                    : " holds " + String.join(", ", context.roles())) + "; this needs the " + action.role() + " role");
        }
        return Optional.empty();
    }

    AppContext context() {
        return context;
    }

    /**
     * The engine with the policy the command line uses: the one an ADMIN stored in the registry (else the built-in L3-12
     * policy), with the LEARN_* environment keys. Kept by the registry's services and rebuilt when the policy in force
     * changes, so a newly stored policy is never missed. It may read the registry: call off the FX thread.
     */
    GovernanceEngine service() {
        return engine(context);
    }

    /** The governance engine for the open registry (see {@link #service()}); call off the FX thread. */
    public static GovernanceEngine engine(AppContext context) {
        Policy policy = context.services().policy();
        if (!policy.environmentWarnings().isEmpty()) {
            String warning = "⚠ " + String.join(" ", policy.environmentWarnings());
            Platform.runLater(() -> context.notify(warning));
        }
        return context.services().governance();
    }

    ReviewDesk desk() {
        return context.services().desk();
    }

    /** Who is acting, with the roles {@code principals} gives them now. Call off the FX thread. */
    Identity identity() {
        return Principals.resolve(context.registry(), context.user(), Optional.empty());
    }

    /** After a successful write: say what happened and reload every view. */
    void done(String message) {
        context.notify(message);
        context.changed();
    }
}
