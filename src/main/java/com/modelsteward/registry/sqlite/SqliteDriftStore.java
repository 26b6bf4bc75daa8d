package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.DriftResultRow;
import com.modelsteward.registry.DriftSampleRow;
import com.modelsteward.registry.DriftStore;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link DriftStore} on SQLite. */
final class SqliteDriftStore implements DriftStore {

    private final Handle handle;

    SqliteDriftStore(Handle handle) {
        this.handle = handle;
    }

    // rules, policy, command line and demo data

    private static final String INSERT_SAMPLE =
            "INSERT INTO drift_samples (model_id, feature, role, value, observed_at) VALUES (:id, :f, :role, :v, :at)";

    @Override
    public void insertSamples(List<DriftSampleRow> samples) {
        PreparedBatch batch = handle.prepareBatch(INSERT_SAMPLE);
        for (DriftSampleRow s : samples) {
            batch.bind("id", s.modelId()).bind("f", s.feature()).bind("role", s.role()).bind("v", s.value()).bind("at", s.observedAt()).add();
        }
        batch.execute();
    }

    private static final String INSERT_RESULT = """
            INSERT INTO model_drift (model_id, feature, drift_kind, psi, ks_statistic, ks_pvalue, n_reference, n_current, n_dropped,
                severity, window_start, window_end, computed_at)
            VALUES (:id, :feature, :kind, :psi, :d, :p, :nReference, :nCurrent, :nDropped, :severity, :start, :end, :computed)""";
    private static final int RESULT_BATCH = 5_000;

    @Override
    public void insertResults(List<DriftResultRow> results) {
        PreparedBatch drift = handle.prepareBatch(INSERT_RESULT);
        int rows = 0;
        for (DriftResultRow r : results) {
            drift.bind("id", r.modelId()).bind("feature", r.feature()).bind("kind", r.driftKind()).bind("psi", r.psi())
                    .bind("d", r.ksStatistic()).bind("p", r.ksPvalue()).bind("nReference", r.nReference())
                    .bind("nCurrent", r.nCurrent()).bind("nDropped", r.nDropped()).bind("severity", r.severity())
                    .bind("start", r.windowStart()).bind("end", r.windowEnd()).bind("computed", r.computedAt()).add();
            if (++rows % RESULT_BATCH == 0) {
                drift.execute();
            }
        }
        drift.execute();
    }
}
