package com.modelsteward.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.policy.PolicyLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped DRAFT -> TRAINED -> VALIDATED -> STAGING -> PRODUCTION -> RETIRED policy drives the same engine. */
class Lifecycle004Test {

    @TempDir
    Path dir;

    @Test
    void aVersionWalksTheLifecycleWithATwoOfficerQuorumForProduction() {
        try (Fixture f = new Fixture(dir, PolicyLoader.shipped(PolicyLoader.LIFECYCLE_004, Map.of()))) {
            String id = f.register("delta", "1");
            assertEquals("DRAFT", f.state(id));
            f.scores(id, 1.5, 0.1, 0.001);
            assertEquals("EXECUTED", f.engine.request(f.bob, id, "TRAINED", "trained").status());
            assertEquals(GovernanceException.ROLLOUT_DENIED, assertThrows(GovernanceException.class,
                    () -> f.engine.request(f.bob, id, "PRODUCTION", "skip ahead")).code());
            assertEquals("EXECUTED", f.engine.request(f.bob, id, "VALIDATED", "scored").status());
            String staging = f.engine.request(f.bob, id, "STAGING", "stage it").requestId();
            f.engine.approve(f.rachel, staging, "ok");
            assertEquals("STAGING", f.state(id));
            f.clock.advance(Duration.ofDays(14));
            String production = f.engine.request(f.bob, id, "PRODUCTION", "staging period complete").requestId();
            assertFalse(f.engine.approve(f.rachel, production, "one").executed());
            assertTrue(f.engine.approve(f.omar, production, "two").executed());
            assertEquals("PRODUCTION", f.state(id));
            assertEquals(Map.of("active_model_id", id), f.registry.readHandle(h -> h.createQuery(
                    "SELECT active_model_id FROM active_pointer WHERE model_name = 'delta'").mapToMap().one()));
        }
    }
}
