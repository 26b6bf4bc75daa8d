package com.modelsteward.governance;

import com.modelsteward.registry.Registry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's own policy: an ADMIN stores a policy file in {@code registry_meta}, and every user of the file is held
 * to it. Without one the built-in L3-12 policy applies. The LEARN_* environment keys apply on top either way.
 */
public final class PolicyStore {

    static final String TEXT_KEY = "policy_text";
    static final String FORMAT_KEY = "policy_format";

    private PolicyStore() {
    }

    /** The policy in force for this registry, checked against the states its versions are in. */
    public static Policy current(Registry registry, Map<String, String> env) {
        Map<String, String> meta = registry.read(h -> {
            Map<String, String> values = new LinkedHashMap<>();
            h.createQuery("SELECT key, value FROM registry_meta WHERE key IN (:text, :format)")
                    .bind("text", TEXT_KEY).bind("format", FORMAT_KEY)
                    .map((rows, ctx) -> values.put(rows.getString(1), rows.getString(2))).list();
            return values;
        });
        Policy policy = Optional.ofNullable(meta.get(TEXT_KEY))
                .map(text -> PolicyLoader.fromText(text, registry.file() + " (stored policy)", !"json".equals(meta.get(FORMAT_KEY)), env))
                .orElseGet(() -> PolicyLoader.builtIn(env));
        policy.checkCovers(statesInUse(registry));
        return policy;
    }

    /**
     * Proposes a policy file as this registry's policy: a rule change ({@link RuleChanges#requestPolicy}) that takes effect
     * only when a second ADMIN approves it, or at once while the registry has one ADMIN. Returns the validated policy.
     */
    public static Policy set(Registry registry, Clock clock, Identity admin, Path file, Map<String, String> env) {
        RuleChanges.requestPolicy(registry, clock, admin, file, env);
        return PolicyLoader.load(file, env);
    }

    /**
     * The distinct states of the registry's versions. A plain {@code SELECT DISTINCT} reads every version; this hops
     * from one state to the next along the state index, a handful of index lookups whatever the registry's size.
     */
    static List<String> statesInUse(Registry registry) {
        return registry.read(h -> h.createQuery("""
                        WITH RECURSIVE used(state) AS (
                            SELECT min(state) FROM model_registry
                            UNION ALL
                            SELECT (SELECT min(m.state) FROM model_registry m WHERE m.state > used.state) FROM used WHERE used.state IS NOT NULL)
                        SELECT state FROM used WHERE state IS NOT NULL""")
                .mapTo(String.class).list());
    }
}
