package com.modelsteward.registry.sql;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.ActivePointer;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.ModelVersionStore;
import com.modelsteward.registry.VersionHashRow;
import com.modelsteward.registry.VersionRegistration;
import com.modelsteward.registry.VersionState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/** {@link ModelVersionStore} in SQL that every engine runs ({@link Dialect}). */
final class SqlModelVersionStore implements ModelVersionStore {

    private final Handle handle;

    SqlModelVersionStore(Handle handle) {
        this.handle = handle;
    }

    // governance engine

    private static final String FIND = "SELECT * FROM model_registry WHERE model_id = :id";

    @Override
    public Optional<ModelVersion> find(String modelId) {
        return handle.createQuery(FIND).bind("id", modelId).mapTo(ModelVersion.class).findOne();
    }

    private static final String IN_STATE = "SELECT * FROM model_registry WHERE model_name = :name AND state = :state";

    @Override
    public Optional<ModelVersion> inState(String modelName, String state) {
        return handle.createQuery(IN_STATE).bind("name", modelName).bind("state", state).mapTo(ModelVersion.class).findOne();
    }

    private static final String EXISTS = "SELECT count(*) FROM model_registry WHERE model_name = :n AND version = :v";

    @Override
    public boolean exists(String modelName, String version) {
        return handle.createQuery(EXISTS).bind("n", modelName).bind("v", version).mapTo(Integer.class).one() > 0;
    }

    private static final String INSERT = """
            INSERT INTO model_registry (model_id, model_name, model_type, version, state, parent_id, path_ref,
                training_config_json, training_config_hash, data_snapshot_ref, data_snapshot_hash, feature_graph_hash,
                code_commit, created_at, created_by, updated_at, row_version, state_changed_at)
            VALUES (:id, :name, :type, :version, :state, :parent, :path, :config, :configHash, :snapshot, :snapshotHash,
                :graph, :commit, :now, :by, :now, 1, :now)""";

    @Override
    public void insert(VersionRegistration v, String state, String createdBy, String at) {
        handle.createUpdate(INSERT)
                .bind("id", v.modelId()).bind("name", v.modelName()).bind("type", v.modelType()).bind("version", v.version())
                .bind("state", state).bind("parent", v.parentId()).bind("path", v.pathRef())
                .bind("config", v.trainingConfigJson()).bind("configHash", v.trainingConfigHash())
                .bind("snapshot", v.dataSnapshotRef()).bind("snapshotHash", v.dataSnapshotHash())
                .bind("graph", v.featureGraphHash()).bind("commit", v.codeCommit()).bind("now", at).bind("by", createdBy)
                .execute();
    }

    private static final String SET_STATE = """
            UPDATE model_registry SET state = :s, state_changed_at = :at, updated_at = :at, row_version = row_version + 1
             WHERE model_id = :id""";

    @Override
    public void setState(String modelId, String state, String at) {
        handle.createUpdate(SET_STATE).bind("s", state).bind("at", at).bind("id", modelId).execute();
    }

    private static final String STATE_OF = "SELECT state, state_changed_at FROM model_registry WHERE model_id = :id";

    @Override
    public VersionState stateOf(String modelId) {
        return handle.createQuery(STATE_OF).bind("id", modelId)
                .map((rs, ctx) -> new VersionState(rs.getString("state"), rs.getString("state_changed_at"))).one();
    }

    private static final String STATE_CHANGED_AT = "SELECT state_changed_at FROM model_registry WHERE model_id = :id";

    @Override
    public String stateChangedAt(String modelId) {
        return handle.createQuery(STATE_CHANGED_AT).bind("id", modelId).mapTo(String.class).one();
    }

    // SQLite needs a LIMIT before OFFSET and PostgreSQL refuses a negative one: the largest long means "all" to both.
    private static final String ARCHIVABLE_RETIRED = """
            SELECT model_id FROM model_registry
             WHERE model_type = :t AND state = :retired AND archived = 0
               AND model_id NOT IN (SELECT last_known_good_id FROM active_pointer WHERE last_known_good_id IS NOT NULL)
             ORDER BY state_changed_at DESC, model_id DESC
             LIMIT 9223372036854775807 OFFSET :keep""";

    @Override
    public List<String> archivableRetired(String modelType, String retiredState, int keep) {
        return handle.createQuery(ARCHIVABLE_RETIRED).bind("t", modelType).bind("retired", retiredState).bind("keep", keep)
                .mapTo(String.class).list();
    }

    private static final String ARCHIVE =
            "UPDATE model_registry SET archived = 1, updated_at = :at, row_version = row_version + 1 WHERE model_id = :id";

    @Override
    public void archive(String modelId, String at) {
        handle.createUpdate(ARCHIVE).bind("at", at).bind("id", modelId).execute();
    }

    private static final String POINTER = "SELECT active_model_id, last_known_good_id FROM active_pointer WHERE model_name = :n";

    @Override
    public Optional<ActivePointer> pointer(String modelName) {
        return handle.createQuery(POINTER).bind("n", modelName)
                .map((rs, ctx) -> new ActivePointer(rs.getString("active_model_id"), rs.getString("last_known_good_id"))).findOne();
    }

    private static final String LAST_KNOWN_GOOD = "SELECT last_known_good_id FROM active_pointer WHERE model_name = :n";

    @Override
    public Optional<String> lastKnownGood(String modelName) {
        return handle.createQuery(LAST_KNOWN_GOOD).bind("n", modelName).mapTo(String.class).findOne();
    }

    private static final String LAST_KNOWN_GOOD_WHILE_ACTIVE =
            "SELECT last_known_good_id FROM active_pointer WHERE model_name = :n AND active_model_id = :id";

    @Override
    public Optional<String> lastKnownGoodWhileActive(String modelName, String activeModelId) {
        return handle.createQuery(LAST_KNOWN_GOOD_WHILE_ACTIVE).bind("n", modelName).bind("id", activeModelId).mapTo(String.class).findOne();
    }

    private static final String MOVE_POINTER = """
            UPDATE active_pointer
               SET active_model_id = :active, last_known_good_id = coalesce(:previous, last_known_good_id),
                   updated_at = :at, updated_by = :by
             WHERE model_name = :n""";
    private static final String FIRST_POINTER =
            "INSERT INTO active_pointer (model_name, active_model_id, updated_at, updated_by) VALUES (:n, :active, :at, :by)";

    @Override
    public void pointTo(String modelName, String activeModelId, String previousActiveId, String at, String by) {
        int updated = handle.createUpdate(MOVE_POINTER)
                .bind("active", activeModelId).bind("previous", previousActiveId).bind("at", at).bind("by", by).bind("n", modelName)
                .execute();
        if (updated == 0) {
            // A first pointer has no last-known-good: only a version this engine replaced can be rolled back to.
            handle.createUpdate(FIRST_POINTER).bind("n", modelName).bind("active", activeModelId).bind("at", at).bind("by", by).execute();
        }
    }

    private static final String CLEAR_ACTIVE =
            "UPDATE active_pointer SET active_model_id = NULL, updated_at = :at, updated_by = :by WHERE model_name = :n";

    @Override
    public void clearActive(String modelName, String at, String by) {
        handle.createUpdate(CLEAR_ACTIVE).bind("at", at).bind("by", by).bind("n", modelName).execute();
    }

    private static final String ROLL_BACK_TO = """
            UPDATE active_pointer SET active_model_id = :good, last_known_good_id = NULL, updated_at = :at, updated_by = :by
             WHERE model_name = :n""";

    @Override
    public void rollBackTo(String modelName, String targetId, String at, String by) {
        handle.createUpdate(ROLL_BACK_TO).bind("good", targetId).bind("at", at).bind("by", by).bind("n", modelName).execute();
    }

    // lineage, scorecards and drift

    private static final String HASHES_SQL = """
            SELECT model_id, training_config_hash, data_snapshot_hash, feature_graph_hash, code_commit
              FROM model_registry""";

    @Override
    public List<VersionHashRow> hashes() {
        return handle.createQuery(HASHES_SQL).mapTo(VersionHashRow.class).list();
    }

    // Several versions are asked about with their ids as one JSON array, :ids, read by json_each.
    private static final String WITH_IDS_SQL = "SELECT * FROM model_registry WHERE model_id IN (SELECT value FROM json_each(:ids))";

    @Override
    public List<ModelVersion> withIds(Collection<String> modelIds) {
        return handle.createQuery(WITH_IDS_SQL).bind("ids", CanonicalJson.write(List.copyOf(modelIds))).mapTo(ModelVersion.class).list();
    }

    private static final String IDS_SQL = "SELECT model_id FROM model_registry";

    @Override
    public List<String> ids() {
        return handle.createQuery(IDS_SQL).mapTo(String.class).list();
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

    private static final String LAST_KNOWN_GOOD_BY_NAME =
            "SELECT model_name, last_known_good_id FROM active_pointer WHERE last_known_good_id IS NOT NULL ORDER BY model_name";

    @Override
    public Map<String, String> lastKnownGoodByName() {
        Map<String, String> result = new LinkedHashMap<>();
        handle.createQuery(LAST_KNOWN_GOOD_BY_NAME).map((rows, ctx) -> result.put(rows.getString(1), rows.getString(2))).list();
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
    public void rowsAsStored(Set<String> modelIds, Consumer<Map<String, Object>> each) {
        if (modelIds == null) {
            // One version at a time: the replay of a large registry must not hold every row at once. Each column is read
            // when the comparison asks for it: a version whose history recorded few columns costs few driver calls.
            try (PreparedStatement statement = handle.getConnection().prepareStatement(VERSIONS_SQL)) {
                statement.setFetchSize(ROWS_FETCH);
                try (ResultSet rows = statement.executeQuery()) {
                    CurrentRow row = new CurrentRow(rows);
                    while (rows.next()) {
                        row.moved();
                        each.accept(row);
                    }
                }
            } catch (SQLException failed) {
                throw new IllegalStateException("cannot read the versions: " + failed.getMessage(), failed);
            }
        } else {
            KeyedRows.keyed(handle.createQuery(VERSIONS_SQL + " WHERE model_id IN (<a>)"), modelIds, null).forEach(each);
        }
    }

    /**
     * The cursor's current row as Jdbi's map rows are (lower-case column names, {@link ResultSet#getObject} values), each
     * column read on first use; valid only until the cursor moves.
     */
    private static final class CurrentRow extends AbstractMap<String, Object> {

        private final ResultSet rows;
        private final Map<String, Integer> columns = new LinkedHashMap<>();
        private final Object[] values;
        private final boolean[] read;

        CurrentRow(ResultSet rows) throws SQLException {
            this.rows = rows;
            ResultSetMetaData meta = rows.getMetaData();
            for (int i = 0; i < meta.getColumnCount(); i++) {
                columns.putIfAbsent(meta.getColumnLabel(i + 1).toLowerCase(Locale.ROOT), i);
            }
            values = new Object[meta.getColumnCount()];
            read = new boolean[values.length];
        }

        void moved() {
            Arrays.fill(read, false);
        }

        @Override
        public Object get(Object column) {
            Integer index = columns.get(column);
            if (index == null) {
                return null;
            }
            if (!read[index]) {
                try {
                    values[index] = rows.getObject(index + 1);
                } catch (SQLException failed) {
                    throw new IllegalStateException("cannot read the versions: " + failed.getMessage(), failed);
                }
                read[index] = true;
            }
            return values[index];
        }

        @Override
        public boolean containsKey(Object column) {
            return columns.containsKey(column);
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            Map<String, Object> all = new LinkedHashMap<>();
            columns.keySet().forEach(column -> all.put(column, get(column)));
            return all.entrySet();
        }
    }

    /** Rows a server sends at a time when every version is read (PostgreSQL's driver honours it inside a transaction). */
    private static final int ROWS_FETCH = 1000;

    private static final String POINTERS_SQL = "SELECT model_name, active_model_id, last_known_good_id FROM active_pointer";

    @Override
    public List<Map<String, Object>> pointerRowsAsStored(Set<String> modelNames) {
        return modelNames == null ? handle.createQuery(POINTERS_SQL).mapToMap().list()
                : KeyedRows.keyed(handle.createQuery(POINTERS_SQL + " WHERE model_name IN (<a>)"), modelNames, null);
    }

    // the live cache

    @Override
    public Map<String, String> idsInStateByName(String state) {
        Map<String, String> rows = new HashMap<>();
        handle.createQuery("SELECT model_name, model_id FROM model_registry WHERE state = :state")
                .bind("state", state)
                .map((row, ctx) -> rows.put(row.getString(1), row.getString(2))).list();
        return rows;
    }
}
