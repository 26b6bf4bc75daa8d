package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.CanonicalJson;
import com.modelsteward.registry.Scorecard;
import com.modelsteward.registry.ScorecardStore;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/** {@link ScorecardStore} on SQLite. */
final class SqliteScorecardStore implements ScorecardStore {

    private final Handle handle;

    SqliteScorecardStore(Handle handle) {
        this.handle = handle;
    }

    // lineage, scorecards and drift

    private static final String LATEST_OF_NAME_SQL = """
            SELECT s.model_id, s.pack_id, s.metric, s.value, s.generated_at
              FROM scorecards s JOIN model_registry m ON m.model_id = s.model_id
             WHERE m.model_name = :name
               AND s.scorecard_id = (SELECT max(l.scorecard_id) FROM scorecards l
                                      WHERE l.model_id = s.model_id AND l.pack_id = s.pack_id AND l.metric = s.metric)
             ORDER BY s.model_id, s.pack_id, s.metric""";

    @Override
    public List<Scorecard> latestOfName(String modelName) {
        return handle.createQuery(LATEST_OF_NAME_SQL).bind("name", modelName).map(ConstructorMapper.of(Scorecard.class)).list();
    }

    /** The latest value of each (pack, metric), as {@code ModelCatalog#scorecards} reads it for one version; ids as a JSON array. */
    private static final String LATEST_OF_VERSIONS_SQL = """
            SELECT s.model_id, s.pack_id, s.metric, s.value, s.generated_at
              FROM scorecards s
             WHERE s.model_id IN (SELECT value FROM json_each(:ids))
               AND s.scorecard_id = (SELECT max(l.scorecard_id) FROM scorecards l
                                      WHERE l.model_id = s.model_id AND l.pack_id = s.pack_id AND l.metric = s.metric)
             ORDER BY s.model_id, s.pack_id, s.metric""";

    @Override
    public List<Scorecard> latestOfVersions(Collection<String> modelIds) {
        return handle.createQuery(LATEST_OF_VERSIONS_SQL).bind("ids", CanonicalJson.write(List.copyOf(modelIds))).mapTo(Scorecard.class).list();
    }
}
