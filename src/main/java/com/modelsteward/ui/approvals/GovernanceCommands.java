package com.modelsteward.ui.approvals;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Principals;
import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.policy.Policy;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.DialogService;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;

/**
 * What the governance view models need from the open registry — the engine, the review desk, who is acting, what they
 * may do, and "a write happened" — without opening any dialog, so that view models and their tests never reach a
 * window. {@link GovernanceActions} opens the dialogs.
 */
public final class GovernanceCommands {

    private final AppContext context;

    public GovernanceCommands(AppContext context) {
        this.context = context;
    }

    public AppContext context() {
        return context;
    }

    /**
     * The engine with the policy the command line uses: the one an ADMIN stored in the registry (else the built-in L3-12
     * policy), with the LEARN_* environment keys. Kept by the registry's services and rebuilt when the policy in force
     * changes, so a newly stored policy is never missed. It may read the registry: call off the FX thread.
     */
    public static GovernanceEngine engine(AppContext context) {
        Policy policy = context.services().policy();
        if (!policy.environmentWarnings().isEmpty()) {
            String warning = "⚠ " + String.join(" ", policy.environmentWarnings());
            Platform.runLater(() -> context.notify(warning));
        }
        return context.services().governance();
    }

    /** The governance engine for the open registry (see {@link #engine}); call off the FX thread. */
    GovernanceEngine service() {
        return engine(context);
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

    /** Added to every action's reasons when the registry is open read-only. */
    List<String> readOnlyBlockers() {
        return context.registry().isReadOnly() ? List.of("the registry is open read-only") : List.of();
    }

    /** The actions offered on a version (policy and rollback target). Runs SQL: call off the FX thread. */
    public List<ReviewDesk.VersionAction> actionsFor(String modelId) {
        return desk().actionsFor(modelId);
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

    /** An engine refusal as a plain sentence with its code; any other failure as a sentence, never a stack trace. */
    static String refusalSentence(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof RegistryException)) {
            cause = cause.getCause();
        }
        if (cause instanceof RegistryException refused) {
            String message = refused.getMessage();
            String sentence = Character.toUpperCase(message.charAt(0)) + message.substring(1);
            return "The governance engine refused (" + refused.code() + "): " + sentence + (sentence.endsWith(".") ? "" : ".");
        }
        return "The decision failed: " + DialogService.describe(failure);
    }

    /** "You cannot …:\n• first\n• second" */
    static String bullets(String heading, List<String> reasons) {
        return heading + ":\n• " + String.join("\n• ", reasons);
    }
}
