package com.modelsteward.demo;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Principals;
import com.modelsteward.governance.Role;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.DriftResultRow;
import com.modelsteward.registry.Location;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.NewPrincipal;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.Scorecard;
import com.modelsteward.registry.Store;
import com.modelsteward.registry.Timestamps;
import com.modelsteward.trust.Enrolment;
import com.modelsteward.trust.Signatures;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * A registry the size of a large trading firm's: {@code versions} versions in lines of up to 1 000 (one lineage chain per
 * model name, forks every seventh version), 20 scorecard rows per version, a REGISTER audit entry per version, half a
 * year of daily drift results for every ACTIVE version, and each name's last two promotions made through the governance
 * engine (so the ACTIVE pointer has a last-known-good to roll back to). Batched inserts in one transaction.
 */
public final class ScaleGenerator {

    public static final int VERSIONS_PER_NAME = 1_000;
    static final List<String> TYPES = List.of("signal_model", "embed_model", "prompt_pack", "workflow_schema");
    static final List<String> DRIFT_FEATURES = DemoGenerator.FEATURES;
    static final int DRIFT_DAYS = 180;
    private static final int BATCH = 5_000;

    private final long seed;
    private final Instant anchor;
    private final String operator;

    public ScaleGenerator(long seed, Instant anchor, String operator) {
        this.seed = seed;
        this.anchor = anchor;
        this.operator = operator;
    }

    /** Creates the file; {@code progress} hears the number of versions written so far. */
    public Registry create(Path file, int versions, LongConsumer progress) {
        return create(new Location.File(file), versions, progress);
    }

    /** The same in any registry (on a server, as its owner). */
    public Registry create(Location location, int versions, LongConsumer progress) {
        if (versions < 3) {
            throw new IllegalArgumentException("a scale registry needs at least 3 versions");
        }
        Registry registry = Registry.create(location);
        try {
            registry.write(store -> {
                populate(registry, store, versions, progress);
                return null;
            });
        } catch (RuntimeException failed) {
            registry.close();
            throw failed;
        }
        return registry;
    }

    private record Name(String name, String type, int versions) {
        String id(int i) {
            return name + "-" + (i / 100) + "." + (i % 100) + ".0";
        }
    }

    private void populate(Registry registry, Store store, int versions, LongConsumer progress) {
        Random random = new Random(seed);
        // The indexes of 2 million rows do not fit SQLite's default 2 MB page cache. Reset below, as the connection returns
        // to the pool.
        store.meta().widenPageCache();
        store.meta().insert(Principals.DEMO_MARKER, Timestamps.format(anchor));
        store.meta().insert("scale_versions", Integer.toString(versions));
        store.principals().insertAll(List.of(
                new NewPrincipal("scale.analyst", "Scale Analyst", "ANALYST", "demo"),
                new NewPrincipal("scale.requester", "Scale Requester", "ANALYST", "demo"),
                new NewPrincipal("scale.officer", "Scale Officer", "RISK_OFFICER", "demo"),
                new NewPrincipal(operator, operator + " (you)", "ANALYST,RISK_OFFICER,ADMIN", "demo")));

        // Demo keys, as in the demo: approvals made by the engine below are signed and verified like real ones.
        Clock seeding = Clock.fixed(anchor.minus(Duration.ofDays(800)), ZoneOffset.UTC);
        DemoHistory.principals(store, seeding, operator);
        Enrolment.enrollDemoPrincipals(store, seeding, operator);
        int nameCount = (versions + VERSIONS_PER_NAME - 1) / VERSIONS_PER_NAME;
        // The REGISTER entries continue the chain the enrolment started.
        String firstPrevHash = store.audit().headHash().orElse(AuditTrail.GENESIS);
        long firstSeq = store.audit().lastSeq();
        insertVersions(store, seeding, nameCount, versions, random, firstPrevHash, firstSeq, progress);
        promoteThroughTheEngine(registry, store, nameCount, versions);
        insertDriftHistory(store, nameCount, versions, random);
        store.meta().restorePageCache();
    }

    /**
     * Versions, their scorecards and REGISTER entries, 2.2 million rows at 100 000 versions: handed to the store after
     * each name and every {@value #BATCH} versions, and inserted there as plain JDBC batches, as the pipeline would write them.
     */
    private void insertVersions(Store store, Clock seeding, int nameCount, int versions, Random random, String firstPrevHash, long firstSeq,
                                LongConsumer progress) {
        List<ModelVersion> models = new ArrayList<>();
        List<Scorecard> scorecards = new ArrayList<>();
        List<AuditEntry> audit = new ArrayList<>();
        String prevHash = firstPrevHash;
        long seq = firstSeq;
        long written = 0;
        Duration span = Duration.ofDays(730);
        String shadowSince = Timestamps.format(anchor.minus(Duration.ofDays(30)));
        for (int n = 0; n < nameCount; n++) {
            Name name = new Name("strategy_%03d".formatted(n), TYPES.get(n % TYPES.size()),
                    Math.min(VERSIONS_PER_NAME, versions - n * VERSIONS_PER_NAME));
            for (int i = 0; i < name.versions(); i++) {
                String id = name.id(i);
                Instant created = anchor.minus(span).plus(span.multipliedBy(i + 1).dividedBy(name.versions() + 1)).plusSeconds(n * 7L);
                String createdAt = Timestamps.format(created);
                String parent = i == 0 ? null : name.id(i % 7 == 6 && i >= 2 ? i - 2 : i - 1);
                int last = name.versions() - 1;
                String state = i >= last - 2 && i < last ? "SHADOW" : (i == last ? "CANDIDATE" : "RETIRED");
                boolean archived = state.equals("RETIRED") && i < last - 12;
                // Written with sorted keys and plain numbers, so it is its own canonical form: its SHA-256 is the
                // training_config_hash the gates check (the promotions below fail if it were not).
                String config = "{\"algorithm\":\"gbm\",\"learning_rate\":0.05,\"model\":\"" + name.name() + "\",\"seed\":" + i + "}";
                models.add(new ModelVersion(id, name.name(), name.type(), id.substring(name.name().length() + 1), state, parent,
                        "models/" + name.name() + "/" + i + "/model.bin", config, CanonicalJson.sha256Hex(config),
                        "s3://ordinis-datasets/" + name.name() + "/" + createdAt.substring(0, 10) + ".parquet",
                        CanonicalJson.sha256Hex("snapshot:" + id), CanonicalJson.sha256Hex("graph:" + name.name() + ":" + i / 50),
                        CanonicalJson.sha256Hex("commit:" + id).substring(0, 40), createdAt, "scale.analyst", createdAt, 1,
                        state.equals("SHADOW") ? shadowSince : createdAt, archived));
                double quality = i == last - 1 ? 1.0 : (i == last - 2 ? 0.7 : random.nextDouble() * 0.6);
                for (String pack : DemoGenerator.PACKS) {
                    for (Map.Entry<String, Double> metric : metrics(name.type(), quality, random).entrySet()) {
                        scorecards.add(new Scorecard(id, pack, metric.getKey(), metric.getValue(), createdAt));
                    }
                }
                seq++;
                // Its canonical form by construction (sorted keys, plain strings): the seeded state, as SignedHistory reads it.
                String payload = "{\"archived\":" + archived + ",\"created_by\":\"scale.analyst\",\"demo_seed\":true,\"model_id\":\"" + id
                        + "\",\"state\":\"" + state + "\",\"state_changed_at\":\"" + (state.equals("SHADOW") ? shadowSince : createdAt)
                        + "\",\"version\":\"" + id.substring(name.name().length() + 1) + "\"}";
                String hash = AuditTrail.hash(prevHash, seq, createdAt, "scale.analyst", "REGISTER", "model:" + id, payload);
                audit.add(new AuditEntry(seq, createdAt, "scale.analyst", "REGISTER", "model:" + id, payload, prevHash, hash));
                prevHash = hash;
                written++;
                if (written % BATCH == 0) {
                    insertBatch(store, models, scorecards, audit);
                    progress.accept(written);
                }
            }
            // One name's versions are one transaction's worth of REGISTER entries, sealed by their actor as the
            // pipeline's own transaction would be: an entry's attestation walks only to its own head.
            insertBatch(store, models, scorecards, audit);
            Signatures.seal(store, seeding, "scale.analyst");
        }
        progress.accept(written);
    }

    /** Hands the rows gathered so far to the store, in the order the foreign keys need, and starts the next batch. */
    private static void insertBatch(Store store, List<ModelVersion> models, List<Scorecard> scorecards, List<AuditEntry> audit) {
        store.versions().insertAll(models);
        store.scorecards().insertAll(scorecards);
        store.audit().insertChained(audit);
        models.clear();
        scorecards.clear();
        audit.clear();
    }

    /** Each name's second-to-last-but-one version is promoted, then replaced by the next: a last-known-good exists. */
    private void promoteThroughTheEngine(Registry registry, Store store, int nameCount, int versions) {
        Clock clock = Clock.fixed(anchor.minus(Duration.ofDays(1)), ZoneOffset.UTC);
        GovernanceEngine engine = new GovernanceEngine(registry, PolicyLoader.builtIn(Map.of()), clock);
        Identity analyst = new Identity("scale.requester", Set.of(Role.ANALYST), false);
        Identity officer = new Identity("scale.officer", Set.of(Role.RISK_OFFICER), false);
        for (int n = 0; n < nameCount; n++) {
            Name name = new Name("strategy_%03d".formatted(n), TYPES.get(n % TYPES.size()),
                    Math.min(VERSIONS_PER_NAME, versions - n * VERSIONS_PER_NAME));
            int last = name.versions() - 1;
            for (int i : new int[] {last - 2, last - 1}) {
                String requestId = engine.request(store, analyst, name.id(i), "ACTIVE", "Scale benchmark promotion").requestId();
                engine.decide(store, officer, requestId, "Scale benchmark approval", true);
            }
        }
    }

    /** Daily results, handed over whole; the store inserts them in batches of 5 000. */
    private void insertDriftHistory(Store store, int nameCount, int versions, Random random) {
        List<DriftResultRow> drift = new ArrayList<>();
        for (int n = 0; n < nameCount; n++) {
            int count = Math.min(VERSIONS_PER_NAME, versions - n * VERSIONS_PER_NAME);
            String active = new Name("strategy_%03d".formatted(n), "", count).id(count - 2);
            for (String feature : DRIFT_FEATURES) {
                double level = random.nextDouble() * 0.15;
                for (int day = DRIFT_DAYS; day >= 1; day--) {
                    double psi = Math.max(0, level + random.nextGaussian() * 0.02 + (feature.equals("vol_20d") ? 0.002 * (DRIFT_DAYS - day) : 0));
                    Instant end = anchor.minus(Duration.ofDays(day - 1));
                    drift.add(new DriftResultRow(0, active, feature, "FEATURE", psi, Math.min(1, psi / 2), Math.exp(-psi * 40), 2000L, 500L,
                            0L, psi >= 0.2 ? "SEVERE" : psi >= 0.1 ? "MODERATE" : "NORMAL",
                            Timestamps.format(end.minus(Duration.ofDays(1))), Timestamps.format(end), Timestamps.format(end)));
                }
            }
        }
        store.drift().insertResults(drift);
    }

    private static Map<String, Double> metrics(String type, double quality, Random random) {
        Map<String, Double> m = new LinkedHashMap<>();
        switch (type) {
            case "signal_model" -> {
                m.put("sharpe", 0.6 + quality + random.nextGaussian() * 0.01);
                m.put("max_drawdown", 0.18 - 0.05 * quality);
                m.put("win_rate", 0.5 + 0.03 * quality);
                m.put("profit_factor", 1.1 + 0.3 * quality);
                m.put("error_rate", 0.004 - 0.002 * quality);
            }
            case "embed_model" -> {
                m.put("recall_at_10", 0.72 + 0.1 * quality);
                m.put("ndcg_at_10", 0.6 + 0.1 * quality);
                m.put("mrr", 0.5 + 0.1 * quality);
                m.put("coverage", 0.9 + 0.05 * quality);
                m.put("latency_p95_ms", 40 - 5 * quality);
            }
            default -> {
                m.put("schema_valid_rate", 0.991 + 0.008 * quality);
                m.put("citation_coverage", 0.91 + 0.05 * quality);
                m.put("refusal_rate", 0.02 + 0.01 * quality);
                m.put("latency_p95_ms", 1800 - 200 * quality);
                m.put("hallucination_rate", 0.03 - 0.01 * quality);
            }
        }
        return m;
    }
}
