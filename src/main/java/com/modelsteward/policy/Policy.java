package com.modelsteward.policy;

import com.modelsteward.governance.GovernanceException;
import com.modelsteward.governance.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A resolved promotion policy: states, allowed transitions with their prerequisites and approval rules, and the rules
 * per model type (required packs, shadow period, retention, gates). Built by {@link PolicyLoader}; immutable.
 */
public final class Policy {

    /** Prerequisites a transition may require. */
    public static final Set<String> PREREQUISITES = Set.of("artifacts", "scorecards", "gates", "shadow_period");
    /**
     * States in which a version is not governed yet (its artifacts are not frozen; schema V002's triggers name the same):
     * where the pipeline registers versions, so a version may hold one without any history having taken it there.
     */
    public static final Set<String> UNGOVERNED_STATES = Set.of("CANDIDATE", "DRAFT", "TRAINED");

    public record Approvals(int count, String role) {
        public static final Approvals NONE = new Approvals(0, Role.RISK_OFFICER.name());
    }

    public record Transition(String from, String to, List<String> requires, Approvals approvals) {

        public boolean requires(String prerequisite) {
            return requires.contains(prerequisite);
        }
    }

    /**
     * The rules one model type is held to, after every override.
     *
     * @param environment the LEARN_* keys that applied to these rules, by name (recorded in the gate reports they affect)
     */
    public record TypeRules(List<String> evalPacks, int shadowDurationDays, int retainRetired, List<GateSpec> gates,
                            Map<String, String> environment) {

        public TypeRules {
            environment = Map.copyOf(environment);
        }
    }

    private final String name;
    private final String digest;
    private final List<String> states;
    private final String initialState;
    private final String liveState;
    private final String retiredState;
    private final List<Transition> transitions;
    private final TypeRules defaults;
    private final Map<String, TypeRules> types;
    private final List<String> environmentWarnings;

    Policy(String name, String digest, List<String> states, String initialState, String liveState, String retiredState,
           List<Transition> transitions, TypeRules defaults, Map<String, TypeRules> types, List<String> environmentWarnings) {
        this.name = name;
        this.digest = digest;
        this.states = List.copyOf(states);
        this.initialState = initialState;
        this.liveState = liveState;
        this.retiredState = retiredState;
        this.transitions = List.copyOf(transitions);
        this.defaults = defaults;
        this.types = Map.copyOf(types);
        this.environmentWarnings = List.copyOf(environmentWarnings);
    }

    public String name() {
        return name;
    }

    /**
     * SHA-256 (hex) of the text this policy was read from: the stored policy's text (POLICY_SET records the same digest),
     * a policy file's, or the built-in file's. LEARN_* keys applied on top are not in it; gate reports record them.
     */
    public String digest() {
        return digest;
    }

    /** One sentence per LEARN_* key that was set but ignored because it would have loosened this policy. */
    public List<String> environmentWarnings() {
        return environmentWarnings;
    }

    public List<String> states() {
        return states;
    }

    public String initialState() {
        return initialState;
    }

    /** The state the ACTIVE pointer tracks (ACTIVE in L3-12, PRODUCTION in the 004 lifecycle). */
    public String liveState() {
        return liveState;
    }

    public String retiredState() {
        return retiredState;
    }

    public List<Transition> transitions() {
        return transitions;
    }

    public Optional<Transition> transition(String from, String to) {
        return transitions.stream().filter(t -> t.from().equals(from) && t.to().equals(to)).findFirst();
    }

    public List<String> allowedFrom(String state) {
        return transitions.stream().filter(t -> t.from().equals(state)).map(Transition::to).toList();
    }

    /** Whether the policy names this model type (has rules of its own for it): default deny refuses every other type. */
    public boolean namesType(String modelType) {
        return modelType != null && types.containsKey(modelType);
    }

    /** The model types the policy names, sorted. */
    public List<String> typeNames() {
        return types.keySet().stream().sorted().toList();
    }

    /**
     * Whether a version of this type may go live at all: the policy names the type and gives it at least one gate. A type
     * without gates would pass "all gates" with none checked.
     */
    public boolean hasGates(String modelType) {
        return namesType(modelType) && !rulesFor(modelType).gates().isEmpty();
    }

    /** The rules for a model type: its override when the policy has one, the policy's defaults otherwise. */
    public TypeRules rulesFor(String modelType) {
        return types.getOrDefault(modelType, defaults);
    }

    /** The gates a version of this type must pass, in a stable order (the order of the policy file). */
    public List<GateSpec> gatesFor(String modelType) {
        return rulesFor(modelType).gates();
    }

    /**
     * Refuses a policy that would silently drop a state some version is in (states are append-only).
     *
     * @param statesInUse the distinct states of the registry's rows
     */
    public void checkCovers(Collection<String> statesInUse) {
        List<String> dropped = new ArrayList<>();
        for (String state : new TreeSet<>(statesInUse)) {
            if (!states.contains(state)) {
                dropped.add(state);
            }
        }
        if (!dropped.isEmpty()) {
            throw new GovernanceException("E_POLICY_INVALID", "policy " + name + " does not declare the state"
                    + (dropped.size() == 1 ? " " : "s ") + String.join(", ", dropped)
                    + ", which versions in this registry are in; states are append-only, so a policy may add states but never drop one");
        }
    }
}
