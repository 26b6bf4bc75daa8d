package com.modelsteward.governance;

import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.CanonicalJson;
import com.modelsteward.registry.Registry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
     * The policy in force for this registry, checked against the states its versions are in. The LEARN_* keys apply as
     * given on a demo registry and may only tighten the policy on any other (docs/decisions/0012).
     */
    public static Policy current(Registry registry, Map<String, String> env) {
        Map<String, String> meta = registry.read(h -> {
            Map<String, String> values = new LinkedHashMap<>();
            h.createQuery("SELECT key, value FROM registry_meta WHERE key IN (:text, :format)")
                    .bind("text", TEXT_KEY).bind("format", FORMAT_KEY)
                    .map((rows, ctx) -> values.put(rows.getString(1), rows.getString(2))).list();
            return values;
        });
        PolicyLoader.Environment environment = new PolicyLoader.Environment(env, !registry.read(Signatures::isDemo));
        Policy policy = Optional.ofNullable(meta.get(TEXT_KEY))
                .map(text -> PolicyLoader.fromText(text, registry.file() + " (stored policy)", !"json".equals(meta.get(FORMAT_KEY)), environment))
                .orElseGet(() -> PolicyLoader.builtIn(environment));
        policy.checkCovers(statesInUse(registry));
        return policy;
    }

    /** Validates a policy file and makes it this registry's policy; ADMIN only; audited with the file's digest. */
    public static Policy set(Registry registry, Clock clock, Identity admin, Path file, Map<String, String> env) {
        admin.require(Role.ADMIN, "setting the policy");
        Policy policy = PolicyLoader.load(file, new PolicyLoader.Environment(env, !registry.read(Signatures::isDemo)));
        policy.checkCovers(statesInUse(registry));
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new GovernanceException("E_POLICY_INVALID", "policy file " + file + " cannot be read: " + unreadable.getMessage());
        }
        String format = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? "json" : "yaml";
        registry.write(h -> {
            for (Map.Entry<String, String> entry : Map.of(TEXT_KEY, text, FORMAT_KEY, format).entrySet()) {
                h.createUpdate("INSERT INTO registry_meta (key, value) VALUES (:k, :v) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                        .bind("k", entry.getKey()).bind("v", entry.getValue()).execute();
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("policy", policy.name());
            payload.put("file", file.getFileName().toString());
            payload.put("sha256", CanonicalJson.sha256Hex(text));
            AuditTrail.append(h, clock, admin.user(), "POLICY_SET", "policy:" + policy.name(), payload);
            return null;
        });
        return policy;
    }

    /**
     * The distinct states of the registry's versions. A plain {@code SELECT DISTINCT} reads every version; this hops
     * from one state to the next along the state index, a handful of index lookups whatever the registry's size.
     */
    private static List<String> statesInUse(Registry registry) {
        return registry.read(h -> h.createQuery("""
                        WITH RECURSIVE used(state) AS (
                            SELECT min(state) FROM model_registry
                            UNION ALL
                            SELECT (SELECT min(m.state) FROM model_registry m WHERE m.state > used.state) FROM used WHERE used.state IS NOT NULL)
                        SELECT state FROM used WHERE state IS NOT NULL""")
                .mapTo(String.class).list());
    }
}
