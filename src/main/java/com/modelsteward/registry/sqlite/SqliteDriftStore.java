package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.DriftResultRow;
import com.modelsteward.registry.DriftStore;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** {@link DriftStore} on SQLite. */
final class SqliteDriftStore implements DriftStore {

    private final Handle handle;

    SqliteDriftStore(Handle handle) {
        this.handle = handle;
    }

    // governance engine

    private static final String LATEST_RESULTS = """
            SELECT d.drift_id, d.model_id, d.feature, d.drift_kind, d.psi, d.ks_statistic, d.ks_pvalue, d.n_reference,
                   d.n_current, d.n_dropped, d.severity, d.window_start, d.window_end, d.computed_at
              FROM model_drift d
             WHERE d.model_id = :id
               AND d.drift_id = (SELECT max(l.drift_id) FROM model_drift l
                                  WHERE l.model_id = d.model_id AND l.feature = d.feature AND l.drift_kind = d.drift_kind)
             ORDER BY d.psi DESC""";

    @Override
    public List<DriftResultRow> latestResults(String modelId) {
        return handle.createQuery(LATEST_RESULTS).bind("id", modelId).mapTo(DriftResultRow.class).list();
    }
}
