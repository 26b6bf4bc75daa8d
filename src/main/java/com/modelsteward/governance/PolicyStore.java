package com.modelsteward.governance;

import com.modelsteward.registry.CanonicalJson;
import com.modelsteward.registry.Registry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The registry's own policy: an ADMIN stores a policy file in {@code registry_meta}, and every user of the file is held
 * to it. Without one the built-in L3-12 policy applies. The LEARN_* environment keys apply on top either way: as given on
 * a demo registry, only where they tighten the policy on any other.
 */
public final class PolicyStore {

    static final String TEXT_KEY = "policy_text";
    static final String FORMAT_KEY = "policy_format";

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
        return registry.readHandle(h -> current(h, registry.file().toString(), env));
    }

    static Policy current(Handle h, String where, Map<String, String> env) {
        PolicyLoader.Environment environment = new PolicyLoader.Environment(env, !Signatures.isDemo(h));
        Map<String, String> values = new LinkedHashMap<>();
        h.createQuery("SELECT key, value FROM registry_meta WHERE key IN (:text, :format)")
                .bind("text", TEXT_KEY).bind("format", FORMAT_KEY)
                .map((rows, ctx) -> values.put(rows.getString(1), rows.getString(2))).list();
        String text = values.get(TEXT_KEY);
        Optional<String> recorded = h.createQuery("SELECT payload_json FROM audit_log WHERE action = 'POLICY_SET' ORDER BY seq DESC LIMIT 1")
                .mapTo(String.class).findOne().map(json -> CanonicalJson.parse(json).path("sha256").asText(null));
        if (text == null && recorded.isEmpty()) {
            return PolicyLoader.builtIn(environment);
        }
        if (text != null && recorded.isPresent() && recorded.get().equals(CanonicalJson.sha256Hex(text))) {
            try {
                return PolicyLoader.fromText(text, where + " (stored policy)", !"json".equals(values.get(FORMAT_KEY)), environment);
            } catch (GovernanceException unparsable) {
                // fall through to the attested policy
            }
        }
        return SignedHistory.attestedPolicy(h)
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
        return PolicyLoader.load(file, new PolicyLoader.Environment(env, !registry.readHandle(Signatures::isDemo)));
    }

    /**
     * The distinct states of the registry's versions. A plain {@code SELECT DISTINCT} reads every version; this hops
     * from one state to the next along the state index, a handful of index lookups whatever the registry's size.
     */
    static List<String> statesInUse(Registry registry) {
        return registry.readHandle(h -> h.createQuery("""
                        WITH RECURSIVE used(state) AS (
                            SELECT min(state) FROM model_registry
                            UNION ALL
                            SELECT (SELECT min(m.state) FROM model_registry m WHERE m.state > used.state) FROM used WHERE used.state IS NOT NULL)
                        SELECT state FROM used WHERE state IS NOT NULL""")
                .mapTo(String.class).list());
    }
}
