package com.modelsteward.app;

import com.modelsteward.config.Environment;
import com.modelsteward.drift.DriftMonitor;
import com.modelsteward.drift.DriftPolicy;
import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.lineage.LineageService;
import com.modelsteward.policy.Policy;
import com.modelsteward.policy.PolicyStore;
import com.modelsteward.registry.FileGeneration;
import com.modelsteward.registry.Registry;
import com.modelsteward.scorecards.MetricRules;
import com.modelsteward.scorecards.PolicyMetricRules;
import java.time.Clock;

/**
 * The services of one open registry, built once per registry and environment (the composition root of
 * docs/architecture.md): the policy in force, the governance engine held to it, lineage, the drift policy and the drift
 * monitor. The policy is read again only when the file may have changed ({@link FileGeneration}), and the engine is
 * rebuilt only when that policy is another text (its digest) — not on every action, and never missing a policy another
 * user stored. Each service is made on first use, so opening a registry costs none of them (the drift engine's classes
 * load with the Drift page, as before). {@link #policy()}, {@link #governance()} and {@link #desk()} may read the
 * registry: never call them on the FX thread.
 */
public final class RegistryServices {

    private final Registry registry;
    private final Environment environment;
    private final Clock clock;
    private final FileGeneration<Policy> policy;
    private LineageService lineage;
    private DriftPolicy driftPolicy;
    private DriftMonitor driftMonitor;
    private Policy engineHeldTo;
    private GovernanceEngine governance;

    public RegistryServices(Registry registry, Environment environment, Clock clock) {
        this.registry = registry;
        this.environment = environment;
        this.clock = clock;
        this.policy = new FileGeneration<>(registry);
    }

    public Registry registry() {
        return registry;
    }

    public Environment environment() {
        return environment;
    }

    /** The stored policy (else the built-in L3-12 one) with the LEARN_* keys as the registry lets them apply. */
    public Policy policy() {
        return policy.get(() -> PolicyStore.current(registry, environment.asMap()));
    }

    /** The governance engine under the policy in force. */
    public synchronized GovernanceEngine governance() {
        Policy now = policy();
        if (governance == null || !now.digest().equals(engineHeldTo.digest())) {
            governance = new GovernanceEngine(registry, now, clock);
            engineHeldTo = now;
        }
        return governance;
    }

    /** What the console shows around a decision, read with the engine in force. */
    public ReviewDesk desk() {
        return new ReviewDesk(governance(), registry, clock);
    }

    public synchronized LineageService lineage() {
        if (lineage == null) {
            lineage = new LineageService(registry, this::policy);
        }
        return lineage;
    }

    /** The gates and directions of the policy in force, for the Scorecards view and the model card. */
    public MetricRules metricRules() {
        return new PolicyMetricRules(policy());
    }

    /** The default drift thresholds with the environment's overrides. */
    public synchronized DriftPolicy driftPolicy() {
        if (driftPolicy == null) {
            driftPolicy = DriftPolicy.DEFAULT.withEnvironment(environment.asMap());
        }
        return driftPolicy;
    }

    /** Drift computed and stored under {@link #driftPolicy()}: breaches open incidents and alert in the same transaction. */
    public synchronized DriftMonitor driftMonitor() {
        if (driftMonitor == null) {
            driftMonitor = new DriftMonitor(registry, clock, driftPolicy());
        }
        return driftMonitor;
    }
}
