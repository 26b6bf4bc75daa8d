package com.modelsteward.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.Policy;
import com.modelsteward.registry.ActivePointer;
import com.modelsteward.registry.ActorPayload;
import com.modelsteward.registry.DriftResultRow;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.RecordedDecision;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RequestQueueRow;
import com.modelsteward.registry.Scorecard;
import com.modelsteward.registry.Store;
import com.modelsteward.registry.Timestamps;
import com.modelsteward.registry.TransitionRequestRow;
import com.modelsteward.trust.Keys;
import com.modelsteward.trust.Signatures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the console shows around a decision, each read in one snapshot: the approvals queue, the evidence for one
 * request, the preview of a request about to be made, and the preview of a rollback. Read-only; the decisions
 * themselves go through {@link GovernanceEngine}.
 */
public final class ReviewDesk {

    /** One row of the approvals queue; {@code gateFailures} counts the failed checks of the request's gate snapshot. */
    public record QueueRow(String requestId, String kind, String modelId, String modelName, String version, String fromState,
                           String toState, String requestedBy, String requestedAt, String justification, String status,
                           int gateFailures, List<String> failedChecks, int approvals, int requiredApprovals, String decidedAt,
                           String decidedBy, String decisionComment) {
    }

    /**
     * One decision already recorded on a request, with what its approver saw when deciding ({@code seen}, empty for a
     * decision recorded before the APPROVE/REJECT entry carried its evidence) and whether its signature verifies now.
     */
    public record Decision(String approver, String decision, String comment, String decidedAt, Optional<Seen> seen,
                           SignatureStatus signature) {
    }

    /**
     * What an approver saw at the moment of deciding, as recorded in the decision's audit entry ({@code evidence}).
     *
     * @param replaces the live version the request would replace then, null when none was live
     * @param worstSeverity the worst drift severity of the version then, null when none was computed
     */
    public record Seen(String gateReportDigest, String replaces, TimeInState timeInState, String worstSeverity,
                       String worstPsiFeature, Double worstPsi, String policyName, String policyDigest) {
    }

    /** Whether a decision's signature verifies, against whose key ({@code fingerprint}), or why not ({@code problem}). */
    public record SignatureStatus(String signer, String fingerprint, String problem) {

        public boolean verified() {
            return problem == null;
        }
    }

    /** What a decided request replaced in the live state, as the history recorded it. */
    public record Replaced(Kind kind, String modelId) {

        public enum Kind {
            /** The request does not move a version into the live state. */
            NOT_APPLICABLE,
            /** It executed; {@code modelId} (null: nothing) was the live version it replaced (ACTIVE_CHANGED). */
            REPLACED,
            /** It did not execute; {@code modelId} (null: nothing) was live when it was last decided. */
            WOULD_HAVE_REPLACED,
            /** It did not execute and was decided before decisions recorded what they would replace. */
            NOT_RECORDED
        }
    }

    /**
     * A request that is no longer PENDING, shown as it was decided: its frozen gate report (in {@link Evidence#currentReport}),
     * what it replaced, what the deciding approver saw ({@code atDecision}, empty when not recorded) and, once executed,
     * the TRANSITION entry's time and gate report digest.
     *
     * @param shownAsOf the time the evidence is shown as of: the last decision, else the execution, else the request
     */
    public record Decided(String status, String shownAsOf, Replaced replaced, Optional<Seen> atDecision, String executedAt,
                          String executionReportDigest) {
    }

    /** A required artifact and the hash that pins it; {@code hash} null means missing. */
    public record Artifact(String name, String reference, String hash) {

        public boolean present() {
            return hash != null && !hash.isBlank();
        }
    }

    /**
     * A training-config key whose value differs between two versions (either side null when the key is absent; values
     * are text as stored, JSON for lists and objects).
     */
    public record ConfigChange(String key, String parentValue, String value) {

        /**
         * The change in full, in words: "added: 0.1", "removed (was 0.05)", "0.05 → 0.1", and for two lists which
         * elements went and came ("removed funding_rate, order_imbalance; added vol_20d"), so that nothing decisive
         * hides behind an ellipsis.
         */
        public String describe() {
            if (parentValue == null) {
                return "added: " + value;
            }
            if (value == null) {
                return "removed (was " + parentValue + ")";
            }
            List<String> before = elements(parentValue);
            List<String> after = elements(value);
            if (before == null || after == null) {
                return parentValue + " → " + value;
            }
            List<String> removed = new ArrayList<>(before);
            after.forEach(removed::remove);
            List<String> added = new ArrayList<>(after);
            before.forEach(added::remove);
            List<String> parts = new ArrayList<>();
            if (!removed.isEmpty()) {
                parts.add("removed " + String.join(", ", removed));
            }
            if (!added.isEmpty()) {
                parts.add("added " + String.join(", ", added));
            }
            return parts.isEmpty() ? "the same elements in another order: " + value : String.join("; ", parts);
        }

        /** A JSON list's elements as text (strings without their quotes), or null when the value is not a list. */
        private static List<String> elements(String text) {
            if (!text.startsWith("[")) {
                return null;
            }
            try {
                JsonNode list = CanonicalJson.mapper().readTree(text);
                if (!list.isArray()) {
                    return null;
                }
                List<String> elements = new ArrayList<>();
                list.forEach(element -> elements.add(element.isTextual() ? element.asText() : element.toString()));
                return elements;
            } catch (JsonProcessingException notJson) {
                return null;
            }
        }
    }

    /** Time in the current state against the policy's shadow period. */
    public record TimeInState(String state, String since, Duration elapsed, int requiredDays, boolean required) {

        public boolean satisfied() {
            return !required || elapsed.compareTo(Duration.ofDays(requiredDays)) >= 0;
        }
    }

    /**
     * Everything the approval dialog shows for one request. For a PENDING request the gates, the version it would
     * replace, the time in state and the drift are today's; for a decided one ({@code decided} present) they are what
     * was recorded: the report is the frozen one, and {@code replaces}, {@code timeInState} and {@code drift} are empty —
     * today's values would misstate what the approver saw.
     */
    public record Evidence(GovernanceEngine.Request request, ModelVersion model, Optional<ModelVersion> parent,
                           List<ConfigChange> configChanges, Optional<ModelVersion> replaces, GateReport currentReport,
                           List<Artifact> artifacts, TimeInState timeInState, List<DriftResultRow> drift,
                           List<Decision> decisions, ApprovalEligibility.Verdict verdict, String liveState, String retiredState,
                           Optional<Decided> decided) {

        /** How the config differs from the live version this one would replace (empty when it replaces none). */
        public List<ConfigChange> configChangesAgainstReplaced() {
            return replaces.map(live -> ReviewDesk.configChanges(live, model)).orElse(List.of());
        }

        public long approvalsSoFar() {
            return decisions.stream().filter(d -> d.decision().equals("APPROVE")).map(Decision::approver).distinct().count();
        }

        /** The worst drift severity of the version's latest results, empty when nothing was computed. */
        public Optional<String> worstSeverity() {
            return ReviewDesk.worstSeverity(drift);
        }

        public Optional<DriftResultRow> worstPsi() {
            return ReviewDesk.worstPsi(drift);
        }
    }

    /** What the request dialog shows before anything is written. */
    public record RequestPreview(ModelVersion model, String toState, boolean retirement, int requiredApprovals, String requiredRole,
                                 GateReport report, Optional<ModelVersion> replaces, Optional<String> pendingRequestId,
                                 List<String> blockers) {

        public boolean mayRequest() {
            return blockers.isEmpty();
        }

        /** A transition without approvals executes as soon as it is requested. */
        public boolean executesAtOnce() {
            return requiredApprovals == 0;
        }
    }

    /** What the rollback dialog previews: the switch and both versions' latest scorecards. */
    public record RollbackPreview(String modelName, Optional<ModelVersion> current, Optional<ModelVersion> target,
                                  Map<String, Map<String, Double>> currentScores, Map<String, Map<String, Double>> targetScores,
                                  List<String> blockers, String liveState, String retiredState) {

        public boolean mayRollBack() {
            return blockers.isEmpty();
        }
    }

    /** What may be asked for a version from its state: a promotion, a retirement, or (on the live version) a rollback. */
    public record VersionAction(Kind kind, String toState, String label, Role role) {

        public enum Kind { PROMOTE, RETIRE, ROLL_BACK }
    }

    /**
     * A PENDING request {@code who} may decide now (the approval dialog's eligibility: role, neither requester nor creator,
     * not yet decided by them), with its gates on current data and when it was opened.
     *
     * @param gatesPassed prerequisites and metric checks that pass now, of {@code gatesTotal}; both 0 when the policy no
     *                    longer allows the transition
     */
    public record Decidable(String requestId, String modelId, String modelName, String version, String fromState, String toState,
                            String requestedBy, String requestedAt, int gatesPassed, int gatesTotal) {
    }

    private final Registry registry;
    private final GovernanceEngine service;
    private final Clock clock;

    public ReviewDesk(GovernanceEngine service, Registry registry, Clock clock) {
        this.service = service;
        this.registry = registry;
        this.clock = clock;
    }

    private Policy policy() {
        return service.policy();
    }

    /** Every request, newest first, with its gate summary and decisions. */
    public List<QueueRow> queue() {
        return registry.read(store -> {
            List<QueueRow> queue = new ArrayList<>();
            for (RequestQueueRow row : store.requests().queue()) {
                String json = row.gateReportJson();
                List<String> failed = json == null ? List.of() : GateReport.fromJson(json).failures();
                String kind = row.kind();
                String decidedBy = row.decidedBy();
                if (decidedBy == null && "ROLLBACK".equals(kind)) {
                    decidedBy = row.requestedBy();
                }
                queue.add(new QueueRow(row.requestId(), kind, row.modelId(), row.modelName(), row.version(), row.fromState(),
                        row.toState(), row.requestedBy(), row.requestedAt(), row.justification(), row.status(),
                        json == null ? -1 : failed.size(), failed, row.approvals(), row.requiredApprovals(), row.decidedAt(), decidedBy,
                        row.decisionComment()));
            }
            return queue;
        });
    }

    /** The PENDING requests {@code who} may decide, oldest first: the risk officer's share of the queue. */
    public List<Decidable> decidableBy(Identity who) {
        return registry.read(store -> {
            List<Decidable> open = new ArrayList<>();
            for (TransitionRequestRow row : store.catalog().requests(Optional.of("PENDING")).reversed()) {
                Optional<GovernanceEngine.Request> request = GovernanceEngine.findRequest(store, row.requestId());
                Optional<ModelVersion> model = store.versions().find(row.modelId());
                if (request.isEmpty() || model.isEmpty()
                        || !ApprovalEligibility.decisionBlockers(store, who, request.get(), model.get()).isEmpty()) {
                    continue;
                }
                GateReport gates = policy().transition(row.fromState(), row.toState())
                        .map(t -> service.gateEvaluator().evaluate(store, model.get(), t)).orElse(null);
                int total = gates == null ? 0 : gates.prerequisites().size() + gates.checks().size();
                int passed = gates == null ? 0 : (int) (gates.prerequisites().stream().filter(GateReport.PrerequisiteCheck::passed).count()
                        + gates.checks().stream().filter(GateReport.GateCheck::passed).count());
                open.add(new Decidable(row.requestId(), row.modelId(), row.modelName(), row.version(), row.fromState(), row.toState(),
                        row.requestedBy(), row.requestedAt(), passed, total));
            }
            return open;
        });
    }

    /**
     * The evidence for one request as seen by {@code who} now: a PENDING request's gates re-evaluated on current data,
     * eligibility included; a decided request's evidence as it was recorded ({@link Decided}).
     */
    public Evidence evidence(String requestId, Identity who) {
        return registry.read(store -> {
            GovernanceEngine.Request request = GovernanceEngine.findRequest(store, requestId)
                    .orElseThrow(() -> new GovernanceException("E_NOT_FOUND", "no request with id \"" + requestId + "\""));
            ModelVersion model = store.versions().find(request.modelId()).orElseThrow();
            Optional<ModelVersion> parent = model.parentId() == null ? Optional.empty() : store.versions().find(model.parentId());
            List<Decision> decisions = decisions(store, request);
            GateReport frozen = request.gateReportJson() == null ? null : GateReport.fromJson(request.gateReportJson());
            if (!request.status().equals("PENDING")) {
                Decided decided = decided(store, request, decisions);
                return new Evidence(request, model, parent, configChanges(parent.orElse(null), model), Optional.empty(), frozen,
                        artifacts(store, model), decided.atDecision().map(Seen::timeInState).orElse(null), List.of(), decisions,
                        ApprovalEligibility.check(store, who, request, model, null), policy().liveState(), policy().retiredState(),
                        Optional.of(decided));
            }
            Optional<Policy.Transition> transition = policy().transition(request.fromState(), request.toState());
            GateReport current = transition.map(t -> service.gateEvaluator().evaluate(store, model, t)).orElse(null);
            GateReport shown = current != null ? current : frozen;
            return new Evidence(request, model, parent, configChanges(parent.orElse(null), model),
                    replaces(store, policy(), model, request.toState()), shown, artifacts(store, model),
                    timeInState(policy(), clock.instant(), model, transition.orElse(null)), store.drift().latestResults(model.modelId()),
                    decisions, ApprovalEligibility.check(store, who, request, model, current), policy().liveState(), policy().retiredState(),
                    Optional.empty());
        });
    }

    /**
     * What an approver sees when deciding, recorded in the APPROVE/REJECT entry as {@code evidence} (docs/schema.md) so
     * that a decided request can be shown as it was: the gate report the decision is made on, the live version it would
     * replace, the time in the prior state against the policy's requirement, the version's worst drift, and the policy.
     */
    static Map<String, Object> seenAtDecision(Store store, Policy policy, Instant now, GovernanceEngine.Request request,
                                              ModelVersion model) {
        TimeInState time = timeInState(policy, now, model, policy.transition(request.fromState(), request.toState()).orElse(null));
        Map<String, Object> timeInState = new LinkedHashMap<>();
        timeInState.put("state", time.state());
        timeInState.put("since", time.since());
        timeInState.put("elapsed_seconds", time.elapsed().toSeconds());
        timeInState.put("required_days", time.requiredDays());
        timeInState.put("required", time.required());
        List<DriftResultRow> rows = store.drift().latestResults(model.modelId());
        Optional<DriftResultRow> worstPsi = worstPsi(rows);
        Map<String, Object> drift = new LinkedHashMap<>();
        drift.put("worst_severity", worstSeverity(rows).orElse(null));
        drift.put("worst_psi_feature", worstPsi.map(DriftResultRow::feature).orElse(null));
        drift.put("worst_psi", worstPsi.map(DriftResultRow::psi).orElse(null));
        Map<String, Object> policyInForce = new LinkedHashMap<>();
        policyInForce.put("name", policy.name());
        policyInForce.put("digest", policy.digest());
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("gate_report_digest", request.gateReportJson() == null ? null : CanonicalJson.sha256Hex(request.gateReportJson()));
        seen.put("replaces", replaces(store, policy, model, request.toState()).map(ModelVersion::modelId).orElse(null));
        seen.put("time_in_state", timeInState);
        seen.put("drift", drift);
        seen.put("policy", policyInForce);
        return seen;
    }

    /** The request's decisions in order, each with what its approver saw and whether its signature verifies now. */
    private static List<Decision> decisions(Store store, GovernanceEngine.Request request) {
        Map<String, Seen> seen = new java.util.HashMap<>();
        for (ActorPayload row : store.audit().decisionEntries("request:" + request.requestId())) {
            recordedSeen(CanonicalJson.parse(row.payloadJson()).path("evidence")).ifPresent(s -> seen.put(row.actor(), s));
        }
        return store.approvals().forRequest(request.requestId()).stream()
                .map(r -> new Decision(r.approver(), r.decision(), r.comment(), r.decidedAt(), Optional.ofNullable(seen.get(r.approver())),
                        signatureStatus(store, request, r)))
                .toList();
    }

    private static SignatureStatus signatureStatus(Store store, GovernanceEngine.Request request, RecordedDecision row) {
        String approver = row.approver();
        Optional<String> problem = Signatures.decisionProblem(store, request, approver, row.decision(),
                row.comment(), row.decidedAt(), row.signature());
        String key = Signatures.trustedKey(store, approver).publicKey();
        return new SignatureStatus(approver, key == null ? null : Keys.fingerprint(key), problem.orElse(null));
    }

    private static Optional<Seen> recordedSeen(JsonNode evidence) {
        if (!evidence.isObject()) {
            return Optional.empty();
        }
        JsonNode time = evidence.path("time_in_state");
        JsonNode drift = evidence.path("drift");
        JsonNode policy = evidence.path("policy");
        return Optional.of(new Seen(text(evidence, "gate_report_digest"), text(evidence, "replaces"),
                new TimeInState(text(time, "state"), text(time, "since"), Duration.ofSeconds(time.path("elapsed_seconds").asLong()),
                        time.path("required_days").asInt(), time.path("required").asBoolean()),
                text(drift, "worst_severity"), text(drift, "worst_psi_feature"),
                drift.path("worst_psi").isNumber() ? drift.path("worst_psi").asDouble() : null,
                text(policy, "name"), text(policy, "digest")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** A decided request from its entries: the deciding decision's evidence, ACTIVE_CHANGED for what it replaced, TRANSITION. */
    private Decided decided(Store store, GovernanceEngine.Request request, List<Decision> decisions) {
        Optional<Seen> atDecision = decisions.isEmpty() ? Optional.empty() : decisions.getLast().seen();
        Optional<JsonNode> transition = store.audit().transitionPayloads("model:" + request.modelId()).stream().map(CanonicalJson::parse)
                .filter(p -> request.requestId().equals(text(p, "request_id")) && request.modelId().equals(text(p, "model_id")))
                .reduce((first, second) -> second);
        Optional<JsonNode> activeChange = store.audit()
                .activeChangePayloads("model_name:" + store.versions().find(request.modelId()).orElseThrow().modelName())
                .stream().map(CanonicalJson::parse)
                .filter(p -> request.requestId().equals(text(p, "request_id"))).reduce((first, second) -> second);
        Replaced replaced;
        if (!request.toState().equals(policy().liveState())) {
            replaced = new Replaced(Replaced.Kind.NOT_APPLICABLE, null);
        } else if (activeChange.isPresent()) {
            replaced = new Replaced(Replaced.Kind.REPLACED, text(activeChange.get(), "previous_active_id"));
        } else if (atDecision.isPresent()) {
            replaced = new Replaced(Replaced.Kind.WOULD_HAVE_REPLACED, atDecision.get().replaces());
        } else {
            replaced = new Replaced(Replaced.Kind.NOT_RECORDED, null);
        }
        String executedAt = transition.map(t -> text(t, "state_changed_at")).orElse(null);
        String shownAsOf = !decisions.isEmpty() ? decisions.getLast().decidedAt() : executedAt != null ? executedAt : request.requestedAt();
        return new Decided(request.status(), shownAsOf, replaced, atDecision, executedAt,
                transition.map(t -> text(t, "gate_report_digest")).orElse(null));
    }

    /** The request dialog's content: the gate report as it stands now and every reason the request would be refused. */
    public RequestPreview previewRequest(String modelId, String toState, Identity who) {
        return registry.read(store -> {
            ModelVersion model = store.versions().find(modelId)
                    .orElseThrow(() -> new GovernanceException("E_NOT_FOUND", "no model version with id \"" + modelId + "\""));
            List<String> blockers = new ArrayList<>();
            try {
                who.require(Role.ANALYST, "requesting a transition");
            } catch (GovernanceException wrongRole) {
                blockers.add(wrongRole.getMessage());
            }
            if (model.archived()) {
                blockers.add(modelId + " is archived (retention); archived versions are kept for reproducibility only");
            }
            Optional<Policy.Transition> transition = policy().transition(model.state(), toState);
            if (transition.isEmpty()) {
                blockers.add(model.state() + " -> " + toState + " is not allowed by policy " + policy().name());
                return new RequestPreview(model, toState, toState.equals(policy().retiredState()), 0, Role.RISK_OFFICER.name(), null, Optional.empty(), Optional.empty(), blockers);
            }
            Optional<String> pending = store.requests().pendingFor(modelId);
            pending.ifPresent(id -> blockers.add("request " + id + " for " + modelId + " is still pending; it must be approved or rejected first"));
            GateReport report = service.gateEvaluator().evaluate(store, model, transition.get());
            report.prerequisites().stream()
                    .filter(p -> !p.passed() && (p.name().equals("training_config") || p.name().equals("data_snapshot")))
                    .forEach(p -> blockers.add(p.name() + ": " + p.detail()));
            Policy.Approvals approvals = transition.get().approvals();
            return new RequestPreview(model, toState, toState.equals(policy().retiredState()), approvals.count(), approvals.role(), report, replaces(store, policy(), model, toState),
                    pending, blockers);
        });
    }

    /** The rollback dialog's content for a model name. */
    public RollbackPreview previewRollback(String modelName, Identity who) {
        return registry.read(store -> {
            List<String> blockers = new ArrayList<>();
            try {
                who.require(Role.RISK_OFFICER, "rolling back " + modelName);
            } catch (GovernanceException wrongRole) {
                blockers.add(wrongRole.getMessage());
            }
            Optional<ActivePointer> pointer = store.versions().pointer(modelName);
            Optional<ModelVersion> current = pointer.map(ActivePointer::activeModelId).flatMap(id -> store.versions().find(id));
            Optional<ModelVersion> target = pointer.map(ActivePointer::lastKnownGoodId).flatMap(id -> store.versions().find(id));
            if (pointer.isEmpty()) {
                blockers.add("no version of " + modelName + " has ever been made " + policy().liveState() + " by the governance engine");
            } else if (target.isEmpty()) {
                blockers.add(modelName + " has no last-known-good version to roll back to (it was never replaced, or was already rolled back)");
            }
            return new RollbackPreview(modelName, current, target,
                    current.map(v -> GateEvaluator.latestValues(store.scorecards().latest(v.modelId()))).orElse(Map.of()),
                    target.map(v -> GateEvaluator.latestValues(store.scorecards().latest(v.modelId()))).orElse(Map.of()),
                    blockers, policy().liveState(), policy().retiredState());
        });
    }

    /** The actions the policy allows from the version's state; none for an archived or unknown version. */
    public List<VersionAction> actionsFor(String modelId) {
        return registry.read(store -> {
            Optional<ModelVersion> found = store.versions().find(modelId);
            if (found.isEmpty() || found.get().archived() || !policy().states().contains(found.get().state())) {
                return List.of();
            }
            ModelVersion model = found.get();
            List<VersionAction> actions = new ArrayList<>();
            for (String to : policy().allowedFrom(model.state())) {
                actions.add(to.equals(policy().retiredState())
                        ? new VersionAction(VersionAction.Kind.RETIRE, to, "Retire…", Role.ANALYST)
                        : new VersionAction(VersionAction.Kind.PROMOTE, to, "Request promotion to " + to + "…", Role.ANALYST));
            }
            if (model.state().equals(policy().liveState())) {
                store.versions().lastKnownGoodWhileActive(model.modelName(), modelId).filter(Objects::nonNull)
                        .ifPresent(target -> actions.add(new VersionAction(VersionAction.Kind.ROLL_BACK, policy().liveState(),
                                "Roll back to " + target + "…", Role.RISK_OFFICER)));
            }
            return actions;
        });
    }

    /** Whether a request for {@code modelId} waits for a decision. */
    public boolean hasPendingRequest(String modelId) {
        return registry.read(store -> store.requests().pendingFor(modelId).isPresent());
    }

    /** The version a rollback of {@code modelName} would return to, if any (decides whether "Roll back" is offered). */
    public Optional<String> lastKnownGood(String modelName) {
        return registry.read(store -> store.versions().lastKnownGood(modelName).filter(Objects::nonNull));
    }

    private static Optional<ModelVersion> replaces(Store store, Policy policy, ModelVersion model, String toState) {
        if (!toState.equals(policy.liveState())) {
            return Optional.empty();
        }
        return store.versions().inState(model.modelName(), policy.liveState())
                .filter(live -> !live.modelId().equals(model.modelId()));
    }

    private static TimeInState timeInState(Policy policy, Instant now, ModelVersion model, Policy.Transition transition) {
        Duration elapsed = Duration.between(Timestamps.parse(model.stateChangedAt()), now);
        boolean required = transition != null && transition.requires("shadow_period");
        return new TimeInState(model.state(), model.stateChangedAt(), elapsed, policy.rulesFor(model.modelType()).shadowDurationDays(), required);
    }

    /** The worst severity among drift results, empty when nothing was computed. */
    static Optional<String> worstSeverity(List<DriftResultRow> drift) {
        for (String severity : List.of("SEVERE", "MODERATE", "NORMAL", "NO_DATA")) {
            if (drift.stream().anyMatch(d -> severity.equals(d.severity()))) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }

    static Optional<DriftResultRow> worstPsi(List<DriftResultRow> drift) {
        return drift.stream().filter(d -> d.psi() != null).max((a, b) -> Double.compare(a.psi(), b.psi()));
    }

    /** Training config, data snapshot, scorecards per required pack, code commit, feature graph. */
    private List<Artifact> artifacts(Store store, ModelVersion model) {
        List<Artifact> artifacts = new ArrayList<>();
        artifacts.add(new Artifact("Training config", "training_config_json", model.trainingConfigHash()));
        artifacts.add(new Artifact("Data snapshot", model.dataSnapshotRef(), model.dataSnapshotHash()));
        List<Scorecard> scores = store.scorecards().latest(model.modelId());
        for (String pack : policy().rulesFor(model.modelType()).evalPacks()) {
            List<Scorecard> ofPack = scores.stream().filter(s -> s.packId().equals(pack)).toList();
            String digest = ofPack.isEmpty() ? null : CanonicalJson.sha256Hex(CanonicalJson.write(ofPack.stream()
                    .map(s -> List.of(s.metric(), String.valueOf(s.value()), s.generatedAt())).toList()));
            artifacts.add(new Artifact("Scorecards " + pack, ofPack.size() + " metrics", digest));
        }
        artifacts.add(new Artifact("Code commit", "git", model.codeCommit()));
        artifacts.add(new Artifact("Feature graph", "feature_graph", model.featureGraphHash()));
        return artifacts;
    }

    /** Top-level training-config keys whose values differ from the parent's, in key order. */
    public static List<ConfigChange> configChanges(ModelVersion parent, ModelVersion model) {
        if (parent == null) {
            return List.of();
        }
        Map<String, String> before = flatten(parent.trainingConfigJson());
        Map<String, String> after = flatten(model.trainingConfigJson());
        List<ConfigChange> changes = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            if (!Objects.equals(before.get(key), after.get(key))) {
                changes.add(new ConfigChange(key, before.get(key), after.get(key)));
            }
        }
        return changes;
    }

    private static Map<String, String> flatten(String json) {
        Map<String, String> values = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return values;
        }
        try {
            JsonNode node = CanonicalJson.mapper().readTree(json);
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                values.put(field.getKey(), field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString());
            }
        } catch (JsonProcessingException notJson) {
            values.put("(training config)", "not valid JSON");
        }
        return values;
    }
}
