package com.modelsteward.trust;

import com.modelsteward.governance.GovernanceException;
import com.modelsteward.governance.InputFiles;
import com.modelsteward.policy.PolicyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes every importer and the policy loader with jqwik: valid files mutated byte by byte (flips, cuts, insertions of
 * JSON/YAML punctuation, duplicated fragments) and raw random text. Whatever comes in, the only thing allowed out is the
 * documented refusal ({@link GovernanceException} with E_INVALID_INPUT or E_POLICY_INVALID); any other exception fails
 * the property. The number of tries is bounded so CI stays fast; jqwik's generators are seeded, and a failure prints the
 * seed to replay it.
 */
@Tag("fuzz")
class ImporterFuzzTest {

    private static Path dir;

    private static final String MODEL = """
            {"model_name": "momentum_xgb", "model_type": "signal_model", "version": "3.2.0", "parent_id": "momentum_xgb-3.1.0",
             "path_ref": "models/momentum_xgb/3.2.0", "training_config": {"lr": 0.05, "depth": [6, 8], "name": "x"},
             "data_snapshot_ref": "s3://snapshots/2026-10", "data_snapshot_hash": "%s", "code_commit": "abc123"}
            """.formatted("b".repeat(64));
    private static final String SCORECARDS = """
            {"model_id": "momentum_xgb-3.2.0", "source": "bench", "generated_at": "2026-11-01T12:00:00Z",
             "scorecards": [{"pack_id": "bench_core_v1", "metric": "sharpe", "value": 1.42},
                            {"pack_id": "bench_core_v1", "metric": "max_drawdown", "value": null},
                            {"pack_id": "bench_core_v1", "metric": "error_rate", "value": "NaN", "generated_at": "2026-11-01T13:00:00Z"}]}
            """;
    private static final String SCORECARD_LIST = """
            [{"model_id": "a-1", "pack_id": "p", "metric": "sharpe", "value": -0.5, "generated_at": "2026-11-01T12:00:00Z"}]
            """;
    private static final String POLICY_YAML = """
            name: fuzz
            states: [CANDIDATE, SHADOW, ACTIVE, RETIRED]
            transitions:
              - {from: CANDIDATE, to: SHADOW, requires: [artifacts]}
              - {from: SHADOW, to: ACTIVE, requires: [gates], approvals: {count: 2, role: RISK_OFFICER}}
            defaults:
              evalPacks: [bench_core_v1]
              shadowDurationDays: 3
              gates:
                sharpe: {direction: HIGHER_IS_BETTER, minImprovement: 0.1}
                refusal_rate: {direction: IN_BAND, band: [0.01, 0.05]}
            """;
    private static final String POLICY_JSON = """
            {"name": "fuzz", "transitions": [{"from": "CANDIDATE", "to": "SHADOW"},
              {"from": "SHADOW", "to": "ACTIVE", "approvals": {"count": 1, "role": "RISK_OFFICER"}}],
             "types": {"signal_model": {"retainRetired": 2, "gates": {"sharpe": {"direction": "HIGHER_IS_BETTER", "threshold": 1.0}}}}}
            """;

    @BeforeContainer
    static void folder() throws IOException {
        dir = Files.createTempDirectory("fuzz");
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 200)
    void modelFiles(@ForAll("mutatedModel") byte[] content) {
        onlyDocumentedRefusals("model.json", content, InputFiles::readModel);
    }

    @Property(tries = 200)
    void scorecardFiles(@ForAll("mutatedScorecards") byte[] content) {
        onlyDocumentedRefusals("scorecards.json", content, file -> InputFiles.readScorecards(file, "2026-11-01T12:00:00.000Z"));
    }

    @Property(tries = 200)
    void policyYaml(@ForAll("mutatedPolicyYaml") byte[] content) {
        onlyDocumentedRefusals("policy.yaml", content, file -> PolicyLoader.load(file, Map.of()));
    }

    @Property(tries = 200)
    void policyJson(@ForAll("mutatedPolicyJson") byte[] content) {
        onlyDocumentedRefusals("policy.json", content, file -> PolicyLoader.load(file, Map.of()));
    }

    private static void onlyDocumentedRefusals(String name, byte[] content, Consumer<Path> importer) {
        Path file = dir.resolve(name);
        try {
            Files.write(file, content);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        try {
            importer.accept(file);
        } catch (GovernanceException refused) {
            if (!List.of("E_INVALID_INPUT", "E_POLICY_INVALID").contains(refused.code()) || refused.getMessage() == null
                    || refused.getMessage().isBlank()) {
                throw new AssertionError("undocumented refusal " + refused.code() + ": " + refused.getMessage(), refused);
            }
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedModel() {
        return mutated(MODEL);
    }

    @Provide
    Arbitrary<byte[]> mutatedScorecards() {
        return Arbitraries.oneOf(mutated(SCORECARDS), mutated(SCORECARD_LIST));
    }

    @Provide
    Arbitrary<byte[]> mutatedPolicyYaml() {
        return mutated(POLICY_YAML);
    }

    @Provide
    Arbitrary<byte[]> mutatedPolicyJson() {
        return mutated(POLICY_JSON);
    }

    /** A valid file with up to eight mutations, or random bytes. */
    private static Arbitrary<byte[]> mutated(String valid) {
        byte[] seed = valid.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Arbitrary<byte[]> edits = Arbitraries.integers().between(1, 8).flatMap(count ->
                Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofSize(count * 3).map(numbers -> {
                    byte[] bytes = seed.clone();
                    for (int i = 0; i < count; i++) {
                        bytes = mutate(bytes, numbers.get(3 * i), numbers.get(3 * i + 1), numbers.get(3 * i + 2));
                    }
                    return bytes;
                }));
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, edits), net.jqwik.api.Tuple.of(1, noise));
    }

    private static final String PUNCTUATION = "{}[]:,\"'\\-.eE0123456789 \n\t&*!|>#nulltruefalseNaNInfinity\u0000\u00ff";

    private static byte[] mutate(byte[] bytes, int kind, int position, int value) {
        if (bytes.length == 0) {
            return new byte[] {(byte) value};
        }
        int at = position % bytes.length;
        switch (kind % 5) {
            case 0 -> {
                byte[] copy = bytes.clone();
                copy[at] = (byte) value;
                return copy;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(bytes, at);
            }
            case 2 -> {
                byte[] copy = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, copy, 0, at);
                copy[at] = (byte) PUNCTUATION.charAt(value % PUNCTUATION.length());
                System.arraycopy(bytes, at, copy, at + 1, bytes.length - at);
                return copy;
            }
            case 3 -> {
                int end = Math.min(bytes.length, at + 1 + value % 40);
                byte[] copy = new byte[bytes.length + (end - at)];
                System.arraycopy(bytes, 0, copy, 0, end);
                System.arraycopy(bytes, at, copy, end, bytes.length - at);
                return copy;
            }
            default -> {
                int end = Math.min(bytes.length, at + 1 + value % 20);
                byte[] copy = new byte[bytes.length - (end - at)];
                System.arraycopy(bytes, 0, copy, 0, at);
                System.arraycopy(bytes, end, copy, at, bytes.length - end);
                return copy;
            }
        }
    }
}
