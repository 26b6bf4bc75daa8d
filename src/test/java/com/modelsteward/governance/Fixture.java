package com.modelsteward.governance;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.Policy;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.MovingClock;
import com.modelsteward.testsupport.TestKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A fresh registry with principals, a mutable clock and helpers to register toy versions with scorecards. */
final class Fixture implements AutoCloseable {


    final Registry registry;
    final MovingClock clock = new MovingClock();
    final Policy policy;
    final GovernanceEngine engine;
    final Identity alice;
    final Identity bob;
    final Identity rachel;
    final Identity omar;
    final Identity ines;

    Fixture(Path dir, Policy policy) {
        this.registry = Registry.create(dir.resolve("gov.db"));
        this.policy = policy;
        Map<String, List<Role>> roles = new java.util.LinkedHashMap<>();
        roles.put("alice", List.of(Role.ANALYST));
        roles.put("bob", List.of(Role.ANALYST));
        roles.put("rachel", List.of(Role.RISK_OFFICER));
        roles.put("omar", List.of(Role.RISK_OFFICER));
        roles.put("tara", List.of(Role.RISK_OFFICER));
        TestKeys.principals(registry, "ines", roles);
        this.engine = new GovernanceEngine(registry, policy, clock);
        alice = who("alice");
        bob = who("bob");
        rachel = who("rachel");
        omar = who("omar");
        ines = who("ines");
    }

    Fixture(Path dir) {
        this(dir, PolicyLoader.builtIn(Map.of()));
    }

    Identity who(String user) {
        return Principals.resolve(registry, user, java.util.Optional.empty());
    }

    /** Registers {@code name-version} (created by alice) as a signal model. */
    String register(String name, String version) {
        String configJson = CanonicalJson.write(Map.of("lr", 0.05, "name", name, "version", version));
        engine.register(alice, new InputFiles.NewVersion(name + "-" + version, name, "signal_model", version, null, "models/" + name + "/" + version,
                configJson, CanonicalJson.sha256Hex(configJson), "s3://data/" + name + "/" + version, "a".repeat(64), null, null));
        return name + "-" + version;
    }

    void scores(String modelId, double sharpe, double maxDrawdown, double errorRate) {
        engine.importScorecards(alice, List.of(
                new InputFiles.ScorecardValue(modelId, "bench_core_v1", "sharpe", sharpe, "2026-11-01T00:00:00.000Z", "test", 1),
                new InputFiles.ScorecardValue(modelId, "bench_core_v1", "max_drawdown", maxDrawdown, "2026-11-01T00:00:00.000Z", "test", 2),
                new InputFiles.ScorecardValue(modelId, "bench_core_v1", "error_rate", errorRate, "2026-11-01T00:00:00.000Z", "test", 3)));
    }

    /** Registers, scores, shadows for 7 days and promotes (bob requests, rachel approves); returns the model id. */
    String activate(String name, String version, double sharpe, double maxDrawdown) {
        String id = register(name, version);
        scores(id, sharpe, maxDrawdown, 0.001);
        engine.request(bob, id, "SHADOW", "ready for shadow");
        clock.advance(Duration.ofDays(7));
        var request = engine.request(bob, id, "ACTIVE", "shadow complete");
        engine.approve(rachel, request.requestId(), "reviewed");
        clock.advance(Duration.ofHours(1));
        return id;
    }

    String state(String modelId) {
        return registry.readHandle(h -> h.createQuery("SELECT state FROM model_registry WHERE model_id = :m").bind("m", modelId).mapTo(String.class).one());
    }

    Set<String> activeOf(String name) {
        return Set.copyOf(registry.readHandle(h -> h.createQuery("SELECT model_id FROM model_registry WHERE model_name = :n AND state = 'ACTIVE'")
                .bind("n", name).mapTo(String.class).list()));
    }

    @Override
    public void close() {
        registry.close();
    }
}
