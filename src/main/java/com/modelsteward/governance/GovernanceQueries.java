package com.modelsteward.governance;

import com.modelsteward.registry.CanonicalJson;
import com.modelsteward.registry.LegacyCanonicalJson;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Scorecard;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The engine's reads, on the caller's handle so that checks and writes see one snapshot. */
final class GovernanceQueries {

    private GovernanceQueries() {
    }

    static Optional<ModelVersion> version(Handle handle, String modelId) {
        return handle.createQuery("SELECT * FROM model_registry WHERE model_id = :id").bind("id", modelId)
                .mapTo(ModelVersion.class).findOne();
    }

    static Optional<ModelVersion> liveVersion(Handle handle, String modelName, String liveState) {
        return handle.createQuery("SELECT * FROM model_registry WHERE model_name = :name AND state = :state")
                .bind("name", modelName).bind("state", liveState).mapTo(ModelVersion.class).findOne();
    }

    /** The latest value of each (pack, metric). */
    static List<Scorecard> scorecards(Handle handle, String modelId) {
        return handle.createQuery("""
                        SELECT s.model_id, s.pack_id, s.metric, s.value, s.generated_at
                          FROM scorecards s
                         WHERE s.model_id = :id
                           AND s.scorecard_id = (SELECT max(l.scorecard_id) FROM scorecards l
                                                  WHERE l.model_id = s.model_id AND l.pack_id = s.pack_id AND l.metric = s.metric)
                         ORDER BY s.pack_id, s.metric""")
                .bind("id", modelId).mapTo(Scorecard.class).list();
    }

    /**
     * Changes whenever a scorecard of the version is added or replaced: a request made before it goes stale. Only this
     * app recomputes it, so it stays in form 1 (ADR 0014): a request made before RFC 8785 must not look stale after it.
     */
    static String scorecardDigest(Handle handle, String modelId) {
        List<Map<String, Object>> rows = handle.createQuery(
                        "SELECT scorecard_id, pack_id, metric, value, generated_at FROM scorecards WHERE model_id = :id ORDER BY scorecard_id")
                .bind("id", modelId).mapToMap().list();
        return CanonicalJson.sha256Hex(LegacyCanonicalJson.write(rows));
    }
}
