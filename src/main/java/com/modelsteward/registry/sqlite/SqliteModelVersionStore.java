package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.ModelVersionStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** {@link ModelVersionStore} on SQLite. */
final class SqliteModelVersionStore implements ModelVersionStore {

    private final Handle handle;

    SqliteModelVersionStore(Handle handle) {
        this.handle = handle;
    }

    // signing and trust

    @Override
    public List<String> typesOf(List<String> modelIds) {
        return handle.createQuery("SELECT DISTINCT model_type FROM model_registry WHERE model_id IN (<m>)").bindList("m", modelIds)
                .mapTo(String.class).list();
    }

    private static final String VERSIONS_SQL = """
            SELECT model_id, model_name, model_type, version, parent_id, path_ref, training_config_json, training_config_hash,
                   data_snapshot_ref, data_snapshot_hash, feature_graph_hash, code_commit, created_by, state, state_changed_at, archived
              FROM model_registry""";

    @Override
    public List<Map<String, Object>> rowsAsStored(Set<String> modelIds) {
        return modelIds == null ? handle.createQuery(VERSIONS_SQL).mapToMap().list()
                : KeyedRows.keyed(handle.createQuery(VERSIONS_SQL + " WHERE model_id IN (<a>)"), modelIds, null);
    }

    private static final String POINTERS_SQL = "SELECT model_name, active_model_id, last_known_good_id FROM active_pointer";

    @Override
    public List<Map<String, Object>> pointerRowsAsStored(Set<String> modelNames) {
        return modelNames == null ? handle.createQuery(POINTERS_SQL).mapToMap().list()
                : KeyedRows.keyed(handle.createQuery(POINTERS_SQL + " WHERE model_name IN (<a>)"), modelNames, null);
    }
}
