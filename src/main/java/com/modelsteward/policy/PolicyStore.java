package com.modelsteward.policy;

import com.modelsteward.governance.GovernanceException;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.RuleChanges;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RuleStore;
import com.modelsteward.registry.Store;
import com.modelsteward.registry.StoredPolicy;
import com.modelsteward.trust.Signatures;
import com.modelsteward.trust.SignedHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's own policy: an ADMIN stores a policy file in {@code registry_meta}, and every user of the file is held
 * to it. Without one the built-in L3-12 policy applies. The LEARN_* environment keys apply on top either way: as given on
 * a demo registry, only where they tighten the policy on any other.
 */
public final class PolicyStore {

    public static final String TEXT_KEY = RuleStore.POLICY_TEXT_KEY;
    static final String FORMAT_KEY = RuleStore.POLICY_FORMAT_KEY;

    private PolicyStore() {
    }

    /**
     * The policy in force for this registry. The stored text governs when it is the text the newest POLICY_SET entry
     * recorded and it parses; otherwise (edited behind the app's back, or garbage) the last policy the signed history
     * attests keeps governing, so that nobody can loosen the rules — or block a rollback — by writing registry_meta.
     * A state some version holds that the policy does not declare is reported by {@code audit verify}, never a reason
     * to stop governing. The LEARN_* keys apply as given on a demo registry and may only tighten the policy on any other
     * (docs/decisions/0012).
     */
    public static Policy current(Registry registry, Map<String, String> env) {
        return registry.read(store -> current(store, registry.location().toString(), env));
    }

    static Policy current(Store store, String where, Map<String, String> env) {
        PolicyLoader.Environment environment = new PolicyLoader.Environment(env, !Signatures.isDemo(store));
        StoredPolicy stored = store.rules().storedPolicy();
        String text = stored.text();
        Optional<String> recorded = store.audit().latestPolicySetPayload()
                .map(json -> CanonicalJson.parse(json).path("sha256").asText(null));
        if (text == null && recorded.isEmpty()) {
            return PolicyLoader.builtIn(environment);
        }
        if (text != null && recorded.isPresent() && recorded.get().equals(CanonicalJson.sha256Hex(text))) {
            try {
                return PolicyLoader.fromText(text, where + " (stored policy)", !"json".equals(stored.format()), environment);
            } catch (GovernanceException unparsable) {
                // fall through to the attested policy
            }
        }
        return SignedHistory.attestedPolicy(store)
                .map(policy -> PolicyLoader.fromText(policy.getKey(), where + " (policy attested by the signed history)",
                        !"json".equals(policy.getValue()), environment))
                .orElseGet(() -> PolicyLoader.builtIn(environment));
    }

    /**
     * Proposes a policy file as this registry's policy: a rule change ({@link RuleChanges#requestPolicy}) that takes effect
     * only when a second ADMIN approves it, or at once while the registry has one ADMIN. Returns the validated policy.
     */
    public static Policy set(Registry registry, Clock clock, Identity admin, Path file, Map<String, String> env) {
        RuleChanges.requestPolicy(registry, clock, admin, file, env);
        return PolicyLoader.load(file, new PolicyLoader.Environment(env, !registry.read(store -> Signatures.isDemo(store))));
    }

    /** The distinct states of the registry's versions (a handful of index lookups whatever the registry's size). */
    public static List<String> statesInUse(Registry registry) {
        return registry.read(store -> store.versions().statesInUse());
    }
}
