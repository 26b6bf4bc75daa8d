package com.modelsteward.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The KS boundary cases of issue 23 against scipy's {@code ks_2samp(method="auto")}: drift/golden/ks_boundaries.json,
 * written once by gen_ks_boundaries.py next to it. D's lattice numerator and denominator exactly, D to 1e-9 relative,
 * the p-value to 1e-6 relative and the severity under the default policy equal.
 */
class KsBoundaryGoldenTest {

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = KsBoundaryGoldenTest.class.getResourceAsStream("/drift/golden/ks_boundaries.json")) {
            List<JsonNode> cases = new ArrayList<>();
            JsonMapper.builder().build().readTree(in).get("cases").forEach(cases::add);
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void agreesWithScipy(JsonNode golden) {
        String name = golden.get("name").asText();
        double[] reference = build(golden.get("reference"));
        double[] current = build(golden.get("current"));

        FeatureDrift drift = DriftEngine.compare("x", "FEATURE", reference, current, DriftPolicy.DEFAULT);
        Ks.Statistic ks = Ks.statistic(ReferenceProfile.Finite.sorted(reference).values(),
                ReferenceProfile.Finite.sorted(current).values());

        assertEquals(golden.get("ks_denominator").asLong(), ks.denominator(), name + " lcm");
        assertEquals(golden.get("ks_numerator").asLong(), ks.numerator(), name + " D numerator");
        double d = golden.get("ks_statistic").asDouble();
        assertEquals(d, drift.ksStatistic(), d * 1e-9, name + " D");
        double p = golden.get("ks_pvalue").asDouble();
        assertEquals(p, drift.ksPvalue(), p * 1e-6, name + " p-value (" + golden.get("method").asText() + ")");
        double psi = golden.get("psi").asDouble();
        assertEquals(psi, drift.psi(), Math.max(psi * 1e-9, 1e-15), name + " PSI");
        assertEquals(Severity.valueOf(golden.get("severity").asText()), drift.severity(), name + " severity");
    }

    /** Parts [count, start, stop]: count values start + floor(i·(stop − start)/count), as the generator writes them. */
    static double[] build(JsonNode parts) {
        List<double[]> pieces = new ArrayList<>();
        for (JsonNode part : parts) {
            pieces.add(KsLatticeTest.spread(part.get(0).asInt(), part.get(1).asLong(), part.get(2).asLong()));
        }
        double[] all = new double[0];
        for (double[] piece : pieces) {
            all = KsLatticeTest.concat(all, piece);
        }
        return all;
    }
}
