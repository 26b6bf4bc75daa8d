package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.RuleStore;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** {@link RuleStore} on SQLite. */
final class SqliteRuleStore implements RuleStore {

    private final Handle handle;

    SqliteRuleStore(Handle handle) {
        this.handle = handle;
    }

    // signing and trust

    @Override
    public List<Map<String, Object>> changeRowsAsStored() {
        return handle.createQuery("SELECT change_id, kind, target, role, policy_sha256, requested_by, status, decided_by FROM rule_changes")
                .mapToMap().list();
    }
}
