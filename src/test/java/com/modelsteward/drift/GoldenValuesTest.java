package com.modelsteward.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine against numpy + scipy on golden/drift_golden.json (made by make_drift_golden.py next to it): 1e-12 on D
 * and PSI, 1e-9 relative on the p-value, bit-identical bin edges.
 */
class GoldenValuesTest {

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = GoldenValuesTest.class.getResourceAsStream("/golden/drift_golden.json")) {
            JsonNode root = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(in);
            List<JsonNode> cases = new ArrayList<>();
            root.get("cases").forEach(cases::add);
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithScipy(JsonNode golden) {
        double[] reference = sample(golden, "reference");
        double[] current = sample(golden, "current");
        DriftPolicy policy = DriftPolicy.DEFAULT.withBins(golden.get("bins").asInt());

        FeatureDrift drift = DriftEngine.compare("x", "FEATURE", reference, current, policy);

        String name = golden.get("name").asText();
        assertEquals(golden.get("n_reference").asLong(), drift.nReference(), name + " n_reference");
        assertEquals(golden.get("n_current").asLong(), drift.nCurrent(), name + " n_current");
        double[] edges = new double[golden.get("edges").size()];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = golden.get("edges").get(i).asDouble();
        }
        assertArrayEquals(edges, drift.edges(), 0.0, name + " edges");
        assertEquals(golden.get("psi").asDouble(), drift.psi(), 1e-12, name + " PSI");
        assertEquals(golden.get("ks_statistic").asDouble(), drift.ksStatistic(), 1e-12, name + " D");
        double p = golden.get("ks_pvalue").asDouble();
        assertEquals(p, drift.ksPvalue(), Math.abs(p) * 1e-9, name + " p-value");
    }

    private static double[] sample(JsonNode golden, String role) {
        if (golden.has(role)) {
            JsonNode values = golden.get(role);
            double[] sample = new double[values.size()];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = values.get(i).asDouble();
            }
            return sample;
        }
        JsonNode spec = golden.get(role + "_generator");
        return SyntheticSamples.generate(spec.get("kind").asText(), spec.get("seed").asLong(), spec.get("n").asInt(),
                spec.get("scale").asDouble(), spec.get("shift").asDouble(), spec.get("quantum").asDouble());
    }
}
