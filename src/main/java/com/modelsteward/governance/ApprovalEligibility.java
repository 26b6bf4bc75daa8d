package com.modelsteward.governance;

import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * May this identity approve (or reject) this request now, and if not, why — asked before the decision, so that the
 * console can disable Approve and write the reason next to it instead of letting the engine refuse afterwards.
 *
 * <p>The rules are the engine's ({@link GovernanceEngine#decide}): PENDING only, the required role (the sentence is the
 * one {@link Identity#require} would throw), maker-checker against requester and creator, one decision per person, and
 * for approval a request that is not stale and a candidate that passes its gates on current data. An approval of a
 * failing candidate is refused here even before the quorum is complete, because that quorum could never execute.
 */
public final class ApprovalEligibility {

    /** The reasons each decision is unavailable; empty lists mean the decision is open to this identity. */
    public record Verdict(List<String> approveBlockers, List<String> rejectBlockers) {

        public Verdict {
            approveBlockers = List.copyOf(approveBlockers);
            rejectBlockers = List.copyOf(rejectBlockers);
        }

        public boolean mayApprove() {
            return approveBlockers.isEmpty();
        }

        public boolean mayReject() {
            return rejectBlockers.isEmpty();
        }
    }

    private ApprovalEligibility() {
    }

    /**
     * @param current the gate report on current data for this request's transition; null when the transition is no
     *                longer allowed by the policy
     */
    static Verdict check(Store store, Identity who, GovernanceEngine.Request request, ModelVersion model, GateReport current) {
        List<String> both = decisionBlockers(store, who, request, model);
        List<String> approve = new ArrayList<>(both);
        if (request.status().equals("PENDING")) {
            approve.addAll(staleness(store, request, model));
            if (current == null) {
                approve.add(request.fromState() + " -> " + request.toState() + " is no longer allowed by the policy");
            } else {
                current.failures().forEach(failure -> approve.add("fails on current data: " + failure));
            }
        }
        return new Verdict(approve, both);
    }

    /**
     * Why {@code who} may not decide the request at all, approve or reject (status, role, maker-checker, one decision per
     * person); empty when the decision is theirs to make. The Overview lists the requests for which this is empty.
     */
    static List<String> decisionBlockers(Store store, Identity who, GovernanceEngine.Request request, ModelVersion model) {
        List<String> both = new ArrayList<>();
        if (!request.status().equals("PENDING")) {
            both.add("request " + request.requestId() + " is " + request.status() + "; only a PENDING request can be decided");
        }
        try {
            who.require(Role.valueOf(request.requiredRole()), "deciding request " + request.requestId());
        } catch (GovernanceException wrongRole) {
            both.add(wrongRole.getMessage());
        }
        if (who.user().equals(request.requestedBy())) {
            both.add(who.user() + " requested " + request.requestId() + " and cannot also decide it (maker-checker)");
        }
        if (who.user().equals(model.createdBy())) {
            both.add(who.user() + " created " + model.modelId() + " and cannot decide its promotion (maker-checker)");
        }
        boolean decided = store.approvals().hasDecided(request.requestId(), who.user());
        if (decided) {
            both.add(who.user() + " has already decided request " + request.requestId() + "; a quorum needs distinct approvers");
        }
        return both;
    }

    /** The engine's stale-request rules, as sentences (the engine marks such a request STALE when someone approves it). */
    static List<String> staleness(Store store, GovernanceEngine.Request request, ModelVersion model) {
        List<String> stale = new ArrayList<>();
        if (!model.state().equals(request.fromState())) {
            stale.add("the request is stale: " + model.modelId() + " is now " + model.state() + ", not " + request.fromState());
        } else if (model.rowVersion() != request.modelRowVersion()) {
            stale.add("the request is stale: " + model.modelId() + " changed after the request was made (row_version "
                    + request.modelRowVersion() + " -> " + model.rowVersion() + ")");
        } else if (request.scorecardDigest() != null
                && !request.scorecardDigest().equals(store.scorecards().digest(model.modelId()))) {
            stale.add("the request is stale: the scorecards of " + model.modelId() + " changed after the request was made");
        }
        return stale;
    }
}
