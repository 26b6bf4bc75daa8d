package com.modelsteward.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline writes with plain SQL: the documented columns alone must be enough. */
class SchemaContractTest {

    @TempDir
    Path dir;

    @Test
    void aPipelineInsertWithOnlyTheDocumentedColumnsSucceeds() throws Exception {
        Path file = dir.resolve("contract.db");
        Registry.create(file).close();
        try (Connection pipeline = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = pipeline.createStatement()) {
            sql.executeUpdate("""
                    INSERT INTO model_registry (model_id, model_name, model_type, version, state, parent_id, path_ref,
                        training_config_json, training_config_hash, data_snapshot_ref, data_snapshot_hash, feature_graph_hash,
                        code_commit, created_at, created_by, updated_at, row_version)
                    VALUES ('alpha-1', 'alpha', 'signal_model', '1.0.0', 'CANDIDATE', NULL, 'models/alpha/1.bin', '{"lr":0.1}',
                        'abc', 's3://d/1', 'def', 'fed', 'cafe', '2026-11-01T00:00:00Z', 'pipeline', '2026-11-01T00:00:00Z', 1)""");
            sql.executeUpdate("INSERT INTO model_registry (model_id, model_name, model_type, version) VALUES ('alpha-2', 'alpha', 'signal_model', '1.1.0')");
            sql.executeUpdate("""
                    INSERT INTO scorecards (model_id, pack_id, metric, value, generated_at)
                    VALUES ('alpha-1', 'bench_core_v1', 'sharpe', 1.4, '2026-11-01T00:00:00Z')""");
            sql.executeUpdate("INSERT INTO drift_samples (model_id, feature, role, value) VALUES ('alpha-1', 'ret_1d', 'CURRENT', 0.01)");
        }
        try (Registry registry = Registry.open(file)) {
            ModelCatalog catalog = new ModelCatalog(registry);
            ModelVersion defaulted = catalog.version("alpha-2").orElseThrow();
            assertEquals("CANDIDATE", defaulted.state());
            assertEquals(1, defaulted.rowVersion());
            assertNotNull(defaulted.createdAt());
            assertEquals(1.4, catalog.scorecards("alpha-1").getFirst().value());
        }
    }

    @Test
    void theDatabaseRefusesASecondActiveVersionOfOneName() throws Exception {
        Path file = dir.resolve("two-active.db");
        Registry.create(file).close();
        try (Connection pipeline = DriverManager.getConnection("jdbc:sqlite:" + file); Statement sql = pipeline.createStatement()) {
            sql.executeUpdate("INSERT INTO model_registry (model_id, model_name, model_type, version) VALUES ('b-1', 'b', 'signal_model', '1')");
            sql.executeUpdate("INSERT INTO model_registry (model_id, model_name, model_type, version) VALUES ('b-2', 'b', 'signal_model', '2')");
            // Whatever later migrations add (approval triggers), two ACTIVE rows of one name are never possible.
            assertThrows(SQLException.class, () -> {
                sql.executeUpdate("PRAGMA recursive_triggers = OFF");
                for (String trigger : triggers(sql)) {
                    sql.executeUpdate("DROP TRIGGER " + trigger);
                }
                sql.executeUpdate("UPDATE model_registry SET state = 'ACTIVE' WHERE model_name = 'b'");
            });
        }
    }

    private static java.util.List<String> triggers(Statement sql) throws SQLException {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (var rows = sql.executeQuery("SELECT name FROM sqlite_master WHERE type = 'trigger'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
