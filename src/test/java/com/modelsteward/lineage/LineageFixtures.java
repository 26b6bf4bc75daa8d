package com.modelsteward.lineage;

import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.CanonicalJson;
import com.modelsteward.registry.Registry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** A version with a complete lineage, written the way the pipeline and the governance engine write it. */
final class LineageFixtures {

    static final String CONFIG = "{\"seed\": 7, \"learning_rate\": 0.05, \"features\": [\"ret_1d\", \"vol_20d\"]}";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC);

    private LineageFixtures() {
    }

    static void insertComplete(Registry registry, String modelId, String parentId) {
        registry.write(handle -> {
            handle.createUpdate("""
                            INSERT INTO model_registry (model_id, model_name, model_type, version, state, parent_id, path_ref,
                                training_config_json, training_config_hash, data_snapshot_ref, data_snapshot_hash, feature_graph_hash,
                                code_commit, created_at, created_by)
                            VALUES (:id, 'alpha', 'signal_model', :id, 'CANDIDATE', :parent, 'models/alpha.bin', :config, :hash,
                                's3://data/alpha.parquet', :snap, 'fgh', 'c0ffee', '2026-10-01T00:00:00.000Z', 'alice.nguyen')""")
                    .bind("id", modelId).bind("parent", parentId).bind("config", CONFIG).bind("hash", CanonicalJson.hashOfJson(CONFIG))
                    .bind("snap", CanonicalJson.sha256Hex("snapshot")).execute();
            handle.execute("INSERT INTO scorecards (model_id, pack_id, metric, value) VALUES (?, 'bench_core_v1', 'sharpe', 1.4)", modelId);
            handle.execute("INSERT INTO scorecards (model_id, pack_id, metric, value) VALUES (?, 'pack_01_bull', 'sharpe', 1.6)", modelId);
            handle.execute("""
                    INSERT INTO transition_requests (request_id, model_id, from_state, to_state, requested_by, requested_at, justification,
                        status, model_row_version, decided_at, executed_at)
                    VALUES (?, ?, 'SHADOW', 'ACTIVE', 'bob.keller', '2026-10-10T00:00:00.000Z', 'beats baseline', 'EXECUTED', 1,
                        '2026-10-11T00:00:00.000Z', '2026-10-11T00:05:00.000Z')""", "REQ-" + modelId, modelId);
            handle.execute("""
                    INSERT INTO approvals (request_id, approver, decision, comment, decided_at)
                    VALUES (?, 'rachel.okafor', 'APPROVE', 'gates pass, drawdown fine', '2026-10-11T00:00:00.000Z')""", "REQ-" + modelId);
            AuditTrail.append(handle, CLOCK, "rachel.okafor", "transition.executed", modelId, Map.of("request_id", "REQ-" + modelId));
            return null;
        });
    }
}
