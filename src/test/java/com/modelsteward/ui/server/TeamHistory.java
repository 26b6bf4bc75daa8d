package com.modelsteward.ui.server;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.InputFiles;
import com.modelsteward.governance.Principals;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.PostgresTeam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * History made on a server registry as the contract suite makes it: each step by the person who takes it, logged in as
 * themselves, through the governance engine. Registration happens at {@link #START}; a week later (the shadow period
 * done) the console's {@link ServerConsole#CLOCK} follows.
 */
final class TeamHistory {

    static final Instant START = Instant.parse("2026-11-01T12:00:00Z");

    private final PostgresTeam team;
    private Instant now = START;

    TeamHistory(PostgresTeam team) {
        this.team = team;
    }

    private Clock clock() {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    void advance(Duration by) {
        now = now.plus(by);
    }

    /** The governance engine on {@code registry} (a person's own, or one opened afresh), at this history's time. */
    GovernanceEngine engine(Registry registry) {
        return new GovernanceEngine(registry, PolicyLoader.builtIn(Map.of()), clock());
    }

    /** {@code creator} registers a version with passing scorecards; returns its id. */
    String register(String creator, String name, String version) {
        return register(team.as(creator), creator, name, version);
    }

    String register(Registry registry, String creator, String name, String version) {
        String id = name + "-" + version;
        String configJson = CanonicalJson.write(Map.of("lr", 0.05, "name", name, "version", version));
        GovernanceEngine engine = engine(registry);
        Identity who = Principals.resolve(registry, creator, Optional.empty());
        engine.register(who, new InputFiles.NewVersion(id, name, "signal_model", version, null, "models/" + name + "/" + version,
                configJson, CanonicalJson.sha256Hex(configJson), "s3://data/" + name + "/" + version, "a".repeat(64), null, null));
        engine.importScorecards(who, List.of(
                new InputFiles.ScorecardValue(id, "bench_core_v1", "sharpe", 1.5, "2026-11-01T00:00:00.000Z", "test", 1),
                new InputFiles.ScorecardValue(id, "bench_core_v1", "max_drawdown", 0.1, "2026-11-01T00:00:00.000Z", "test", 2),
                new InputFiles.ScorecardValue(id, "bench_core_v1", "error_rate", 0.001, "2026-11-01T00:00:00.000Z", "test", 3)));
        return id;
    }

    /** {@code requester} puts the version in SHADOW. */
    void shadow(String requester, String modelId) {
        engine(team.as(requester)).request(team.who(requester), modelId, "SHADOW", "ready for shadow");
    }

    /** {@code requester} asks for the version to go ACTIVE; returns the pending request's id. */
    String requestActive(String requester, String modelId) {
        return engine(team.as(requester)).request(team.who(requester), modelId, "ACTIVE", "shadow complete").requestId();
    }
}
