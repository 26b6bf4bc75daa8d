package com.modelsteward.governance;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.GateSpec;
import com.modelsteward.policy.Policy;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.Scorecard;
import com.modelsteward.registry.Store;
import com.modelsteward.registry.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a candidate against its policy: prerequisites (artifacts, time in state) and gates on every required pack,
 * against the live version of the same model name when there is one and against absolute thresholds always. A type
 * the policy gives no gates never goes live (default deny). The one judge of gates: the engine, the Scorecards view and
 * the model card all call {@link #check}.
 *
 * <p>Comparisons allow {@link #TOLERANCE} so that a value exactly at its threshold passes despite binary rounding
 * (1.3 − 1.2 is 0.09999999999999987 in doubles).
 */
public final class GateEvaluator {

    public static final double TOLERANCE = 1e-9;

    /** Which checks a transition asks for: only that every scorecard is there, or the thresholds too. */
    public enum Mode {
        PRESENCE, THRESHOLDS
    }

    private final Registry registry;
    private final Policy policy;
    private final Clock clock;

    public GateEvaluator(Registry registry, Policy policy, Clock clock) {
        this.registry = registry;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * The report for promoting a version to the policy's live state (what a risk officer reviews). A preview outside any
     * write: the baseline comes from the registry's {@link com.modelsteward.registry.ActiveCache}; execution re-evaluates
     * inside its own transaction.
     */
    public GateReport evaluate(String candidateId) {
        Map<String, String> live = registry.activeCache(policy.liveState()).all();
        return registry.read(store -> {
            ModelVersion candidate = store.versions().find(candidateId)
                    .orElseThrow(() -> new GovernanceException("E_NOT_FOUND", "no model version with id \"" + candidateId + "\""));
            Policy.Transition toLive = policy.transitions().stream().filter(t -> t.to().equals(policy.liveState())).findFirst()
                    .orElseThrow();
            // A cached id whose row has left the live state since (a commit after the cache was checked) is read again.
            Optional<ModelVersion> cached = Optional.ofNullable(live.get(candidate.modelName()))
                    .flatMap(id -> store.versions().find(id));
            Optional<ModelVersion> baseline = cached.isPresent() && !cached.get().state().equals(policy.liveState())
                    ? store.versions().inState(candidate.modelName(), policy.liveState()) : cached;
            return evaluate(store, candidate, new Policy.Transition(candidate.state(), policy.liveState(), toLive.requires(),
                    toLive.approvals()), baseline);
        });
    }

    /** The report for one transition, inside the caller's transaction (so execution sees exactly what it commits). */
    public GateReport evaluate(Store store, ModelVersion candidate, Policy.Transition transition) {
        return evaluate(store, candidate, transition, store.versions().inState(candidate.modelName(), policy.liveState()));
    }

    private GateReport evaluate(Store store, ModelVersion candidate, Policy.Transition transition, Optional<ModelVersion> live) {
        Policy.TypeRules rules = policy.rulesFor(candidate.modelType());
        Optional<ModelVersion> baseline = live.filter(version -> !version.modelId().equals(candidate.modelId()));
        List<GateReport.PrerequisiteCheck> prerequisites = new ArrayList<>();
        if (transition.requires("artifacts")) {
            prerequisites.addAll(artifactChecks(candidate));
        }
        if (transition.requires("shadow_period")) {
            prerequisites.add(timeInState(candidate, rules.shadowDurationDays()));
        }
        List<GateReport.GateCheck> checks = new ArrayList<>();
        if (transition.to().equals(policy.liveState()) && !policy.hasGates(candidate.modelType())) {
            checks.add(noGates(candidate.modelType(), policy));
        }
        if (transition.requires("gates") || transition.requires("scorecards")) {
            Mode mode = transition.requires("gates") ? Mode.THRESHOLDS : Mode.PRESENCE;
            checks.addAll(evaluateGates(rules.gates(), rules.evalPacks(), latestValues(store.scorecards().latest(candidate.modelId())),
                    baseline.map(b -> latestValues(store.scorecards().latest(b.modelId()))).orElse(null), mode));
        }
        boolean passed = prerequisites.stream().allMatch(GateReport.PrerequisiteCheck::passed)
                && checks.stream().allMatch(GateReport.GateCheck::passed);
        return new GateReport(candidate.modelId(), candidate.modelType(), policy.name(), transition.from(), transition.to(),
                baseline.map(ModelVersion::modelId).orElse(null),
                baseline.map(b -> store.scorecards().digest(b.modelId())).orElse(null), Timestamps.now(clock),
                rules.evalPacks(), prerequisites, checks, passed, rules.environment());
    }

    /** pack → metric → value; a stored NULL stays as a key with a null value (the writer stored "no value"). */
    public static Map<String, Map<String, Double>> latestValues(List<Scorecard> scorecards) {
        Map<String, Map<String, Double>> values = new LinkedHashMap<>();
        for (Scorecard s : scorecards) {
            values.computeIfAbsent(s.packId(), p -> new LinkedHashMap<>()).put(s.metric(), s.value());
        }
        return values;
    }

    /**
     * The gate checks alone, without a registry: every gate on every required pack. A pack without any scorecard, or a
     * type without gates whose pack is missing, gives a check with metric "*" and reason "missing".
     *
     * @param baseline null when no version of the name is ACTIVE
     */
    public static List<GateReport.GateCheck> evaluateGates(List<GateSpec> gates, List<String> packs, Map<String, Map<String, Double>> candidate,
                                                           Map<String, Map<String, Double>> baseline, Mode mode) {
        List<GateReport.GateCheck> checks = new ArrayList<>();
        for (String pack : packs) {
            Map<String, Double> values = candidate.getOrDefault(pack, Map.of());
            if (values.isEmpty()) {
                checks.add(new GateReport.GateCheck(pack, "*", null, null, null, null, null, null, "scorecards for pack " + pack,
                        false, "missing"));
                continue;
            }
            Map<String, Double> baseValues = baseline == null ? null : baseline.getOrDefault(pack, Map.of());
            for (GateSpec gate : gates) {
                checks.addAll(check(pack, gate, values, baseValues, mode));
            }
        }
        return checks;
    }

    /**
     * The checks of one gate on one pack. A gate with both a relative rule and an absolute threshold gives both checks
     * when there is a baseline: improving on a weak live version does not excuse missing the absolute floor.
     *
     * @param baseValues the baseline's values, null when no version of the name is live
     */
    public static List<GateReport.GateCheck> check(String pack, GateSpec gate, Map<String, Double> values, Map<String, Double> baseValues,
                                                   Mode mode) {
        String direction = gate.direction().name();
        if (!values.containsKey(gate.metric())) {
            return List.of(new GateReport.GateCheck(pack, gate.metric(), direction, null, null, null, null, null, null, false, "missing"));
        }
        Double value = values.get(gate.metric());
        if (value == null || !Double.isFinite(value)) {
            return List.of(new GateReport.GateCheck(pack, gate.metric(), direction, null, null, null, null, null, null, false, "NaN"));
        }
        if (mode == Mode.PRESENCE) {
            return List.of(new GateReport.GateCheck(pack, gate.metric(), direction, "presence", value, null, null, null, "a value is present",
                    true, "passed"));
        }
        if (gate.direction() == GateSpec.Direction.IN_BAND) {
            boolean inside = value >= gate.bandLow() - TOLERANCE && value <= gate.bandHigh() + TOLERANCE;
            return List.of(new GateReport.GateCheck(pack, gate.metric(), direction, "band", value, null, null, null,
                    "between " + gate.bandLow() + " and " + gate.bandHigh(), inside, inside ? "passed" : "outside band"));
        }
        boolean higher = gate.direction() == GateSpec.Direction.HIGHER_IS_BETTER;
        List<GateReport.GateCheck> checks = new ArrayList<>();
        if (baseValues != null && gate.minImprovement() != null) {
            Double base = baseValues.get(gate.metric());
            if (base != null && Double.isFinite(base)) {
                double delta = value - base;
                double threshold = higher ? gate.minImprovement() : -gate.minImprovement();
                boolean passed = higher ? delta >= threshold - TOLERANCE : delta <= threshold + TOLERANCE;
                checks.add(new GateReport.GateCheck(pack, gate.metric(), direction, "baseline", value, base, delta, threshold,
                        "delta " + (higher ? ">= " : "<= ") + threshold, passed,
                        passed ? "passed" : higher ? "below threshold" : "above threshold"));
            } else if (gate.threshold() == null) {
                return List.of(new GateReport.GateCheck(pack, gate.metric(), direction, "baseline", value, null, null, null, null, false,
                        "baseline missing"));
            }
        }
        if (gate.threshold() != null) {
            double threshold = gate.threshold();
            boolean passed = higher ? value >= threshold - TOLERANCE : value <= threshold + TOLERANCE;
            checks.add(new GateReport.GateCheck(pack, gate.metric(), direction, "absolute", value, null, null, threshold,
                    (higher ? ">= " : "<= ") + threshold, passed, passed ? "passed" : higher ? "below threshold" : "above threshold"));
        } else if (checks.isEmpty()) {
            // Only a relative rule and nothing to compare with: the first live version of a name sets the baseline.
            checks.add(new GateReport.GateCheck(pack, gate.metric(), direction, "absolute", value, null, null, null,
                    "no baseline and no absolute threshold", true, "passed"));
        }
        return checks;
    }

    /** The failing check of a promotion to the live state for a type the policy does not name or gives no gates. */
    static GateReport.GateCheck noGates(String modelType, Policy policy) {
        return new GateReport.GateCheck("*", "*", null, "policy", null, null, null, null, "at least one gate for model type " + modelType,
                false, "model type \"" + modelType + "\" has no gates in policy " + policy.name() + "; a type without gates cannot go live");
    }

    private static List<GateReport.PrerequisiteCheck> artifactChecks(ModelVersion v) {
        List<GateReport.PrerequisiteCheck> checks = new ArrayList<>();
        boolean config = notBlank(v.trainingConfigJson()) && notBlank(v.trainingConfigHash());
        String configDetail = config ? "training config and hash " + v.trainingConfigHash() : "training config or its hash is missing";
        if (config) {
            try {
                if (!CanonicalJson.hashMatches(v.trainingConfigJson(), v.trainingConfigHash())) {
                    config = false;
                    configDetail = "training_config_hash does not match the SHA-256 of the canonical training config";
                }
            } catch (IllegalArgumentException notJson) {
                config = false;
                configDetail = "training_config_json is not valid JSON";
            }
        }
        checks.add(new GateReport.PrerequisiteCheck("training_config", config, configDetail));
        boolean snapshot = notBlank(v.dataSnapshotRef()) && notBlank(v.dataSnapshotHash());
        checks.add(new GateReport.PrerequisiteCheck("data_snapshot", snapshot,
                snapshot ? v.dataSnapshotRef() + " with hash " + v.dataSnapshotHash() : "data snapshot reference or its hash is missing"));
        return checks;
    }

    private GateReport.PrerequisiteCheck timeInState(ModelVersion v, int days) {
        Instant since = Timestamps.parse(v.stateChangedAt());
        Duration in = Duration.between(since, clock.instant());
        boolean passed = in.compareTo(Duration.ofDays(days)) >= 0;
        String detail = "in " + v.state() + " since " + v.stateChangedAt() + " (" + in.toHours() / 24 + " days " + in.toHours() % 24
                + " hours); the policy asks for " + days + " days";
        return new GateReport.PrerequisiteCheck("shadow_period", passed, detail);
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
