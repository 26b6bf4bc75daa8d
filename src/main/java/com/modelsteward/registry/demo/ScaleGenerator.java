package com.modelsteward.registry.demo;

import com.modelsteward.governance.DemoHistory;
import com.modelsteward.governance.Enrolment;
import com.modelsteward.governance.Signatures;
import com.modelsteward.governance.GovernanceService;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.PolicyLoader;
import com.modelsteward.governance.Principals;
import com.modelsteward.governance.Role;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.CanonicalJson;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.sqlite.SqliteDialect;
import com.modelsteward.registry.Timestamps;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

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
        if (versions < 3) {
            throw new IllegalArgumentException("a scale registry needs at least 3 versions");
        }
        Registry registry = Registry.create(file);
        try {
            registry.writeHandle(handle -> {
                populate(registry, handle, versions, progress);
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

    private void populate(Registry registry, Handle handle, int versions, LongConsumer progress) {
        Random random = new Random(seed);
        // The indexes of 2 million rows do not fit SQLite's default 2 MB page cache: without room, every batch evicts and
        // re-reads index pages (and spills dirty ones to the log). Reset below, as the connection returns to the pool.
        handle.execute("PRAGMA cache_size = -262144");
        handle.execute("INSERT INTO registry_meta (key, value) VALUES (?, ?)", Principals.DEMO_MARKER, Timestamps.format(anchor));
        handle.execute("INSERT INTO registry_meta (key, value) VALUES ('scale_versions', ?)", Integer.toString(versions));
        handle.execute("INSERT INTO principals (user_name, display_name, roles, created_by) VALUES ('scale.analyst', 'Scale Analyst', 'ANALYST', 'demo')");
        handle.execute("INSERT INTO principals (user_name, display_name, roles, created_by) VALUES ('scale.requester', 'Scale Requester', 'ANALYST', 'demo')");
        handle.execute("INSERT INTO principals (user_name, display_name, roles, created_by) VALUES ('scale.officer', 'Scale Officer', 'RISK_OFFICER', 'demo')");
        handle.execute("INSERT INTO principals (user_name, display_name, roles, created_by) VALUES (?, ?, 'ANALYST,RISK_OFFICER,ADMIN', 'demo')",
                operator, operator + " (you)");

        // Demo keys, as in the demo: approvals made by the engine below are signed and verified like real ones.
        Clock seeding = Clock.fixed(anchor.minus(Duration.ofDays(800)), ZoneOffset.UTC);
        DemoHistory.principals(handle, seeding, operator);
        Enrolment.enrollDemoPrincipals(handle, seeding, operator);
        int nameCount = (versions + VERSIONS_PER_NAME - 1) / VERSIONS_PER_NAME;
        // The REGISTER entries continue the chain the enrolment started.
        String firstPrevHash = handle.createQuery("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").mapTo(String.class).findOne()
                .orElse(AuditTrail.GENESIS);
        long firstSeq = handle.createQuery("SELECT coalesce(max(seq), 0) FROM audit_log").mapTo(Long.class).one();
        try {
            insertVersions(handle, seeding, nameCount, versions, random, firstPrevHash, firstSeq, progress);
        } catch (SQLException failed) {
            throw SqliteDialect.translate(failed, registry.file());
        }
        promoteThroughTheEngine(registry, handle, nameCount, versions);
        insertDriftHistory(handle, nameCount, versions, random);
        handle.execute("PRAGMA cache_size = -2000");
    }

    /**
     * Versions, their scorecards and REGISTER entries, 2.2 million rows at 100 000 versions: plain JDBC batches with
     * positional parameters, as the pipeline would write them (binding by name cost a map lookup per value).
     */
    private void insertVersions(Handle handle, Clock seeding, int nameCount, int versions, Random random, String firstPrevHash, long firstSeq,
                                LongConsumer progress) throws SQLException {
        Connection connection = handle.getConnection();
        try (PreparedStatement models = connection.prepareStatement("""
                     INSERT INTO model_registry (model_id, model_name, model_type, version, state, parent_id, path_ref, training_config_json,
                         training_config_hash, data_snapshot_ref, data_snapshot_hash, feature_graph_hash, code_commit, created_at, created_by,
                         updated_at, row_version, state_changed_at, archived)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'scale.analyst', ?, 1, ?, ?)""");
             PreparedStatement scorecards = connection.prepareStatement(
                     "INSERT INTO scorecards (model_id, pack_id, metric, value, generated_at) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement audit = connection.prepareStatement("""
                     INSERT INTO audit_log (seq, ts, actor, action, entity, payload_json, prev_hash, hash)
                     VALUES (?, ?, 'scale.analyst', 'REGISTER', ?, ?, ?, ?)""")) {
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
                    models.setString(1, id);
                    models.setString(2, name.name());
                    models.setString(3, name.type());
                    models.setString(4, id.substring(name.name().length() + 1));
                    models.setString(5, state);
                    models.setString(6, parent);
                    models.setString(7, "models/" + name.name() + "/" + i + "/model.bin");
                    models.setString(8, config);
                    models.setString(9, CanonicalJson.sha256Hex(config));
                    models.setString(10, "s3://ordinis-datasets/" + name.name() + "/" + createdAt.substring(0, 10) + ".parquet");
                    models.setString(11, CanonicalJson.sha256Hex("snapshot:" + id));
                    models.setString(12, CanonicalJson.sha256Hex("graph:" + name.name() + ":" + i / 50));
                    models.setString(13, CanonicalJson.sha256Hex("commit:" + id).substring(0, 40));
                    models.setString(14, createdAt);
                    models.setString(15, createdAt);
                    models.setString(16, state.equals("SHADOW") ? shadowSince : createdAt);
                    models.setInt(17, archived ? 1 : 0);
                    models.addBatch();
                    double quality = i == last - 1 ? 1.0 : (i == last - 2 ? 0.7 : random.nextDouble() * 0.6);
                    for (String pack : DemoGenerator.PACKS) {
                        for (Map.Entry<String, Double> metric : metrics(name.type(), quality, random).entrySet()) {
                            scorecards.setString(1, id);
                            scorecards.setString(2, pack);
                            scorecards.setString(3, metric.getKey());
                            scorecards.setDouble(4, metric.getValue());
                            scorecards.setString(5, createdAt);
                            scorecards.addBatch();
                        }
                    }
                    seq++;
                    // Its canonical form by construction (sorted keys, plain strings): the seeded state, as SignedHistory reads it.
                    String payload = "{\"archived\":" + archived + ",\"created_by\":\"scale.analyst\",\"demo_seed\":true,\"model_id\":\"" + id
                            + "\",\"state\":\"" + state + "\",\"state_changed_at\":\"" + (state.equals("SHADOW") ? shadowSince : createdAt)
                            + "\",\"version\":\"" + id.substring(name.name().length() + 1) + "\"}";
                    String hash = AuditTrail.hash(prevHash, seq, createdAt, "scale.analyst", "REGISTER", "model:" + id, payload);
                    audit.setLong(1, seq);
                    audit.setString(2, createdAt);
                    audit.setString(3, "model:" + id);
                    audit.setString(4, payload);
                    audit.setString(5, prevHash);
                    audit.setString(6, hash);
                    audit.addBatch();
                    prevHash = hash;
                    written++;
                    if (written % BATCH == 0) {
                        models.executeBatch();
                        scorecards.executeBatch();
                        audit.executeBatch();
                        progress.accept(written);
                    }
                }
                // One name's versions are one transaction's worth of REGISTER entries, sealed by their actor as the
                // pipeline's own transaction would be: an entry's attestation walks only to its own head.
                models.executeBatch();
                scorecards.executeBatch();
                audit.executeBatch();
                Signatures.seal(handle, seeding, "scale.analyst");
            }
            progress.accept(written);
        }
    }

    /** Each name's second-to-last-but-one version is promoted, then replaced by the next: a last-known-good exists. */
    private void promoteThroughTheEngine(Registry registry, Handle handle, int nameCount, int versions) {
        Clock clock = Clock.fixed(anchor.minus(Duration.ofDays(1)), ZoneOffset.UTC);
        GovernanceService engine = new GovernanceService(registry, PolicyLoader.builtIn(Map.of()), clock);
        Identity analyst = new Identity("scale.requester", Set.of(Role.ANALYST), false);
        Identity officer = new Identity("scale.officer", Set.of(Role.RISK_OFFICER), false);
        for (int n = 0; n < nameCount; n++) {
            Name name = new Name("strategy_%03d".formatted(n), TYPES.get(n % TYPES.size()),
                    Math.min(VERSIONS_PER_NAME, versions - n * VERSIONS_PER_NAME));
            int last = name.versions() - 1;
            for (int i : new int[] {last - 2, last - 1}) {
                String requestId = engine.request(handle, analyst, name.id(i), "ACTIVE", "Scale benchmark promotion").requestId();
                engine.decide(handle, officer, requestId, "Scale benchmark approval", true);
            }
        }
    }

    private void insertDriftHistory(Handle handle, int nameCount, int versions, Random random) {
        PreparedBatch drift = handle.prepareBatch("""
                INSERT INTO model_drift (model_id, feature, psi, ks_statistic, ks_pvalue, n_reference, n_current, n_dropped, severity,
                    window_start, window_end, computed_at)
                VALUES (:id, :feature, :psi, :d, :p, 2000, 500, 0, :severity, :start, :end, :end)""");
        int rows = 0;
        for (int n = 0; n < nameCount; n++) {
            int count = Math.min(VERSIONS_PER_NAME, versions - n * VERSIONS_PER_NAME);
            String active = new Name("strategy_%03d".formatted(n), "", count).id(count - 2);
            for (String feature : DRIFT_FEATURES) {
                double level = random.nextDouble() * 0.15;
                for (int day = DRIFT_DAYS; day >= 1; day--) {
                    double psi = Math.max(0, level + random.nextGaussian() * 0.02 + (feature.equals("vol_20d") ? 0.002 * (DRIFT_DAYS - day) : 0));
                    Instant end = anchor.minus(Duration.ofDays(day - 1));
                    drift.bind("id", active).bind("feature", feature).bind("psi", psi).bind("d", Math.min(1, psi / 2))
                            .bind("p", Math.exp(-psi * 40)).bind("severity", psi >= 0.2 ? "SEVERE" : psi >= 0.1 ? "MODERATE" : "NORMAL")
                            .bind("start", Timestamps.format(end.minus(Duration.ofDays(1)))).bind("end", Timestamps.format(end)).add();
                    if (++rows % BATCH == 0) {
                        drift.execute();
                    }
                }
            }
        }
        drift.execute();
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
