package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.CanonicalJson;
import com.modelsteward.registry.LegacyCanonicalJson;
import com.modelsteward.registry.Scorecard;
import com.modelsteward.registry.ScorecardStore;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** {@link ScorecardStore} on SQLite. */
final class SqliteScorecardStore implements ScorecardStore {

    private final Handle handle;

    SqliteScorecardStore(Handle handle) {
        this.handle = handle;
    }

    // governance engine

    private static final String LATEST = """
            SELECT s.model_id, s.pack_id, s.metric, s.value, s.generated_at
              FROM scorecards s
             WHERE s.model_id = :id
               AND s.scorecard_id = (SELECT max(l.scorecard_id) FROM scorecards l
                                      WHERE l.model_id = s.model_id AND l.pack_id = s.pack_id AND l.metric = s.metric)
             ORDER BY s.pack_id, s.metric""";

    @Override
    public List<Scorecard> latest(String modelId) {
        return handle.createQuery(LATEST).bind("id", modelId).mapTo(Scorecard.class).list();
    }

    private static final String DIGEST_ROWS =
            "SELECT scorecard_id, pack_id, metric, value, generated_at FROM scorecards WHERE model_id = :id ORDER BY scorecard_id";

    @Override
    public String digest(String modelId) {
        // Over the rows exactly as the driver reads them (form 1 is sensitive to each value's type).
        List<Map<String, Object>> rows = handle.createQuery(DIGEST_ROWS).bind("id", modelId).mapToMap().list();
        return CanonicalJson.sha256Hex(LegacyCanonicalJson.write(rows));
    }

    private static final String INSERT = """
            INSERT INTO scorecards (model_id, pack_id, metric, value, generated_at, source)
            VALUES (:m, :p, :k, :v, :at, :src)""";

    @Override
    public void insert(String modelId, String packId, String metric, Double value, String generatedAt, String source) {
        handle.createUpdate(INSERT).bind("m", modelId).bind("p", packId).bind("k", metric).bind("v", value)
                .bind("at", generatedAt).bind("src", source).execute();
    }
}
