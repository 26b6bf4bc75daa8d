package com.modelsteward.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.PolicyLoader.PolicyFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built-in policy's Java form (ADR 29) is what the shipped YAML parses to, field by field and in the file's order,
 * and the policy built from it still carries the YAML's digest.
 */
class BuiltInPolicyTest {

    @Test
    void theJavaFormIsWhatTheShippedYamlParsesTo() throws IOException {
        PolicyFile parsed = PolicyLoader.parse(shippedText(), "policies/" + PolicyLoader.BUILT_IN, true);
        PolicyFile written = BuiltInPolicy.file();

        String why = "policies/l3-12.yaml and BuiltInPolicy differ: a change to the YAML is made in BuiltInPolicy too";
        assertEquals(parsed, written, why);
        // Equal maps may differ in order; the order of the types and gates is the order users see them in.
        assertEquals(parsed.toString(), written.toString(), why + " (in the same order)");
    }

    @Test
    void everyCallMakesItsOwnRecordsSoNoCallerChangesAnothersPolicy() {
        PolicyFile first = BuiltInPolicy.file();
        first.types().get("signal_model").gates().remove("sharpe");
        first.states().add("LOOSENED");

        PolicyFile second = BuiltInPolicy.file();
        assertNotEquals(first, second);
        assertEquals(4, second.states().size());
        assertEquals(3, PolicyLoader.builtIn(Map.of()).rulesFor("signal_model").gates().size());
    }

    @Test
    void theBuiltInPolicyCarriesTheDigestOfTheShippedYaml() throws IOException {
        assertEquals(CanonicalJson.sha256Hex(shippedText()), PolicyLoader.builtIn(Map.of()).digest());
    }

    private static String shippedText() throws IOException {
        try (InputStream in = PolicyLoader.class.getResourceAsStream("/policies/" + PolicyLoader.BUILT_IN)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
