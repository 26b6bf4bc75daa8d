package com.modelsteward.demo;

import com.modelsteward.drift.DriftMonitor;
import com.modelsteward.drift.DriftPolicy;
import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Principals;
import com.modelsteward.governance.Role;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.DriftSampleRow;
import com.modelsteward.registry.Location;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.NewPrincipal;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.Scorecard;
import com.modelsteward.registry.Store;
import com.modelsteward.registry.Timestamps;
import com.modelsteward.trust.Enrolment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds a registry a risk officer would recognise: seven model names over four types, lineage chains with forks,
 * scorecards on the four BENCH packs, drift samples for the ACTIVE signal models (some clearly drifted) and pending
 * requests by different people. Deterministic for a given seed and anchor time.
 *
 * <p>The governance history is not written with plain SQL (the V002 triggers would refuse it): every ACTIVE version,
 * and the one it replaced, is promoted through {@link GovernanceEngine} with requests, gate reports, approvals by a
 * risk officer and audit entries, each at its own moment in the past, so the demo's audit chain verifies and every
 * ACTIVE version has its approval record.
 */
public final class DemoGenerator {

    public static final long DEFAULT_SEED = 20261122L;
    public static final List<String> PACKS = List.of("bench_core_v1", "pack_01_bull", "pack_04_bear", "pack_05_crypto");

    /** One model name: its type, how many versions, which of them (by index) is ACTIVE (-1 for none). */
    record Line(String name, String type, int versions, int activeIndex, double baseQuality) {
    }

    static final List<Line> LINES = List.of(
            new Line("momentum_xgb", "signal_model", 14, 11, 1.05),
            new Line("mean_reversion_lgbm", "signal_model", 12, 8, 0.95),
            new Line("vol_regime_rf", "signal_model", 10, 7, 1.10),
            new Line("crypto_basis_gbm", "signal_model", 6, -1, 0.80),
            new Line("news_embedder", "embed_model", 6, 4, 0.0),
            new Line("research_summary_prompts", "prompt_pack", 8, 6, 0.0),
            new Line("trade_ticket_schema", "workflow_schema", 7, 5, 0.0));

    static final List<String> FEATURES = List.of(
            "ret_1d", "ret_5d", "vol_20d", "rsi_14", "volume_z", "spread_bps", "funding_rate", "order_imbalance", "prediction_score");
    /** Features whose current window drifts away from the reference, more so over time. */
    static final Map<String, Double> DRIFTED = Map.of("vol_20d", 0.9, "spread_bps", 0.6, "funding_rate", 0.25, "prediction_score", 0.35);

    static final List<String> ANALYSTS = List.of("alice.nguyen", "bob.keller", "chen.wei");
    static final List<String> RISK_OFFICERS = List.of("rachel.okafor", "omar.haddad");

    private final long seed;
    private final Instant anchor;
    private final String operator;

    /**
     * @param anchor   "now" for the generated history (timestamps cover the six months before it)
     * @param operator the OS user creating the demo; gets every role so they can try every action
     */
    public DemoGenerator(long seed, Instant anchor, String operator) {
        this.seed = seed;
        this.anchor = anchor;
        this.operator = operator;
    }

    /**
     * Creates a new registry file filled with demo data, and next to it the small artifact file of every version, so
     * that "Verify artifact" passes on the demo, except on {@link #ALTERED_ARTIFACT}, whose file was changed after it
     * was registered and so shows what a failed check looks like.
     */
    public Registry create(java.nio.file.Path file) {
        return create(new Location.File(file));
    }

    /**
     * The same in any registry; on a server (built by its owner, whose writes the triggers let through, docs/security.md)
     * the artifact files go to the working folder, where {@link Location#folder} looks for them.
     */
    public Registry create(Location location) {
        return create(location, location.folder());
    }

    /** The same with the artifact files in {@code artifacts} (a server registry's, for a test). */
    public Registry create(Location location, java.nio.file.Path artifacts) {
        Registry registry = Registry.create(location);
        List<DemoVersion> versions = registry.write(store -> populate(registry, store));
        try {
            writeArtifacts(artifacts, versions);
        } catch (java.io.IOException | RuntimeException failed) {
            registry.close();
            throw new com.modelsteward.registry.RegistryException("E_DEMO_ARTIFACTS", "cannot write the demo's artifact files to "
                    + artifacts + " (for " + location + "): " + failed.getMessage());
        }
        return registry;
    }

    /** The demo version whose artifact file differs from the hash in its path_ref (a retired, hence harmless, one). */
    public static final String ALTERED_ARTIFACT = "momentum_xgb-2.4.0";

    private static String artifactPath(DemoVersion v) {
        return "models/%s/%s/model.bin".formatted(v.line().name(), v.version());
    }

    /** A few kilobytes standing for the model's weights, the same for the same version on every run. */
    private static byte[] artifact(DemoVersion v) {
        return ("Model Steward demo artifact: the weights of " + v.modelId() + "\n").repeat(64)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeArtifacts(java.nio.file.Path folder, List<DemoVersion> versions) throws java.io.IOException {
        for (DemoVersion v : versions) {
            java.nio.file.Path target = folder.resolve(artifactPath(v));
            java.nio.file.Files.createDirectories(target.getParent());
            byte[] bytes = artifact(v);
            if (v.modelId().equals(ALTERED_ARTIFACT)) {
                bytes = java.util.Arrays.copyOf(bytes, bytes.length);
                bytes[0] = 'm';
            }
            java.nio.file.Files.write(target, bytes);
        }
    }

    /**
     * The demo people see (the console's first run, {@code demo}): also the results a drift monitoring run would have
     * stored, so the Overview's alerts and the Drift view start populated, with their incidents, audit entries and events.
     */
    public Registry createWithDriftRun(Location location) {
        return createWithDriftRun(location, location.folder());
    }

    /** The same with the artifact files in {@code artifacts}. */
    public Registry createWithDriftRun(Location location, java.nio.file.Path artifacts) {
        Registry registry = create(location, artifacts);
        try {
            new DriftMonitor(registry, Clock.fixed(anchor, ZoneOffset.UTC), DriftPolicy.DEFAULT).computeAndStoreAll("ines.admin");
        } catch (RuntimeException failed) {
            registry.close();
            throw failed;
        }
        return registry;
    }

    /** Fills the registry; returns the versions it wrote. */
    List<DemoVersion> populate(Registry registry, Store store) {
        Random random = new Random(seed);
        store.meta().insert(Principals.DEMO_MARKER, Timestamps.format(anchor));
        insertPrincipals(store);
        Clock seeding = Clock.fixed(anchor.minus(Duration.ofDays(180)), ZoneOffset.UTC);
        DemoHistory.principals(store, seeding, "ines.admin");
        Enrolment.enrollDemoPrincipals(store, seeding, "ines.admin");
        List<DemoVersion> versions = new ArrayList<>();
        for (Line line : LINES) {
            versions.addAll(lineage(line, random));
        }
        insertVersions(store, versions);
        DemoHistory.versions(store, seeding, "ines.admin", versions.stream().map(DemoVersion::modelId).toList());
        insertScorecards(store, versions, random);
        governanceHistory(registry, store, versions);
        insertDriftSamples(store, versions, random);
        return versions;
    }

    record DemoVersion(Line line, int index, String modelId, String version, String state, String parentId,
                       Instant createdAt, String createdBy, Instant stateChangedAt, String configJson, double quality) {
    }

    private List<DemoVersion> lineage(Line line, Random random) {
        List<DemoVersion> chain = new ArrayList<>();
        Duration span = Duration.ofDays(175);
        for (int i = 0; i < line.versions(); i++) {
            Instant created = anchor.minus(span).plus(span.multipliedBy(i).dividedBy(line.versions()))
                    .plusSeconds(random.nextInt(36_000));
            String parent = null;
            if (i > 0) {
                // Mostly retrained from the previous version; every fourth one forks from two generations back.
                int parentIndex = (i % 4 == 3 && i >= 2) ? i - 2 : i - 1;
                parent = chain.get(parentIndex).modelId();
            }
            String version = "%d.%d.0".formatted(1 + i / 5, i % 5);
            String state = stateFor(line, i);
            Instant stateChanged = created.plus(Duration.ofDays(2));
            if (state.equals("SHADOW") && i == line.versions() - 2) {
                stateChanged = anchor.minus(Duration.ofDays(9)); // past the 7-day shadow period
            } else if (state.equals("SHADOW")) {
                stateChanged = anchor.minus(Duration.ofDays(3)); // still inside it
            }
            if (stateChanged.isAfter(anchor)) {
                stateChanged = anchor.minusSeconds(3600);
            }
            double quality = line.baseQuality() + 0.06 * i + random.nextGaussian() * 0.05;
            if (i > 0 && i == line.activeIndex()) {
                // The ACTIVE version clearly beat the one it replaced, as the gates demand.
                quality = chain.get(i - 1).quality() + 0.2;
            } else if (waitsWithBetterSharpe(line, i)) {
                // Momentum's waiting shadow passes every gate; mean reversion's trades drawdown for its Sharpe (see metrics).
                quality = chain.get(line.activeIndex()).quality() + 0.2;
            }
            String modelId = "%s-%s".formatted(line.name(), version);
            chain.add(new DemoVersion(line, i, modelId, version, state, parent, created,
                    ANALYSTS.get((i + line.name().length()) % ANALYSTS.size()), stateChanged, trainingConfig(line, i, random), quality));
        }
        return chain;
    }

    private static boolean waitsWithBetterSharpe(Line line, int i) {
        return i == line.versions() - 2 && (line.name().equals("momentum_xgb") || line.name().equals("mean_reversion_lgbm"));
    }

    /** Versions that were promoted in the history are inserted as SHADOW; the engine makes them ACTIVE. */
    private static String insertedState(DemoVersion v) {
        return promotedInHistory(v) ? "SHADOW" : v.state();
    }

    private static boolean promotedInHistory(DemoVersion v) {
        return v.line().activeIndex() > 0 && (v.index() == v.line().activeIndex() || v.index() == v.line().activeIndex() - 1);
    }

    private static String stateFor(Line line, int i) {
        int last = line.versions() - 1;
        if (line.activeIndex() < 0) {
            return i == last ? "CANDIDATE" : (i == last - 1 ? "SHADOW" : "RETIRED");
        }
        if (i == line.activeIndex()) {
            return "ACTIVE";
        }
        if (i < line.activeIndex()) {
            return "RETIRED";
        }
        return i == last ? "CANDIDATE" : "SHADOW";
    }

    private static String trainingConfig(Line line, int i, Random random) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model_name", line.name());
        config.put("algorithm", line.name().substring(line.name().lastIndexOf('_') + 1));
        config.put("learning_rate", Math.round((0.02 + random.nextDouble() * 0.08) * 1000) / 1000.0);
        config.put("max_depth", 4 + random.nextInt(5));
        config.put("n_estimators", 200 + 50 * random.nextInt(10));
        config.put("train_window_days", 365 + 30 * (i % 4));
        config.put("seed", 1000 + i);
        config.put("features", FEATURES.subList(0, 6 + i % 3));
        return CanonicalJson.write(config);
    }

    private void insertPrincipals(Store store) {
        List<NewPrincipal> principals = new ArrayList<>();
        for (String analyst : ANALYSTS) {
            principals.add(new NewPrincipal(analyst, displayName(analyst), "ANALYST", "demo"));
        }
        for (String officer : RISK_OFFICERS) {
            principals.add(new NewPrincipal(officer, displayName(officer), "RISK_OFFICER", "demo"));
        }
        principals.add(new NewPrincipal("ines.admin", "Ines Moreau", "ADMIN", "demo"));
        if (!ANALYSTS.contains(operator) && !RISK_OFFICERS.contains(operator) && !"ines.admin".equals(operator)) {
            principals.add(new NewPrincipal(operator, operator + " (you)", "ANALYST,RISK_OFFICER,ADMIN", "demo"));
        }
        store.principals().insertAll(principals);
    }

    private static String displayName(String user) {
        String[] parts = user.split("\\.");
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            if (!name.isEmpty()) {
                name.append(' ');
            }
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }

    private void insertVersions(Store store, List<DemoVersion> versions) {
        List<ModelVersion> rows = new ArrayList<>();
        for (DemoVersion v : versions) {
            String created = Timestamps.format(v.createdAt());
            rows.add(new ModelVersion(v.modelId(), v.line().name(), v.line().type(), v.version(), insertedState(v), v.parentId(),
                    artifactPath(v) + "#sha256=" + CanonicalJson.sha256Hex(artifact(v)),
                    v.configJson(), CanonicalJson.hashOfJson(v.configJson()),
                    "s3://ordinis-datasets/%s/snapshot-%s.parquet".formatted(v.line().name(), created.substring(0, 10)),
                    CanonicalJson.sha256Hex("snapshot:" + v.modelId() + ":" + seed),
                    CanonicalJson.sha256Hex("feature-graph:" + v.line().name() + ":" + (v.index() / 3)),
                    CanonicalJson.sha256Hex("commit:" + v.modelId()).substring(0, 40),
                    created, v.createdBy(), Timestamps.format(insertedStateChangedAt(v)), v.state().equals("CANDIDATE") ? 1 : 2,
                    Timestamps.format(insertedStateChangedAt(v)), false));
        }
        store.versions().insertAll(rows);
    }

    private void insertScorecards(Store store, List<DemoVersion> versions, Random random) {
        List<Scorecard> rows = new ArrayList<>();
        for (DemoVersion v : versions) {
            String at = Timestamps.format(v.createdAt().plus(Duration.ofHours(6)));
            for (String pack : PACKS) {
                // The newest crypto-basis candidate has not been run on the bear pack yet: a missing scorecard.
                if (v.line().name().equals("crypto_basis_gbm") && v.index() == v.line().versions() - 1 && pack.equals("pack_04_bear")) {
                    continue;
                }
                for (Map.Entry<String, Double> metric : metrics(v, pack, random).entrySet()) {
                    rows.add(new Scorecard(v.modelId(), pack, metric.getKey(), metric.getValue(), at));
                }
            }
        }
        store.scorecards().insertAll(rows);
    }

    private static Map<String, Double> metrics(DemoVersion v, String pack, Random random) {
        Map<String, Double> m = new LinkedHashMap<>();
        double packShift = switch (pack) {
            case "pack_01_bull" -> 0.25;
            case "pack_04_bear" -> -0.35;
            case "pack_05_crypto" -> -0.1;
            default -> 0.0;
        };
        switch (v.line().type()) {
            case "signal_model" -> {
                double sharpe = v.quality() + packShift + random.nextGaussian() * 0.03;
                // The newest mean-reversion shadow trades Sharpe for drawdown: its promotion request fails the drawdown gate.
                boolean riskier = v.line().name().equals("mean_reversion_lgbm") && v.index() == v.line().versions() - 2;
                m.put("sharpe", round(sharpe, 3));
                m.put("max_drawdown", round(Math.max(0.03, 0.22 - 0.05 * sharpe + (riskier ? 0.06 : 0) + random.nextGaussian() * 0.005), 4));
                m.put("win_rate", round(0.48 + 0.03 * sharpe + random.nextGaussian() * 0.005, 4));
                m.put("profit_factor", round(1.0 + 0.3 * sharpe + random.nextGaussian() * 0.02, 3));
                m.put("error_rate", round(Math.max(0.0005, 0.004 - 0.00025 * v.index() + random.nextGaussian() * 0.00003), 5));
            }
            case "embed_model" -> {
                m.put("recall_at_10", round(0.78 + 0.015 * v.index() + random.nextGaussian() * 0.004, 4));
                m.put("ndcg_at_10", round(0.64 + 0.014 * v.index() + random.nextGaussian() * 0.004, 4));
                m.put("latency_p95_ms", round(42 - v.index() + random.nextGaussian(), 1));
            }
            default -> {
                m.put("schema_valid_rate", round(Math.min(1.0, 0.987 + 0.002 * v.index() + random.nextGaussian() * 0.001), 4));
                m.put("citation_coverage", round(Math.min(1.0, 0.88 + 0.01 * v.index() + random.nextGaussian() * 0.004), 4));
                m.put("refusal_rate", round(0.03 + random.nextGaussian() * 0.004, 4));
                m.put("latency_p95_ms", round(1800 - 40 * v.index() + random.nextGaussian() * 20, 1));
            }
        }
        return m;
    }

    private static Instant insertedStateChangedAt(DemoVersion v) {
        return promotedInHistory(v) ? v.createdAt().plus(Duration.ofDays(2)) : v.stateChangedAt();
    }

    /**
     * Replays the governance history in time order through the engine: for each name with an ACTIVE version, the
     * version before it is promoted first (no baseline yet), then the ACTIVE one replaces it (so it becomes the
     * last-known-good); finally the requests still waiting for a risk officer.
     */
    private void governanceHistory(Registry registry, Store store, List<DemoVersion> versions) {
        StepClock clock = new StepClock(anchor);
        GovernanceEngine engine = new GovernanceEngine(registry, PolicyLoader.builtIn(Map.of()), clock);
        record Step(Instant at, Consumer<Store> action) {
        }
        List<Step> steps = new ArrayList<>();
        int n = 0;
        for (DemoVersion v : versions) {
            String requester = ANALYSTS.get(n % ANALYSTS.size());
            if (requester.equals(v.createdBy())) {
                requester = ANALYSTS.get((n + 1) % ANALYSTS.size());
            }
            Identity analyst = new Identity(requester, Set.of(Role.ANALYST), false);
            Identity officer = new Identity(RISK_OFFICERS.get(n % RISK_OFFICERS.size()), Set.of(Role.RISK_OFFICER), false);
            boolean nextToLast = v.index() == v.line().versions() - 2;
            if (promotedInHistory(v)) {
                Instant requested = v.createdAt().plus(Duration.ofDays(10));
                String[] id = new String[1];
                steps.add(new Step(requested, s -> id[0] = engine.request(s, analyst, v.modelId(), "ACTIVE",
                        "Shadow period complete; beats the current ACTIVE on bench_core_v1 out of sample.").requestId()));
                steps.add(new Step(requested.plus(Duration.ofHours(3)), s -> engine.decide(s, officer, id[0],
                        "Gate report reviewed; lineage and artifacts verified.", true)));
                n++;
            } else if (v.state().equals("SHADOW") && nextToLast && WAITING_FOR_APPROVAL.contains(v.line().name())) {
                steps.add(new Step(anchor.minus(Duration.ofHours(30 + n)), s -> engine.request(s, analyst, v.modelId(), "ACTIVE",
                        "Shadow period complete; beats the current ACTIVE on bench_core_v1 out of sample.")));
                n++;
            }
        }
        steps.sort(Comparator.comparing(Step::at));
        for (Step step : steps) {
            clock.now = step.at();
            step.action().accept(store);
        }
    }

    /** Names whose newest shadow waits for a risk officer: momentum passes its gates, mean reversion fails on drawdown. */
    static final List<String> WAITING_FOR_APPROVAL = List.of("momentum_xgb", "mean_reversion_lgbm", "vol_regime_rf");

    /** The engine's clock while the history is replayed: each step happens at its own moment in the past. */
    private static final class StepClock extends Clock {
        private Instant now;

        StepClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private void insertDriftSamples(Store store, List<DemoVersion> versions, Random random) {
        List<DriftSampleRow> samples = new ArrayList<>();
        for (DemoVersion v : versions) {
            if (!v.state().equals("ACTIVE") || !v.line().type().equals("signal_model")) {
                continue;
            }
            for (String feature : FEATURES) {
                double scale = 1 + feature.length() % 3;
                for (int i = 0; i < 1_500; i++) {
                    Instant at = anchor.minus(Duration.ofDays(60)).plusSeconds(random.nextInt(30 * 86_400));
                    samples.add(new DriftSampleRow(v.modelId(), feature, "REFERENCE", sample(feature, scale, 0.0, random),
                            Timestamps.format(at)));
                }
                double drift = DRIFTED.getOrDefault(feature, 0.0);
                for (int day = 29; day >= 0; day--) {
                    double progress = (29 - day) / 29.0;
                    for (int i = 0; i < 100; i++) {
                        Instant at = anchor.minus(Duration.ofDays(day)).minusSeconds(random.nextInt(86_400));
                        samples.add(new DriftSampleRow(v.modelId(), feature, "CURRENT", sample(feature, scale, drift * progress, random),
                                Timestamps.format(at)));
                    }
                }
            }
        }
        store.drift().insertSamples(samples);
    }

    private static double sample(String feature, double scale, double shift, Random random) {
        double base = feature.equals("vol_20d") || feature.equals("spread_bps")
                ? Math.exp(random.nextGaussian() * 0.4) * scale
                : random.nextGaussian() * scale;
        return round(base + shift * scale, 6);
    }

    private static double round(double value, int places) {
        double factor = Math.pow(10, places);
        return Math.round(value * factor) / factor;
    }
}
