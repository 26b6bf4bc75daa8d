package com.modelsteward.registry.sqlite;

import com.modelsteward.registry.Scorecard;
import com.modelsteward.registry.ScorecardStore;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** {@link ScorecardStore} on SQLite. */
final class SqliteScorecardStore implements ScorecardStore {

    private final Handle handle;

    SqliteScorecardStore(Handle handle) {
        this.handle = handle;
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
