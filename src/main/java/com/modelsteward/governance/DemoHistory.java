package com.modelsteward.governance;

import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.ModelVersion;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What the demo generators record so that the rows they write in bulk are part of the signed history: the principals
 * they insert and the versions they seed in states the engine would have taken them through. {@link SignedHistory}
 * accepts a seeded state or a creator other than the entry's actor only on a proven demo registry.
 */
public final class DemoHistory {

    private DemoHistory() {
    }

    /** A PRINCIPAL_ROLE_ADDED entry by {@code admin} for every principal row; the caller seals as {@code admin}. */
    public static void principals(Handle handle, Clock clock, String admin) {
        List<Map<String, Object>> rows = handle.createQuery("SELECT user_name, roles, active FROM principals ORDER BY user_name").mapToMap().list();
        for (Map<String, Object> row : rows) {
            String user = (String) row.get("user_name");
            Map<String, Object> payload = new java.util.LinkedHashMap<>();
            payload.put("user", user);
            payload.put("role_added", row.get("roles"));
            payload.put("roles", row.get("roles"));
            payload.put("active", ((Number) row.get("active")).intValue() == 1);
            payload.put("demo_seed", true);
            AuditTrail.append(handle, clock, admin, "PRINCIPAL_ROLE_ADDED", "principal:" + user, payload);
        }
    }

    /** A REGISTER entry by {@code admin} for each seeded version, recording its state as written, then sealed by {@code admin}. */
    public static void versions(Handle handle, Clock clock, String admin, List<String> modelIds) {
        for (String id : modelIds) {
            ModelVersion v = GovernanceQueries.version(handle, id).orElseThrow();
            Map<String, Object> payload = GovernanceService.evidence(v);
            payload.put("state", v.state());
            payload.put("state_changed_at", v.stateChangedAt());
            payload.put("created_at", v.createdAt());
            payload.put("archived", v.archived());
            payload.put("demo_seed", true);
            AuditTrail.append(handle, clock, admin, "REGISTER", "model:" + id, payload);
        }
        Signatures.seal(handle, clock, admin);
    }
}
