package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.CanonicalJson;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.ModelVersionStore;
import com.modelsteward.registry.VersionHashRow;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** {@link ModelVersionStore} on SQLite. */
final class SqliteModelVersionStore implements ModelVersionStore {

    private final Handle handle;

    SqliteModelVersionStore(Handle handle) {
        this.handle = handle;
    }

    // lineage, scorecards and drift

    private static final String HASHES_SQL = """
            SELECT model_id, training_config_hash, data_snapshot_hash, feature_graph_hash, code_commit
              FROM model_registry""";

    @Override
    public List<VersionHashRow> hashes() {
        return handle.createQuery(HASHES_SQL).map(ConstructorMapper.of(VersionHashRow.class)).list();
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
}
