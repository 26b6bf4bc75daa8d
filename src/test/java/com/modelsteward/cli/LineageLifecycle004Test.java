package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.InputFiles;
import com.modelsteward.governance.Principals;
import com.modelsteward.governance.Role;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.PolicyStore;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, "audit completeness depends on a literal": under lifecycle-004 (liveState PRODUCTION) `lineage` without
 * --model checked nothing, printed "No ACTIVE version" and passed. It must check the PRODUCTION versions.
 */
class LineageLifecycle004Test {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Instant at, String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.fixed(at, ZoneOffset.UTC), "ines");
        return new Cli(context).execute(args);
    }

    @Test
    void lineageWithoutAModelChecksTheProductionVersions() throws Exception {
        Path db = dir.resolve("gov.db");
        Instant start = Instant.parse("2026-11-01T12:00:00Z");
        String id = "delta-1";
        try (Registry registry = Registry.create(db)) {
            Map<String, List<Role>> roles = new LinkedHashMap<>();
            roles.put("alice", List.of(Role.ANALYST));
            roles.put("bob", List.of(Role.ANALYST));
            roles.put("rachel", List.of(Role.RISK_OFFICER));
            roles.put("omar", List.of(Role.RISK_OFFICER));
            TestKeys.principals(registry, "ines", roles);
        }
        Path policy = dir.resolve("lifecycle-004.yaml");
        Files.writeString(policy, Files.readString(Path.of("src/main/resources/policies/lifecycle-004.yaml")));
        assertEquals(0, run(start, "policy", "set", "--db", db.toString(), "--file", policy.toString()), err.toString(StandardCharsets.UTF_8));
        try (Registry registry = Registry.open(db)) {
            Clock[] clock = {Clock.fixed(start, ZoneOffset.UTC)};
            GovernanceEngine engine = new GovernanceEngine(registry, PolicyStore.current(registry, Map.of()), new Clock() {
                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return clock[0].instant();
                }
            });
            Identity alice = Principals.resolve(registry, "alice", Optional.empty());
            Identity bob = Principals.resolve(registry, "bob", Optional.empty());
            String config = CanonicalJson.write(Map.of("lr", 0.05));
            engine.register(alice, new InputFiles.NewVersion(id, "delta", "signal_model", "1", null, "models/delta/1", config,
                    CanonicalJson.sha256Hex(config), "s3://data/delta/1", "a".repeat(64), null, null));
            engine.importScorecards(alice, List.of(
                    new InputFiles.ScorecardValue(id, "bench_core_v1", "sharpe", 1.5, "2026-11-01T00:00:00.000Z", "test", 1),
                    new InputFiles.ScorecardValue(id, "bench_core_v1", "max_drawdown", 0.1, "2026-11-01T00:00:00.000Z", "test", 2),
                    new InputFiles.ScorecardValue(id, "bench_core_v1", "error_rate", 0.001, "2026-11-01T00:00:00.000Z", "test", 3)));
            engine.request(bob, id, "TRAINED", "trained");
            engine.request(bob, id, "VALIDATED", "scored");
            engine.approve(Principals.resolve(registry, "rachel", Optional.empty()), engine.request(bob, id, "STAGING", "stage").requestId(), "ok");
            clock[0] = Clock.fixed(start.plusSeconds(15 * 86_400L), ZoneOffset.UTC);
            String production = engine.request(bob, id, "PRODUCTION", "staged").requestId();
            engine.approve(Principals.resolve(registry, "rachel", Optional.empty()), production, "one");
            engine.approve(Principals.resolve(registry, "omar", Optional.empty()), production, "two");
        }
        Instant later = start.plusSeconds(16 * 86_400L);
        int exit = run(later, "lineage", "--db", db.toString(), "--json");
        JsonNode report = CanonicalJson.mapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(1, report.get("versions").size(), "the PRODUCTION version is checked: " + report);
        assertEquals(id, report.get("versions").get(0).get("model_id").asText());
        assertEquals("PRODUCTION", report.get("versions").get(0).get("state").asText());
        assertEquals(report.get("complete").asBoolean() ? 0 : 1, exit, err.toString(StandardCharsets.UTF_8));

        assertEquals(0, run(later, "status", "--db", db.toString()), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("PRODUCTION versions:\n  delta"), out.toString(StandardCharsets.UTF_8));
    }
}
