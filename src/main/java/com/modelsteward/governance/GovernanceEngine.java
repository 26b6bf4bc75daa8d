package com.modelsteward.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.Policy;
import com.modelsteward.registry.ActivePointer;
import com.modelsteward.registry.AuditLine;
import com.modelsteward.registry.GrantedApproval;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Outbox;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.registry.RequestRecord;
import com.modelsteward.registry.Store;
import com.modelsteward.registry.StoreWork;
import com.modelsteward.registry.Timestamps;
import com.modelsteward.registry.VersionRegistration;
import com.modelsteward.registry.VersionState;
import com.modelsteward.trust.Signatures;
import com.modelsteward.trust.SignedHistory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The governance engine: requests, maker-checker decisions, atomic execution, O(1) rollback, history and retention.
 *
 * <p>Every public operation is one write transaction ({@link Registry#write}): it either does everything (state,
 * ACTIVE pointer, request status, audit entries, outbox event) or nothing. The database triggers of schema V002 check
 * the same rules again, so a bug here or a raw SQL writer cannot make a version ACTIVE without an approved request.
 * The {@code Store} variants run inside a caller's transaction (the demo generator builds its history with them).
 */
public final class GovernanceEngine {

    /** A request row as the engine needs it. */
    public record Request(String requestId, String modelId, String fromState, String toState, String requestedBy, String requestedAt,
                          String justification, String status, String gateReportJson, Boolean gatePassed, long modelRowVersion,
                          String scorecardDigest, int requiredApprovals, String requiredRole, String kind) {

        static Request of(RequestRecord row) {
            return new Request(row.requestId(), row.modelId(), row.fromState(), row.toState(), row.requestedBy(), row.requestedAt(),
                    row.justification(), row.status(), row.gateReportJson(), row.gatePassed(), row.modelRowVersion(),
                    row.scorecardDigest(), row.requiredApprovals(), row.requiredRole(), row.kind());
        }
    }

    public record RequestResult(String requestId, String modelId, String fromState, String toState, String status,
                                int requiredApprovals, String requiredRole, GateReport gateReport) {
    }

    public record DecisionResult(String requestId, String decision, String status, int approvals, int requiredApprovals,
                                 boolean executed, String gateReportDigest) {
    }

    public record RollbackResult(String requestId, String modelName, String fromModelId, String toModelId) {
    }

    /** One stretch of time during which a version was the ACTIVE one of its name; {@code until} is null for the current one. */
    public record ActivePeriod(String modelId, String from, String until, String cause, String actor, long auditSeq) {
    }

    /** A request that can no longer execute because its version or scorecards changed. */
    private static final class StaleRequest extends GovernanceException {
        private final String requestId;

        StaleRequest(String requestId, String why) {
            super(GovernanceException.ROLLOUT_DENIED, "request " + requestId + " is stale: " + why
                    + "; it has been marked STALE and cannot execute; request the transition again");
            this.requestId = requestId;
        }
    }

    /** A governed row disagrees with the signed history: written behind the app's back. */
    public static final String TAMPERED = "E_REGISTRY_TAMPERED";

    private static final Pattern TRIGGER_REFUSAL = Pattern.compile("(E_LEARN_[A-Z_]+): (.+)$");

    private final Registry registry;
    private final Policy policy;
    private final Clock clock;
    private final GateEvaluator evaluator;

    public GovernanceEngine(Registry registry, Policy policy, Clock clock) {
        this.registry = registry;
        this.policy = policy;
        this.clock = clock;
        this.evaluator = new GateEvaluator(registry, policy, clock);
    }

    public Policy policy() {
        return policy;
    }

    public GateEvaluator gateEvaluator() {
        return evaluator;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Requests
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Requests a transition. A transition the policy lets through without approvals executes at once (same transaction);
     * otherwise the request waits, PENDING, with its gate report snapshot.
     */
    public RequestResult request(Identity who, String modelId, String toState, String justification) {
        return write(store -> request(store, who, modelId, toState, justification));
    }

    public RequestResult request(Store store, Identity who, String modelId, String toState, String justification) {
        who.require(Role.ANALYST, "requesting a transition");
        if (justification == null || justification.isBlank()) {
            throw new GovernanceException("E_INVALID_INPUT", "a request needs a justification (--reason TEXT)");
        }
        ModelVersion model = store.versions().find(modelId)
                .orElseThrow(() -> new GovernanceException("E_NOT_FOUND", "no model version with id \"" + modelId + "\""));
        policy.checkCovers(List.of(model.state()));
        requireAgreesWithHistory(store, model, Set.of(), Set.of(who.user()));
        if (model.archived()) {
            throw denied(modelId + " is archived (retention); archived versions are kept for reproducibility only");
        }
        Policy.Transition transition = policy.transition(model.state(), toState).orElseThrow(() -> denied(
                model.state() + " -> " + toState + " is not allowed by policy " + policy.name() + "; from " + model.state()
                        + " it allows " + (policy.allowedFrom(model.state()).isEmpty() ? "nothing" : String.join(", ", policy.allowedFrom(model.state())))));
        if (toState.equals(policy.liveState()) && !policy.hasGates(model.modelType())) {
            throw new GovernanceException(GovernanceException.GATE_FAILED, GateEvaluator.noGates(model.modelType(), policy).reason());
        }
        store.requests().pendingFor(modelId).ifPresent(pending -> {
            throw denied("request " + pending + " for " + modelId + " is still pending; approve or reject it first");
        });
        GateReport report = evaluator.evaluate(store, model, transition);
        List<String> missingArtifacts = report.prerequisites().stream()
                .filter(p -> !p.passed() && (p.name().equals("training_config") || p.name().equals("data_snapshot")))
                .map(p -> p.name() + ": " + p.detail()).toList();
        if (!missingArtifacts.isEmpty()) {
            throw denied(modelId + " lacks the artifacts " + toState + " requires: " + String.join("; ", missingArtifacts));
        }
        boolean gatesPassed = report.checks().stream().allMatch(GateReport.GateCheck::passed);
        String digest = store.scorecards().digest(modelId);
        String reportJson = report.toCanonicalJson();
        String now = Timestamps.now(clock);
        String requestId = nextRequestId(store);
        store.requests().insertPromotion(requestId, modelId, model.state(), toState, who.user(), now, justification.strip(), reportJson,
                gatesPassed, model.rowVersion(), digest, transition.approvals().count(), transition.approvals().role(), policy.name());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("request_id", requestId);
        payload.put("model_id", modelId);
        payload.put("from_state", model.state());
        payload.put("to_state", toState);
        payload.put("justification", justification.strip());
        payload.put("gate_report_digest", CanonicalJson.sha256Hex(reportJson));
        payload.put("gate_passed", gatesPassed);
        payload.put("required_approvals", transition.approvals().count());
        payload.put("required_role", transition.approvals().role());
        payload.put("policy", policy.name());
        payload.put("kind", "PROMOTION");
        payload.put("requested_at", now);
        payload.put("model_row_version", model.rowVersion());
        payload.put("scorecard_digest", digest);
        payload.put("evidence", evidence(model));
        store.audit().append(clock, who.user(), "REQUEST", "request:" + requestId, payload);
        String status = "PENDING";
        if (transition.approvals().count() == 0) {
            // Same transaction, nothing written since the checks above but the request and its audit entry: the model,
            // its gate report and its scorecard digest are still those of this snapshot, so they are not read again.
            if (!report.passed()) {
                throw cannotExecute(requestId, report);
            }
            commit(store, who, loadRequest(store, requestId), transition, model, report, digest);
            status = "EXECUTED";
        }
        Signatures.seal(store, clock, who.user());
        return new RequestResult(requestId, modelId, model.state(), toState, status, transition.approvals().count(),
                transition.approvals().role(), report);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Decisions
    // ---------------------------------------------------------------------------------------------------------------

    /** Approves; the approval that completes the quorum executes the transition in the same transaction. */
    public DecisionResult approve(Identity who, String requestId, String comment) {
        return decide(who, requestId, comment, true);
    }

    /** Rejects; a rejection ends the request. */
    public DecisionResult reject(Identity who, String requestId, String comment) {
        return decide(who, requestId, comment, false);
    }

    private DecisionResult decide(Identity who, String requestId, String comment, boolean approve) {
        try {
            return write(store -> decide(store, who, requestId, comment, approve));
        } catch (StaleRequest stale) {
            markStale(stale.requestId, who, stale.getMessage());
            throw stale;
        }
    }

    public DecisionResult decide(Store store, Identity who, String requestId, String comment, boolean approve) {
        DecisionResult result = record(store, who, requestId, comment, approve);
        Signatures.seal(store, clock, who.user());
        return result;
    }

    private DecisionResult record(Store store, Identity who, String requestId, String comment, boolean approve) {
        if (comment == null || comment.isBlank()) {
            throw new GovernanceException("E_INVALID_INPUT", "a decision needs a comment (--comment TEXT)");
        }
        Request request = findRequest(store, requestId)
                .orElseThrow(() -> new GovernanceException("E_NOT_FOUND", "no request with id \"" + requestId + "\""));
        if (!request.status().equals("PENDING")) {
            throw denied("request " + requestId + " is " + request.status() + "; only a PENDING request can be "
                    + (approve ? "approved" : "rejected"));
        }
        Role role = Role.valueOf(request.requiredRole());
        who.require(role, approve ? "approving request " + requestId : "rejecting request " + requestId);
        if (who.user().equals(request.requestedBy())) {
            throw denied(who.user() + " requested " + requestId + " and cannot also decide it (maker-checker)");
        }
        ModelVersion model = store.versions().find(request.modelId()).orElseThrow();
        Set<String> people = new java.util.HashSet<>(store.approvals().approvers(requestId));
        people.add(who.user());
        people.add(request.requestedBy());
        requireAgreesWithHistory(store, model, Set.of(requestId), people);
        if (who.user().equals(model.createdBy())) {
            throw denied(who.user() + " created " + model.modelId() + " and cannot decide its promotion (maker-checker)");
        }
        boolean decided = store.approvals().hasDecided(requestId, who.user());
        if (decided) {
            throw denied(who.user() + " has already decided request " + requestId + "; a quorum needs distinct approvers");
        }
        if (approve) {
            checkNotStale(store, request, model);
        }
        String now = Timestamps.now(clock);
        // trust hook: the decision is recorded with the approver's signature over its canonical content (Signatures)
        String signature = Signatures.signDecision(store, who.user(), request, approve ? "APPROVE" : "REJECT",
                comment.strip(), now);
        store.approvals().insert(requestId, who.user(), approve ? "APPROVE" : "REJECT", comment.strip(), now, signature);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("request_id", requestId);
        payload.put("model_id", request.modelId());
        payload.put("decision", approve ? "APPROVE" : "REJECT");
        payload.put("comment", comment.strip());
        payload.put("decided_at", now);
        payload.put("signature", signature);
        payload.put("evidence", ReviewDesk.seenAtDecision(store, policy, clock.instant(), request, model));
        store.audit().append(clock, who.user(), approve ? "APPROVE" : "REJECT", "request:" + requestId, payload);
        int approvals = store.approvals().approvingCount(requestId);
        if (!approve) {
            store.requests().markRejected(requestId, now);
            return new DecisionResult(requestId, "REJECT", "REJECTED", approvals, request.requiredApprovals(), false, null);
        }
        if (approvals < request.requiredApprovals()) {
            return new DecisionResult(requestId, "APPROVE", "PENDING", approvals, request.requiredApprovals(), false, null);
        }
        Policy.Transition transition = policy.transition(request.fromState(), request.toState()).orElseThrow(() -> denied(
                request.fromState() + " -> " + request.toState() + " is no longer allowed by policy " + policy.name()));
        GateReport report = execute(store, who, request, transition);
        return new DecisionResult(requestId, "APPROVE", "EXECUTED", approvals, request.requiredApprovals(), true, report.digest());
    }

    /**
     * Refuses a request whose version, scorecards, baseline or baseline scorecards changed since it was made; returns the
     * current scorecard digest.
     */
    private String checkNotStale(Store store, Request request, ModelVersion model) {
        if (!model.state().equals(request.fromState())) {
            throw new StaleRequest(request.requestId(), model.modelId() + " is now " + model.state() + ", not " + request.fromState());
        }
        if (model.rowVersion() != request.modelRowVersion()) {
            throw new StaleRequest(request.requestId(), model.modelId() + " changed after the request was made (row_version "
                    + request.modelRowVersion() + " -> " + model.rowVersion() + ")");
        }
        String digest = store.scorecards().digest(model.modelId());
        if (request.scorecardDigest() != null && !request.scorecardDigest().equals(digest)) {
            throw new StaleRequest(request.requestId(), "the scorecards of " + model.modelId() + " changed after the request was made");
        }
        checkBaselineUnchanged(store, request, model);
        return digest;
    }

    /**
     * The candidate was judged against a baseline (the live version of its name and that version's scorecards): when
     * either changed since, the approvers saw evidence that no longer holds, so the request goes stale.
     */
    private void checkBaselineUnchanged(Store store, Request request, ModelVersion model) {
        if (request.gateReportJson() == null) {
            return;
        }
        GateReport frozen;
        try {
            frozen = GateReport.fromJson(request.gateReportJson());
        } catch (IllegalArgumentException unreadable) {
            throw new StaleRequest(request.requestId(), "its frozen gate report cannot be read (" + unreadable.getMessage() + ")");
        }
        String nowLive = store.versions().inState(model.modelName(), policy.liveState()).map(ModelVersion::modelId)
                .filter(id -> !id.equals(model.modelId())).orElse(null);
        if (!Objects.equals(frozen.baselineModelId(), nowLive)) {
            throw new StaleRequest(request.requestId(), "the " + policy.liveState() + " version of " + model.modelName() + " is now "
                    + (nowLive == null ? "none" : nowLive) + ", not " + (frozen.baselineModelId() == null ? "none" : frozen.baselineModelId())
                    + " as when the request was made");
        }
        if (nowLive != null && frozen.baselineScorecardDigest() != null
                && !frozen.baselineScorecardDigest().equals(store.scorecards().digest(nowLive))) {
            throw new StaleRequest(request.requestId(), "the scorecards of the baseline " + nowLive + " changed after the request was made");
        }
    }

    private void markStale(String requestId, Identity who, String why) {
        write(store -> {
            if (store.requests().markStale(requestId, Timestamps.now(clock))) {
                store.audit().append(clock, who.user(), "STALE", "request:" + requestId, Map.of("request_id", requestId, "reason", why));
                Signatures.seal(store, clock, who.user());
            }
            return null;
        });
    }

    /**
     * Executes an approved request inside the caller's transaction: re-checks state, row version and scorecards,
     * re-evaluates the gates on current data, moves the state and the ACTIVE pointer, audits and announces.
     */
    private GateReport execute(Store store, Identity who, Request request, Policy.Transition transition) {
        ModelVersion model = store.versions().find(request.modelId()).orElseThrow();
        String digest = checkNotStale(store, request, model);
        // trust hook: approvals whose signatures do not verify do not count (E_LEARN_APPROVAL_MISSING)
        Signatures.requireValidApprovals(store, request);
        GateReport report = evaluator.evaluate(store, model, transition);
        if (!report.passed()) {
            throw cannotExecute(request.requestId(), report);
        }
        commit(store, who, request, transition, model, report, digest);
        return report;
    }

    private static GovernanceException cannotExecute(String requestId, GateReport report) {
        boolean gates = report.checks().stream().anyMatch(c -> !c.passed());
        return new GovernanceException(gates ? GovernanceException.GATE_FAILED : GovernanceException.ROLLOUT_DENIED,
                "request " + requestId + " cannot execute: " + String.join("; ", report.failures())
                        + ". Nothing was changed; reject the request, or fix the cause and request again");
    }

    /**
     * The writes of an execution whose checks passed on this transaction's data: state, ACTIVE pointer, request status,
     * audit entries, retention, outbox event and the signed chain head. {@code digest} is the version's scorecard digest.
     */
    private void commit(Store store, Identity who, Request request, Policy.Transition transition, ModelVersion model, GateReport report,
                        String digest) {
        String now = Timestamps.now(clock);
        store.requests().markExecuting(request.requestId(), now);
        String live = policy.liveState();
        String previousLive = null;
        if (transition.to().equals(live)) {
            Optional<ModelVersion> previous = store.versions().inState(model.modelName(), live);
            previousLive = previous.map(ModelVersion::modelId).orElse(null);
            movePointer(store, model.modelName(), model.modelId(), previousLive, who);
            if (previousLive != null) {
                store.versions().setState(previousLive, policy.retiredState(), now);
                auditTransition(store, who, previous.get(), live, policy.retiredState(), request.requestId(), null, List.of(),
                        "replaced by " + model.modelId(), store.scorecards().digest(previousLive));
            }
        } else if (model.state().equals(live)) {
            store.versions().clearActive(model.modelName(), now, who.user());
        }
        store.versions().setState(model.modelId(), transition.to(), now);
        List<Map<String, Object>> approvals = store.approvals().granted(request.requestId()).stream().map(GovernanceEngine::asPayload).toList();
        auditTransition(store, who, model, model.state(), transition.to(), request.requestId(), report, approvals, request.justification(),
                digest);
        if (transition.to().equals(live) || model.state().equals(live)) {
            auditActiveChange(store, who, model.modelName(), transition.to().equals(live) ? model.modelId() : null,
                    transition.to().equals(live) ? previousLive : model.modelId(), transition.to().equals(live) ? "rollout" : "withdrawal",
                    request.requestId());
        }
        if (transition.to().equals(policy.retiredState()) || previousLive != null) {
            applyRetention(store, who, model.modelType());
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("request_id", request.requestId());
        event.put("model_id", model.modelId());
        event.put("model_name", model.modelName());
        event.put("from_state", model.state());
        event.put("to_state", transition.to());
        event.put("gate_report_digest", report.digest());
        event.put("approvers", approvals.stream().map(a -> a.get("approver")).toList());
        event.put("previous_active_id", previousLive);
        store.events().append(clock, who.user(), Outbox.ROLLOUT_COMPLETED, event);
    }

    /** An approval as a TRANSITION entry records it. */
    private static Map<String, Object> asPayload(GrantedApproval approval) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("approver", approval.approver());
        row.put("comment", approval.comment());
        row.put("decided_at", approval.decidedAt());
        return row;
    }

    private void movePointer(Store store, String modelName, String newActive, String previousActive, Identity who) {
        store.versions().pointTo(modelName, newActive, previousActive, Timestamps.now(clock), who.user());
    }

    private void auditTransition(Store store, Identity who, ModelVersion model, String from, String to, String requestId,
                                 GateReport report, List<Map<String, Object>> approvals, String why, String scorecardDigest) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("request_id", requestId);
        payload.put("model_id", model.modelId());
        payload.put("model_name", model.modelName());
        payload.put("from_state", from);
        payload.put("to_state", to);
        payload.put("reason", why);
        payload.put("approvals", approvals);
        if (report != null) {
            payload.put("gate_report", report);
            payload.put("gate_report_digest", report.digest());
        }
        Map<String, Object> lineage = new LinkedHashMap<>();
        lineage.put("parent_id", model.parentId());
        lineage.put("path_ref", model.pathRef());
        lineage.put("training_config_hash", model.trainingConfigHash());
        lineage.put("data_snapshot_ref", model.dataSnapshotRef());
        lineage.put("data_snapshot_hash", model.dataSnapshotHash());
        lineage.put("feature_graph_hash", model.featureGraphHash());
        lineage.put("code_commit", model.codeCommit());
        payload.put("lineage", lineage);
        payload.put("scorecard_digest", scorecardDigest);
        payload.put("state_changed_at", store.versions().stateChangedAt(model.modelId()));
        store.audit().append(clock, who.user(), "TRANSITION", "model:" + model.modelId(), payload);
    }

    private void auditActiveChange(Store store, Identity who, String modelName, String active, String previous, String cause, String requestId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("model_name", modelName);
        payload.put("active_model_id", active);
        payload.put("previous_active_id", previous);
        payload.put("cause", cause);
        payload.put("request_id", requestId);
        payload.put("last_known_good_id", store.versions().lastKnownGood(modelName).orElse(null));
        store.audit().append(clock, who.user(), "ACTIVE_CHANGED", activeEntity(modelName), payload);
    }

    private static String activeEntity(String modelName) {
        return "model_name:" + modelName;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Rollback
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Rolls a model name back to its last-known-good version: a fixed number of updates by primary key (the pointer, the
     * two versions, the request), whatever the registry's size. Needs a RISK_OFFICER and a reason.
     */
    public RollbackResult rollback(Identity who, String modelName, String reason) {
        return write(store -> rollback(store, who, modelName, reason));
    }

    public RollbackResult rollback(Store store, Identity who, String modelName, String reason) {
        who.require(Role.RISK_OFFICER, "rolling back " + modelName);
        if (reason == null || reason.isBlank()) {
            throw new GovernanceException("E_INVALID_INPUT", "a rollback needs a reason (--reason TEXT)");
        }
        ActivePointer pointer = store.versions().pointer(modelName)
                .orElseThrow(() -> denied("no version of " + modelName + " has ever been made " + policy.liveState() + " by this engine; nothing to roll back"));
        String current = pointer.activeModelId();
        String target = pointer.lastKnownGoodId();
        if (target == null) {
            throw denied(modelName + " has no last-known-good version to roll back to (it was never replaced, or was already rolled back)");
        }
        ModelVersion good = store.versions().find(target).orElseThrow();
        requireAgreesWithHistory(store, good, Set.of(), Set.of(who.user()));
        String now = Timestamps.now(clock);
        String requestId = nextRequestId(store);
        store.requests().insertRollback(requestId, target, good.state(), policy.liveState(), who.user(), now, reason.strip(), good.rowVersion(),
                policy.name());
        store.requests().markExecuting(requestId, now);
        store.versions().rollBackTo(modelName, target, now, who.user());
        if (current != null) {
            store.versions().setState(current, policy.retiredState(), now);
        }
        store.versions().setState(target, policy.liveState(), now);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("request_id", requestId);
        payload.put("model_name", modelName);
        payload.put("from_model_id", current);
        payload.put("to_model_id", target);
        payload.put("reason", reason.strip());
        Map<String, Object> event = new LinkedHashMap<>(payload);
        payload.put("kind", "ROLLBACK");
        payload.put("model_id", target);
        payload.put("from_state", good.state());
        payload.put("to_state", policy.liveState());
        payload.put("requested_at", now);
        payload.put("model_row_version", good.rowVersion());
        payload.put("required_approvals", 0);
        payload.put("required_role", Role.RISK_OFFICER.name());
        payload.put("policy", policy.name());
        Map<String, Object> states = new LinkedHashMap<>();
        for (String id : current == null ? List.of(target) : List.of(current, target)) {
            VersionState state = store.versions().stateOf(id);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("state", state.state());
            row.put("state_changed_at", state.stateChangedAt());
            states.put(id, row);
        }
        payload.put("states", states);
        store.audit().append(clock, who.user(), "ROLLBACK", activeEntity(modelName), payload);
        auditActiveChange(store, who, modelName, target, current, "rollback", requestId);
        event.put("rolled_back_by", who.user());
        store.events().append(clock, who.user(), Outbox.ROLLBACK_COMPLETED, event);
        Signatures.seal(store, clock, who.user());
        return new RollbackResult(requestId, modelName, current, target);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // History and retention
    // ---------------------------------------------------------------------------------------------------------------

    /** The version that was ACTIVE for {@code modelName} at {@code at}, from the audit trail; empty when none was. */
    public Optional<String> activeAt(String modelName, Instant at) {
        String ts = Timestamps.format(at);
        AuditLine last = null;
        for (AuditLine row : attestedActiveChanges(modelName)) {
            if (row.ts().compareTo(ts) <= 0) {
                last = row;
            }
        }
        return Optional.ofNullable(last).map(row -> text(row.payloadJson(), "active_model_id"));
    }

    /** Every ACTIVE period of a model name, oldest first, from the audit trail's attested entries. */
    public List<ActivePeriod> history(String modelName) {
        List<AuditLine> rows = attestedActiveChanges(modelName);
        List<ActivePeriod> periods = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            AuditLine row = rows.get(i);
            String active = text(row.payloadJson(), "active_model_id");
            if (active == null) {
                continue;
            }
            String until = i + 1 < rows.size() ? rows.get(i + 1).ts() : null;
            periods.add(new ActivePeriod(active, row.ts(), until, text(row.payloadJson(), "cause"), row.actor(), row.seq()));
        }
        return periods;
    }

    /**
     * The ACTIVE_CHANGED entries of a name that the signed history attests, oldest first: an entry written behind the
     * app's back (even correctly chained) would make {@code history} report a period that never happened.
     */
    private List<AuditLine> attestedActiveChanges(String modelName) {
        return registry.read(store -> {
            List<AuditLine> rows = store.audit().activeChanges(activeEntity(modelName));
            Set<Long> attested = SignedHistory.attested(store, rows.stream().map(AuditLine::seq).toList());
            return rows.stream().filter(row -> attested.contains(row.seq())).toList();
        });
    }

    /**
     * Keeps the newest {@code retainRetired} retired versions of a type selectable; older ones are marked archived (never
     * deleted). The last-known-good versions are never archived, so a rollback target always stays.
     */
    private void applyRetention(Store store, Identity who, String modelType) {
        int keep = policy.rulesFor(modelType).retainRetired();
        List<String> archived = store.versions().archivableRetired(modelType, policy.retiredState(), keep);
        if (archived.isEmpty()) {
            return;
        }
        String now = Timestamps.now(clock);
        for (String id : archived) {
            store.versions().archive(id, now);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("model_type", modelType);
        payload.put("retain_retired", keep);
        payload.put("archived", archived);
        store.audit().append(clock, who.user(), "RETENTION", "model_type:" + modelType, payload);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Registration and scorecards
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Registers a new version in the policy's initial state, created by the acting user (who can then never approve it).
     * A model type the policy does not name is refused (default deny): it would have no gates.
     */
    public void register(Identity who, InputFiles.NewVersion v) {
        who.require(Role.ANALYST, "registering a version");
        if (!policy.namesType(v.modelType())) {
            throw new GovernanceException("E_INVALID_INPUT", "model_type \"" + v.modelType() + "\" is not named by policy " + policy.name()
                    + ", which names " + String.join(", ", policy.typeNames()) + "; a type without rules has no gates and could never go live");
        }
        write(store -> {
            if (store.versions().find(v.modelId()).isPresent()) {
                throw new GovernanceException("E_INVALID_INPUT", "a version with model_id " + v.modelId() + " is already registered");
            }
            boolean taken = store.versions().exists(v.modelName(), v.version());
            if (taken) {
                throw new GovernanceException("E_INVALID_INPUT", v.modelName() + " version " + v.version() + " is already registered");
            }
            if (v.parentId() != null && store.versions().find(v.parentId()).isEmpty()) {
                throw new GovernanceException("E_INVALID_INPUT", "parent_id " + v.parentId() + " is not a registered version");
            }
            String now = Timestamps.now(clock);
            store.versions().insert(new VersionRegistration(v.modelId(), v.modelName(), v.modelType(), v.version(), v.parentId(), v.pathRef(),
                    v.trainingConfigJson(), v.trainingConfigHash(), v.dataSnapshotRef(), v.dataSnapshotHash(), v.featureGraphHash(),
                    v.codeCommit()), policy.initialState(), who.user(), now);
            ModelVersion registered = store.versions().find(v.modelId()).orElseThrow();
            Map<String, Object> payload = evidence(registered);
            payload.put("state", registered.state());
            payload.put("state_changed_at", registered.stateChangedAt());
            payload.put("created_at", registered.createdAt());
            store.audit().append(clock, who.user(), "REGISTER", "model:" + v.modelId(), payload);
            Signatures.seal(store, clock, who.user());
            return null;
        });
    }

    /** Imports scorecards in one transaction; a version's pending requests go stale when its scorecards change. */
    public int importScorecards(Identity who, List<InputFiles.ScorecardValue> values) {
        who.require(Role.ANALYST, "importing scorecards");
        return write(store -> {
            Map<String, Integer> perModel = new LinkedHashMap<>();
            for (InputFiles.ScorecardValue value : values) {
                if (!perModel.containsKey(value.modelId()) && store.versions().find(value.modelId()).isEmpty()) {
                    throw new GovernanceException("E_INVALID_INPUT", "scorecard on line " + value.line() + ": model_id " + value.modelId()
                            + " is not a registered version; nothing was imported");
                }
                store.scorecards().insert(value.modelId(), value.packId(), value.metric(), value.value(), value.generatedAt(), value.source());
                perModel.merge(value.modelId(), 1, Integer::sum);
            }
            for (Map.Entry<String, Integer> model : perModel.entrySet()) {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("model_id", model.getKey());
                payload.put("values", model.getValue());
                payload.put("scorecard_digest", store.scorecards().digest(model.getKey()));
                store.audit().append(clock, who.user(), "SCORECARDS_IMPORTED", "model:" + model.getKey(), payload);
            }
            Signatures.seal(store, clock, who.user());
            return values.size();
        });
    }

    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The registry's write path, with a refusal by one of the V002 triggers ("E_LEARN_…: sentence") reported under the
     * trigger's own code, so a rule the engine missed still reads like the engine's refusal.
     */
    private <R> R write(StoreWork<R> work) {
        try {
            return registry.write(work);
        } catch (GovernanceException refused) {
            throw refused;
        } catch (RegistryException failed) {
            Matcher trigger = TRIGGER_REFUSAL.matcher(String.valueOf(failed.getMessage()));
            if (trigger.find()) {
                throw new GovernanceException(trigger.group(1), trigger.group(2));
            }
            throw failed;
        }
    }

    public Optional<Request> findRequest(String requestId) {
        return registry.read(store -> findRequest(store, requestId));
    }

    public static Optional<Request> findRequest(Store store, String requestId) {
        return store.requests().find(requestId).map(Request::of);
    }

    /** REQ-000001, REQ-000002, …: requests are never deleted, so their numbers are never reused. */
    private static String nextRequestId(Store store) {
        return "REQ-%06d".formatted(store.requests().nextNumber());
    }

    private static Request loadRequest(Store store, String requestId) {
        return findRequest(store, requestId).orElseThrow();
    }

    private static String text(String json, String field) {
        try {
            var node = CanonicalJson.mapper().readTree(json).get(field);
            return node == null || node.isNull() ? null : node.asText();
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("audit payload is not JSON", unreadable);
        }
    }

    /**
     * Refuses to act on a registry whose rows this decision depends on disagree with the signed history (the version,
     * the live version of its name, the pointer, the request and its approvals, the people involved),
     * naming the row and the entry. Rows it does not depend on are left to {@code audit verify}: an unrelated edit must
     * not hold a rollback hostage.
     */
    private void requireAgreesWithHistory(Store store, ModelVersion model, Set<String> requestIds, Set<String> users) {
        Set<String> models = new java.util.HashSet<>();
        models.add(model.modelId());
        store.versions().pointer(model.modelName()).ifPresent(pointer -> java.util.stream.Stream.of(pointer.activeModelId(),
                pointer.lastKnownGoodId()).filter(java.util.Objects::nonNull).forEach(models::add));
        SignedHistory.Report report = SignedHistory.checkTransition(store,
                SignedHistory.Scope.transition(models, requestIds, users, Set.of(model.modelName())));
        if (!report.rowFindings().isEmpty()) {
            List<String> found = report.rowFindings().stream().map(SignedHistory.Finding::sentence).toList();
            throw new GovernanceException(TAMPERED, "the registry disagrees with its signed history, so nothing was changed: "
                    + found.getFirst() + (found.size() > 1 ? " (and " + (found.size() - 1) + " more; run `audit verify`)" : ""));
        }
    }

    /**
     * What a version is, as the history records it: the artifacts and hashes a decision relies on and who created it.
     * A later edit of any of them disagrees with the newest entry that recorded them (SignedHistory).
     */
    public static Map<String, Object> evidence(ModelVersion model) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("model_id", model.modelId());
        evidence.put("model_name", model.modelName());
        evidence.put("model_type", model.modelType());
        evidence.put("version", model.version());
        evidence.put("parent_id", model.parentId());
        evidence.put("path_ref", model.pathRef());
        evidence.put("training_config_json", model.trainingConfigJson());
        evidence.put("training_config_hash", model.trainingConfigHash());
        evidence.put("data_snapshot_ref", model.dataSnapshotRef());
        evidence.put("data_snapshot_hash", model.dataSnapshotHash());
        evidence.put("feature_graph_hash", model.featureGraphHash());
        evidence.put("code_commit", model.codeCommit());
        evidence.put("created_by", model.createdBy());
        return evidence;
    }

    private static GovernanceException denied(String message) {
        return new GovernanceException(GovernanceException.ROLLOUT_DENIED, message);
    }
}
