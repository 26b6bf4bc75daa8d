package com.modelsteward.registry.sql;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.json.LegacyCanonicalJson;
import com.modelsteward.registry.Scorecard;
import com.modelsteward.registry.ScorecardImportRow;
import com.modelsteward.registry.ScorecardStore;
import com.modelsteward.registry.StagedModelLine;
import com.modelsteward.registry.StagedScorecardRow;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@link ScorecardStore} in SQL that every engine runs ({@link Dialect}). */
final class SqlScorecardStore implements ScorecardStore {

    private final Handle handle;
    private final Dialect dialect;

    SqlScorecardStore(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
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
        return handle.createQuery(LATEST_OF_NAME_SQL).bind("name", modelName).mapTo(Scorecard.class).list();
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

    // the import (docs/decisions/0008)

    /** How often the copy's watchdog looks for a cancel. */
    private static final long CANCEL_POLL_NANOS = 50_000_000;

    private static final String IMPORT_OF_SQL = """
            SELECT file_sha256, file_name, rows, imported_by, imported_at FROM scorecard_imports WHERE file_sha256 = :sha""";

    @Override
    public Optional<ScorecardImportRow> importOf(String fileSha256) {
        return handle.createQuery(IMPORT_OF_SQL)
                .bind("sha", fileSha256)
                .map((r, ctx) -> new ScorecardImportRow(r.getString(1), r.getString(2), r.getLong(3), r.getString(4), r.getString(5)))
                .findOne();
    }

    private static final String HIGHEST_ID_SQL = "SELECT coalesce(max(scorecard_id), 0) FROM scorecards";

    @Override
    public long highestId() {
        return handle.createQuery(HIGHEST_ID_SQL).mapTo(Long.class).one();
    }

    private static final String COUNT_UP_TO_SQL = "SELECT count(*) FROM scorecards WHERE scorecard_id <= :mark";

    @Override
    public long countUpTo(long mark) {
        return handle.createQuery(COUNT_UP_TO_SQL).bind("mark", mark).mapTo(Long.class).one();
    }

    private static final String STAGED_COUNT_SQL = "SELECT count(*) FROM staging.staged_scorecards";

    @Override
    public long stagedCount() {
        return handle.createQuery(dialect.staged(STAGED_COUNT_SQL)).mapTo(Long.class).one();
    }

    private static final String STAGED_MODEL_IDS_SQL = "SELECT DISTINCT model_id FROM staging.staged_scorecards ORDER BY model_id";

    @Override
    public void stagedModelIds(Consumer<String> id) {
        try (var ids = handle.createQuery(dialect.staged(STAGED_MODEL_IDS_SQL)).mapTo(String.class).stream()) {
            ids.forEach(id);
        }
    }

    private static final String FIRST_STAGED_DUPLICATE_SQL = """
            SELECT s.line, s.model_id, s.pack_id, s.metric, s.generated_at
              FROM staging.staged_scorecards s
             WHERE s.generated_at IS NOT NULL
               AND EXISTS (SELECT 1 FROM scorecards c
                            WHERE c.model_id = s.model_id AND c.pack_id = s.pack_id AND c.metric = s.metric
                              AND c.generated_at = s.generated_at)
             ORDER BY s.rowid LIMIT 1""";

    @Override
    public Optional<StagedScorecardRow> firstStagedDuplicate() {
        return handle.createQuery(dialect.staged(FIRST_STAGED_DUPLICATE_SQL))
                .map((r, ctx) -> new StagedScorecardRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)))
                .findOne();
    }

    private static final String FIRST_STAGED_DUPLICATE_AFTER_SQL = """
            SELECT s.line, s.model_id, s.pack_id, s.metric, s.generated_at
              FROM scorecards c
              JOIN staging.staged_scorecards s
                ON s.model_id = c.model_id AND s.pack_id = c.pack_id AND s.metric = c.metric
               AND coalesce(s.generated_at, '') = c.generated_at
             WHERE c.scorecard_id > :after AND s.generated_at IS NOT NULL
             ORDER BY s.line LIMIT 1""";

    @Override
    public Optional<StagedScorecardRow> firstStagedDuplicateAfter(long afterId) {
        return handle.createQuery(dialect.staged(FIRST_STAGED_DUPLICATE_AFTER_SQL))
                .bind("after", afterId)
                .map((r, ctx) -> new StagedScorecardRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)))
                .findOne();
    }

    private static final String FIRST_STAGED_OF_UNKNOWN_VERSION_SQL = """
            SELECT s.line, s.model_id FROM staging.staged_scorecards s
             WHERE NOT EXISTS (SELECT 1 FROM model_registry m WHERE m.model_id = s.model_id) LIMIT 1""";

    @Override
    public Optional<StagedModelLine> firstStagedOfUnknownVersion() {
        return handle.createQuery(dialect.staged(FIRST_STAGED_OF_UNKNOWN_VERSION_SQL))
                .map((r, ctx) -> new StagedModelLine(r.getLong(1), r.getString(2)))
                .findOne();
    }

    private static final String COPY_FROM_STAGING_SQL = """
            INSERT INTO scorecards (model_id, pack_id, metric, value, generated_at, source)
            SELECT model_id, pack_id, metric, value, coalesce(generated_at, ?), ?
              FROM staging.staged_scorecards ORDER BY model_id, pack_id, metric, coalesce(generated_at, '')""";

    /**
     * One {@code INSERT … SELECT} in the order of the registry's index {@code scorecards_model} (the staging unique index
     * has the same columns), so the index grows by near-sequential inserts instead of one random b-tree descent per row:
     * this is most of the time the write lock is held. A watchdog interrupts the statement when the user cancels
     * (SQLite's {@code sqlite3_interrupt}, through JDBC's {@code cancel}); the caller's transaction then rolls back.
     */
    @Override
    public long copyFromStaging(String now, String source, BooleanSupplier cancelled) {
        try (PreparedStatement insert = handle.getConnection().prepareStatement(dialect.staged(COPY_FROM_STAGING_SQL))) {
            insert.setString(1, now);
            insert.setString(2, source);
            AtomicBoolean done = new AtomicBoolean();
            Thread watchdog = Thread.ofVirtual().name("scorecards-import-watchdog").start(() -> {
                while (!done.get()) {
                    if (cancelled.getAsBoolean()) {
                        try {
                            insert.cancel();
                        } catch (SQLException ignored) {
                            // the statement has finished; the caller sees the cancel after it
                        }
                        return;
                    }
                    LockSupport.parkNanos(CANCEL_POLL_NANOS);
                }
            });
            try {
                return insert.executeUpdate();
            } catch (SQLException failed) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("the copy from the staging file was cancelled");
                }
                // The rows come from the staging file, already read: a failure here is the registry's (a full disk), not the
                // input's. The registry's writer translates it with the registry's file name.
                throw new UnableToExecuteStatementException(failed, null);
            } finally {
                done.set(true);
                watchdog.interrupt();
            }
        } catch (SQLException failed) {
            throw new UnableToExecuteStatementException(failed, null);
        }
    }

    private static final String RECORD_IMPORT_SQL = """
            INSERT INTO scorecard_imports
                (file_sha256, file_name, rows, models, model_ids_sha256, source, imported_by, imported_at)
            VALUES (:sha, :name, :rows, :models, :ids, :source, :actor, :now)""";

    @Override
    public void recordImport(String fileSha256, String fileName, long rows, long models, String modelIdsSha256, String source, String importedBy,
                             String importedAt) {
        handle.createUpdate(RECORD_IMPORT_SQL)
                .bind("sha", fileSha256).bind("name", fileName).bind("rows", rows).bind("models", models)
                .bind("ids", modelIdsSha256).bind("source", source).bind("actor", importedBy).bind("now", importedAt)
                .execute();
    }

    // rules, policy, command line and demo data

    private static final String INSERT_SCORECARD =
            "INSERT INTO scorecards (model_id, pack_id, metric, value, generated_at) VALUES (?, ?, ?, ?, ?)";

    /** A plain JDBC batch with positional parameters (binding by name cost a map lookup per value at scale). */
    @Override
    public void insertAll(List<Scorecard> scorecards) {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(INSERT_SCORECARD)) {
            for (Scorecard s : scorecards) {
                statement.setString(1, s.modelId());
                statement.setString(2, s.packId());
                statement.setString(3, s.metric());
                statement.setObject(4, s.value());
                statement.setString(5, s.generatedAt());
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException failed) {
            throw new IllegalStateException(failed.getMessage(), failed);
        }
    }
}
