package com.modelsteward.lineage;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.Scorecard;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Versions for lineage tests: in-memory evidence for the check's logic, and CANDIDATE rows the way the pipeline inserts them. */
public final class LineageFixtures {

    public static final String CONFIG = "{\"seed\": 7, \"learning_rate\": 0.05, \"features\": [\"ret_1d\", \"vol_20d\"]}";
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC);
    public static final AuditTrail.Verification CHAIN_OK = new AuditTrail.Verification(3, Optional.empty(), "");

    private LineageFixtures() {
    }

    public static ModelVersion version(String modelId) {
        return new ModelVersion(modelId, "alpha", "signal_model", "1.0.0", "ACTIVE", null, "models/alpha.bin", CONFIG,
                CanonicalJson.hashOfJson(CONFIG), "s3://data/alpha.parquet", CanonicalJson.sha256Hex("snapshot"), "fgh", "c0ffee",
                "2026-10-01T00:00:00.000Z", "alice.nguyen", "2026-10-11T00:05:00.000Z", 3, "2026-10-11T00:05:00.000Z", false);
    }

    public static RequestEvidence executedRequest(String status, String executedAt, String decision) {
        return new RequestEvidence("REQ-1", "SHADOW", "ACTIVE", "bob.keller", "2026-10-10T00:00:00.000Z", "beats baseline", status, true,
                "{\"passed\":true}", "2026-10-11T00:00:00.000Z", executedAt, 1,
                List.of(new ApprovalEvidence("REQ-1", "rachel.okafor", decision, "gates pass", "2026-10-11T00:00:00.000Z")));
    }

    /** Everything the check asks for. */
    public static LineageEvidence complete(String modelId) {
        return new LineageEvidence(version(modelId),
                List.of(new Scorecard(modelId, "bench_core_v1", "sharpe", 1.4, "2026-10-02T00:00:00.000Z"),
                        new Scorecard(modelId, "pack_01_bull", "sharpe", 1.6, "2026-10-02T00:00:00.000Z")),
                List.of(executedRequest("EXECUTED", "2026-10-11T00:05:00.000Z", "APPROVE")),
                List.of(new AuditEntry(2, "2026-10-11T00:05:00.000Z", "rachel.okafor", "TRANSITION", "model:" + modelId, "{}", "p", "h")),
                List.of());
    }

    /** A new candidate as the pipeline writes it with plain SQL (the triggers allow CANDIDATE rows). */
    public static void insertCandidate(Registry registry, String modelId, String createdBy) {
        registry.writeHandle(handle -> {
            handle.createUpdate("""
                            INSERT INTO model_registry (model_id, model_name, model_type, version, state, path_ref,
                                training_config_json, training_config_hash, data_snapshot_ref, data_snapshot_hash, feature_graph_hash,
                                code_commit, created_at, created_by)
                            VALUES (:id, 'alpha', 'signal_model', :id, 'CANDIDATE', 'models/alpha.bin', :config, :hash,
                                's3://data/alpha.parquet', :snap, 'fgh', 'c0ffee', '2026-10-01T00:00:00.000Z', :by)""")
                    .bind("id", modelId).bind("config", CONFIG).bind("hash", CanonicalJson.hashOfJson(CONFIG))
                    .bind("snap", CanonicalJson.sha256Hex("snapshot")).bind("by", createdBy).execute();
            handle.execute("INSERT INTO scorecards (model_id, pack_id, metric, value) VALUES (?, 'bench_core_v1', 'sharpe', 1.4)", modelId);
            return null;
        });
    }
}
