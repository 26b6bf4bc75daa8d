package com.modelsteward.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.modelsteward.app.RegistryServices;
import com.modelsteward.config.Environment;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.PolicyStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One set of services per open registry: the engine is kept across actions and rebuilt when another policy is stored. */
class RegistryServicesTest {

    @TempDir
    Path dir;

    @Test
    void theEngineIsKeptUntilAnotherPolicyIsStored() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            RegistryServices services = new RegistryServices(f.registry, Environment.of(Map.of()), f.clock);
            GovernanceEngine first = services.governance();
            f.register("m", "1");
            assertSame(first, services.governance(), "a write that leaves the policy as it was keeps the engine");

            Path policy = dir.resolve("policy.yaml");
            String builtIn = new String(getClass().getResourceAsStream("/policies/l3-12.yaml").readAllBytes(), StandardCharsets.UTF_8);
            Files.writeString(policy, builtIn + "\n# stored by the team\n");
            PolicyStore.set(f.registry, f.clock, f.ines, policy, Map.of());

            GovernanceEngine second = services.governance();
            assertNotSame(first, second, "the stored policy governs from the next action on");
            assertNotEquals(first.policy().digest(), second.policy().digest());
            assertEquals(CanonicalJson.sha256Hex(Files.readString(policy)), services.policy().digest());
        }
    }

}
