package com.modelsteward.registry.sql;

import com.modelsteward.registry.DriftResultRow;
import com.modelsteward.registry.DriftSampleRow;
import com.modelsteward.registry.DriftStore;
import com.modelsteward.registry.NewDriftResult;
import com.modelsteward.registry.Outbox;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link DriftStore} in SQL that every engine runs ({@link Dialect}). */
final class SqlDriftStore implements DriftStore {

    private final Handle handle;

    SqlDriftStore(Handle handle) {
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

    // lineage, scorecards and drift

    /**
     * Jumps from one id to the next in the samples' index (one lookup per version): DISTINCT read every sample of every
     * version, and years of history make millions of them.
     */
    private static final String MODELS_WITH_SAMPLES_SQL = """
            WITH RECURSIVE ids(model_id) AS (
                SELECT min(model_id) FROM drift_samples
                UNION ALL
                SELECT (SELECT min(d.model_id) FROM drift_samples d WHERE d.model_id > ids.model_id) FROM ids
                 WHERE ids.model_id IS NOT NULL)
            SELECT model_id FROM ids WHERE model_id IS NOT NULL ORDER BY model_id""";

    @Override
    public List<String> modelsWithSamples() {
        return handle.createQuery(MODELS_WITH_SAMPLES_SQL).mapTo(String.class).list();
    }

    private static final String SAMPLES_SQL = """
            SELECT feature, role, value, category, observed_at FROM drift_samples
             WHERE model_id = :id ORDER BY feature, role, observed_at, sample_id""";

    @Override
    public void samplesOf(String modelId, SampleVisitor visitor) {
        try (var rows = handle.createQuery(SAMPLES_SQL)
                .bind("id", modelId)
                .map((rs, ctx) -> {
                    double value = rs.getDouble(3);
                    boolean missing = rs.wasNull();
                    visitor.sample(rs.getString(1), rs.getString(2), missing ? null : value, rs.getString(4), rs.getString(5));
                    return 0;
                }).stream()) {
            rows.forEach(ignored -> { });
        }
    }

    private static final String ADD_RESULT_SQL = """
            INSERT INTO model_drift (model_id, feature, drift_kind, psi, ks_statistic, ks_pvalue, n_reference, n_current,
                                     n_dropped, severity, window_start, window_end, computed_at, details_json,
                                     policy_name, ks_location)
            VALUES (:model, :feature, :kind, :psi, :d, :p, :nRef, :nCur, :dropped, :severity, :start, :end, :now,
                    :details, :policy, :location)""";

    @Override
    public long addResult(NewDriftResult result) {
        return handle.createUpdate(ADD_RESULT_SQL)
                .bind("model", result.modelId()).bind("feature", result.feature()).bind("kind", result.driftKind())
                .bind("psi", result.psi()).bind("d", result.ksStatistic()).bind("p", result.ksPvalue())
                .bind("nRef", result.nReference()).bind("nCur", result.nCurrent()).bind("dropped", result.nDropped())
                .bind("severity", result.severity()).bind("start", result.windowStart()).bind("end", result.windowEnd())
                .bind("now", result.computedAt()).bind("details", result.detailsJson()).bind("policy", result.policyName())
                .bind("location", result.ksLocation())
                .executeAndReturnGeneratedKeys("drift_id").mapTo(Long.class).one();
    }

    // rules, policy, command line and demo data

    private static final String INSERT_SAMPLE = "INSERT INTO drift_samples (model_id, feature, role, value, observed_at) VALUES (?, ?, ?, ?, ?)";

    /** A plain JDBC batch with positional parameters: binding by name cost a map lookup per value, and an import has millions. */
    @Override
    public void insertSamples(List<DriftSampleRow> samples) {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(INSERT_SAMPLE)) {
            for (DriftSampleRow s : samples) {
                statement.setString(1, s.modelId());
                statement.setString(2, s.feature());
                statement.setString(3, s.role());
                statement.setDouble(4, s.value());
                statement.setString(5, s.observedAt());
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException failed) {
            throw new IllegalStateException(failed.getMessage(), failed);
        }
    }

    private static final String SAMPLE_IMPORTS_SQL = """
            SELECT payload_json FROM events
             WHERE event_type = :type AND payload_json LIKE :needle
             ORDER BY event_id""";

    @Override
    public List<String> sampleImportPayloads(String sha256) {
        return handle.createQuery(SAMPLE_IMPORTS_SQL).bind("type", Outbox.DRIFT_SAMPLES_IMPORTED).bind("needle", "%\"" + sha256 + "\"%").mapTo(String.class).list();
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
