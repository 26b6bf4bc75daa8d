package com.modelsteward.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.json.LegacyCanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * training_config_hash as the Python pipeline computes it (canonical/python_hashes.json, written once by
 * make_python_hashes.py with python3): accepted by {@code register} and by the promotion check whenever the recipe wrote
 * RFC 8785 bytes, as plain json.dumps does for {"learning_rate": 0.0001}; refused by {@code register}, with the hash to use,
 * when it did not.
 */
class PipelineHashTest {

    @TempDir
    Path dir;

    @TestFactory
    List<DynamicTest> aHashComputedInPythonIsAcceptedExactlyWhenItsBytesAreRfc8785() throws IOException {
        JsonNode cases;
        try (InputStream in = PipelineHashTest.class.getResourceAsStream("/canonical/python_hashes.json")) {
            cases = CanonicalJson.mapper().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : cases) {
            String id = "py" + i++;
            String config = c.get("config").asText();
            String hash = c.get("sha256").asText();
            boolean accepted = c.get("accepted").asBoolean();
            tests.add(DynamicTest.dynamicTest(c.get("recipe").asText() + ": " + c.get("name").asText(), () -> {
                Path model = dir.resolve(id + ".json");
                Files.writeString(model, """
                        {"model_name": "%s", "model_type": "signal_model", "version": "1", "path_ref": "models/%s/1",
                         "training_config": %s,
                         "training_config_hash": "%s",
                         "data_snapshot_ref": "s3://data/%s/1", "data_snapshot_hash": "%s"}
                        """.formatted(id, id, config, hash, id, "a".repeat(64)), StandardCharsets.UTF_8);
                try (Fixture f = new Fixture(Files.createDirectories(dir.resolve(id)))) {
                    if (accepted) {
                        f.engine.register(f.alice, InputFiles.readModel(model));
                        assertTrainingConfigCheck(f, id + "-1", true);
                    } else {
                        GovernanceException refused = assertThrows(GovernanceException.class, () -> InputFiles.readModel(model));
                        assertEquals(model + " line 3: field \"training_config_hash\" is " + hash
                                + " but the SHA-256 of the canonical training_config is " + CanonicalJson.hashOfJson(config), refused.getMessage());
                    }
                    f.registry.writeHandle(h -> h.createUpdate("""
                                    INSERT INTO model_registry (model_id, model_name, model_type, version, state, path_ref, training_config_json,
                                        training_config_hash, data_snapshot_ref, data_snapshot_hash, created_at, created_by, updated_at,
                                        row_version, state_changed_at)
                                    VALUES ('direct-1', 'direct', 'signal_model', '1', 'CANDIDATE', 'models/direct/1', :config, :hash,
                                        's3://data/direct/1', :data, '2026-11-01T12:00:00.000Z', 'pipeline', '2026-11-01T12:00:00.000Z', 1,
                                        '2026-11-01T12:00:00.000Z')""")
                            .bind("config", config).bind("hash", hash).bind("data", "a".repeat(64)).execute());
                    // a stored row also passes when its hash is form 1 (ADR 0014), which is json.dumps's for 1.0 and -0.0
                    assertTrainingConfigCheck(f, "direct-1", accepted || hash.equals(LegacyCanonicalJson.hashOfJson(config)));
                }
            }));
        }
        assertTrue(tests.size() >= 10, "the golden file has all its cases");
        return tests;
    }

    /** The promotion check's prerequisite on the config hash, for a row the pipeline wrote straight into the file too. */
    private static void assertTrainingConfigCheck(Fixture f, String modelId, boolean passes) {
        GateReport.PrerequisiteCheck check = f.engine.gateEvaluator().evaluate(modelId).prerequisites().stream()
                .filter(p -> p.name().equals("training_config")).findFirst().orElseThrow();
        assertEquals(passes, check.passed(), check.detail());
        if (!passes) {
            assertEquals("training_config_hash does not match the SHA-256 of the canonical training config", check.detail());
        }
    }
}
