package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.ModelVersionStore;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** {@link ModelVersionStore} on SQLite. */
final class SqliteModelVersionStore implements ModelVersionStore {

    private final Handle handle;

    SqliteModelVersionStore(Handle handle) {
        this.handle = handle;
    }

    // rules, policy, command line and demo data

    private static final String COUNT = "SELECT count(*) FROM model_registry";

    @Override
    public long count() {
        return handle.createQuery(COUNT).mapTo(Long.class).one();
    }

    /**
     * A plain {@code SELECT DISTINCT} reads every version; this hops from one state to the next along the state index, a
     * handful of index lookups whatever the registry's size.
     */
    private static final String STATES_IN_USE = """
            WITH RECURSIVE used(state) AS (
                SELECT min(state) FROM model_registry
                UNION ALL
                SELECT (SELECT min(m.state) FROM model_registry m WHERE m.state > used.state) FROM used WHERE used.state IS NOT NULL)
            SELECT state FROM used WHERE state IS NOT NULL""";

    @Override
    public List<String> statesInUse() {
        return handle.createQuery(STATES_IN_USE).mapTo(String.class).list();
    }

    private static final String LAST_KNOWN_GOOD =
            "SELECT model_name, last_known_good_id FROM active_pointer WHERE last_known_good_id IS NOT NULL ORDER BY model_name";

    @Override
    public Map<String, String> lastKnownGoodByName() {
        Map<String, String> result = new LinkedHashMap<>();
        handle.createQuery(LAST_KNOWN_GOOD).map((rows, ctx) -> result.put(rows.getString(1), rows.getString(2))).list();
        return result;
    }

    private static final String INSERT_VERSION = """
            INSERT INTO model_registry (model_id, model_name, model_type, version, state, parent_id, path_ref, training_config_json,
                training_config_hash, data_snapshot_ref, data_snapshot_hash, feature_graph_hash, code_commit, created_at, created_by,
                updated_at, row_version, state_changed_at, archived)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** A plain JDBC batch with positional parameters, as the pipeline would write them (binding by name cost a map lookup per value). */
    @Override
    public void insertAll(List<ModelVersion> versions) {
        try (PreparedStatement models = handle.getConnection().prepareStatement(INSERT_VERSION)) {
            for (ModelVersion v : versions) {
                models.setString(1, v.modelId());
                models.setString(2, v.modelName());
                models.setString(3, v.modelType());
                models.setString(4, v.version());
                models.setString(5, v.state());
                models.setString(6, v.parentId());
                models.setString(7, v.pathRef());
                models.setString(8, v.trainingConfigJson());
                models.setString(9, v.trainingConfigHash());
                models.setString(10, v.dataSnapshotRef());
                models.setString(11, v.dataSnapshotHash());
                models.setString(12, v.featureGraphHash());
                models.setString(13, v.codeCommit());
                models.setString(14, v.createdAt());
                models.setString(15, v.createdBy());
                models.setString(16, v.updatedAt());
                models.setLong(17, v.rowVersion());
                models.setString(18, v.stateChangedAt());
                models.setInt(19, v.archived() ? 1 : 0);
                models.addBatch();
            }
            models.executeBatch();
        } catch (SQLException failed) {
            throw new IllegalStateException(failed.getMessage(), failed);
        }
    }
}
