package com.modelsteward.demo;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.PrincipalRoles;
import com.modelsteward.registry.Store;
import com.modelsteward.trust.Signatures;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * What the demo generators record so that the rows they write in bulk are part of the signed history: the principals
 * they insert and the versions they seed in states the engine would have taken them through. {@link SignedHistory}
 * accepts a seeded state or a creator other than the entry's actor only on a proven demo registry.
 */
public final class DemoHistory {

    private DemoHistory() {
    }

    /** A PRINCIPAL_ROLE_ADDED entry by {@code admin} for every principal row; the caller seals as {@code admin}. */
    public static void principals(Store store, Clock clock, String admin) {
        for (PrincipalRoles row : store.principals().rolesByName()) {
            String user = row.userName();
            Map<String, Object> payload = new java.util.LinkedHashMap<>();
            payload.put("user", user);
            payload.put("role_added", row.roles());
            payload.put("roles", row.roles());
            payload.put("active", row.active());
            payload.put("demo_seed", true);
            store.audit().append(clock, admin, "PRINCIPAL_ROLE_ADDED", "principal:" + user, payload);
        }
    }

    /** A REGISTER entry by {@code admin} for each seeded version, recording its state as written, then sealed by {@code admin}. */
    public static void versions(Store store, Clock clock, String admin, List<String> modelIds) {
        for (String id : modelIds) {
            ModelVersion v = store.versions().find(id).orElseThrow();
            Map<String, Object> payload = GovernanceEngine.evidence(v);
            payload.put("state", v.state());
            payload.put("state_changed_at", v.stateChangedAt());
            payload.put("created_at", v.createdAt());
            payload.put("archived", v.archived());
            payload.put("demo_seed", true);
            store.audit().append(clock, admin, "REGISTER", "model:" + id, payload);
        }
        Signatures.seal(store, clock, admin);
    }

}
