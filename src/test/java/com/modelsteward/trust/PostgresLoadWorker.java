package com.modelsteward.trust;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.InputFiles;
import com.modelsteward.governance.Principals;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.Policy;
import com.modelsteward.policy.PolicyStore;
import com.modelsteward.registry.Location;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.registry.WriteStats;
import com.modelsteward.testsupport.PostgresServer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * One JVM of {@link PostgresLoadTest}: a few clients of one server registry, each a thread with a registry of its own,
 * opened as its own login — analysts register, import scorecards and request SHADOW then ACTIVE; risk officers approve
 * pending requests they did not make and now and then roll a name back; the pipeline inserts scorecards and drift samples
 * with plain JDBC as the pipeline's login, each batch acknowledged only after its COMMIT returned.
 *
 * <p>Every operation prints one JSON line once it has ended: the client, the login, what it was, the marker that finds
 * its effect in the registry, the outcome ({@code OK} or the code the user would see) and the message of a failure. A
 * last line carries this JVM's {@link WriteStats}.
 *
 * <p>Usage: {@code PostgresLoadWorker HOST PORT DATABASE JVM_INDEX SECONDS READY_FILE GO_FILE ROLE:LOGIN...}; the clients
 * open their registries, the JVM creates READY_FILE, waits for GO_FILE and then works for SECONDS; after that the risk
 * officers decide what is still pending (each line says when it ended, {@code at_ms} after GO).
 */
public final class PostgresLoadWorker {

    static final List<String> NAMES = List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot");
    /** The gate metric of the load policy (load/storm-policy.json): at or above 0.5 a promotion passes. */
    static final String GATE_METRIC = "storm_gate";

    /** How long the queue must stay empty after the timed phase before an officer stops, and the most it works on. */
    private static final long DRAIN_QUIET_NANOS = 10_000_000_000L;
    private static final long DRAIN_CAP_NANOS = 120_000_000_000L;

    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private final String client;
    private final String login;
    private final long deadline;
    private final long seconds;
    private final Random random;
    private int n;

    private PostgresLoadWorker(String client, String login, long deadline, long seconds, long seed) {
        this.client = client;
        this.login = login;
        this.deadline = deadline;
        this.seconds = seconds;
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String database = args[2];
        int jvm = Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        Path ready = Path.of(args[5]);
        Path go = Path.of(args[6]);
        List<String> clients = List.of(args).subList(7, args.length);

        List<Runnable> work = new ArrayList<>();
        List<AutoCloseable> open = new ArrayList<>();
        long[] deadline = new long[1];
        for (int index = 0; index < clients.size(); index++) {
            int c = index;
            String[] spec = clients.get(c).split(":", 2);
            String role = spec[0];
            String login = spec[1];
            Location.Server address = ((Location.Server) Location.parse("postgresql://" + login + "@" + host + ":" + port + "/" + database))
                    .as(login, PostgresServer.passwordOf(login));
            String name = "j" + jvm + "c" + c;
            switch (role) {
                case "analyst", "officer" -> {
                    Registry registry = Registry.open(address);
                    open.add(registry);
                    Identity who = Principals.resolve(registry, login, Optional.empty());
                    GovernanceEngine engine = new GovernanceEngine(registry, PolicyStore.current(registry, Map.of()), Clock.systemUTC());
                    work.add(() -> {
                        PostgresLoadWorker worker = new PostgresLoadWorker(name, login, deadline[0], seconds, 31L * jvm + c);
                        if (role.equals("analyst")) {
                            worker.analyst(registry, engine, who);
                        } else {
                            worker.officer(registry, engine, who);
                        }
                    });
                }
                case "pipeline" -> {
                    Connection connection = pipelineConnection(address);
                    open.add(connection);
                    work.add(() -> new PostgresLoadWorker(name, login, deadline[0], seconds, 31L * jvm + c).pipeline(connection));
                }
                default -> throw new IllegalArgumentException(role);
            }
        }
        Files.writeString(ready, "ready\n");
        while (!Files.exists(go)) {
            LockSupport.parkNanos(5_000_000);
        }
        deadline[0] = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (Runnable runnable : work) {
            threads.add(Thread.ofPlatform().start(runnable));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("jvm", jvm);
        last.put("stats", WriteStats.snapshot());
        OUT.println(CanonicalJson.write(last));
    }

    private boolean working() {
        return System.nanoTime() < deadline;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Analysts: register -> scorecards -> SHADOW (at once) -> ACTIVE (pending a risk officer)
    // ---------------------------------------------------------------------------------------------------------------

    private void analyst(Registry registry, GovernanceEngine engine, Identity who) {
        while (working()) {
            n++;
            String name = NAMES.get(random.nextInt(NAMES.size()));
            String modelId = name + "-" + client + "-" + n;
            String config = CanonicalJson.write(Map.of("lr", 0.05, "client", client, "n", n));
            boolean ok = run("register", modelId, () -> {
                engine.register(who, new InputFiles.NewVersion(modelId, name, "load_model", client + "." + n, null,
                        "models/" + name + "/" + modelId, config, CanonicalJson.sha256Hex(config), "s3://data/" + name, "a".repeat(64),
                        null, null));
                return null;
            }) != null;
            String metric = "card_" + client + "_" + n;
            ok = ok && run("scorecards", metric, () -> engine.importScorecards(who, List.of(
                    new InputFiles.ScorecardValue(modelId, "bench_load", GATE_METRIC, 0.9, "2026-12-01T00:00:00.000Z", "load", 1),
                    new InputFiles.ScorecardValue(modelId, "bench_load", metric, 1.0, "2026-12-01T00:00:00.000Z", "load", 2)))) != null;
            String shadow = "shadow " + client + " " + n;
            ok = ok && run("request-shadow", shadow, () -> engine.request(who, modelId, "SHADOW", shadow).requestId()) != null;
            String active = "active " + client + " " + n;
            if (ok) {
                run("request-active", active, () -> engine.request(who, modelId, "ACTIVE", active).requestId());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Risk officers: approve what others asked for; now and then roll a name back to its last-known-good
    // ---------------------------------------------------------------------------------------------------------------

    private void officer(Registry registry, GovernanceEngine engine, Identity who) {
        long quietSince = 0;
        while (true) {
            boolean draining = !working();
            // After the timed phase the officers work off the queue, so the requests of the last cycles are decided too:
            // until no request has been pending for a while, or a cap.
            if (draining && (quietSince != 0 && System.nanoTime() - quietSince > DRAIN_QUIET_NANOS
                    || System.nanoTime() - deadline > DRAIN_CAP_NANOS)) {
                return;
            }
            n++;
            if (!draining && random.nextInt(10) == 0) {
                String name = NAMES.get(random.nextInt(NAMES.size()));
                String reason = "rollback " + client + " " + n;
                run("rollback", reason, () -> engine.rollback(who, name, reason).requestId());
                continue;
            }
            Optional<String> pending = registry.readHandle(h -> h.createQuery("""
                            SELECT request_id FROM transition_requests
                             WHERE status = 'PENDING' AND requested_by <> :me ORDER BY random() LIMIT 1""")
                    .bind("me", login).mapTo(String.class).findOne());
            if (pending.isEmpty()) {
                n--;
                quietSince = quietSince == 0 ? System.nanoTime() : quietSince;
                LockSupport.parkNanos(20_000_000 + random.nextInt(30) * 1_000_000L);
                continue;
            }
            quietSince = 0;
            String comment = "approve " + client + " " + n;
            run("approve", comment, () -> {
                GovernanceEngine.DecisionResult decision = engine.approve(who, pending.get(), comment);
                return decision.requestId() + (decision.executed() ? " EXECUTED" : " " + decision.status());
            });
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The pipeline: plain JDBC INSERTs as its own login, acknowledged after COMMIT
    // ---------------------------------------------------------------------------------------------------------------

    private static Connection pipelineConnection(Location.Server address) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", address.user());
        props.setProperty("password", address.password().orElseThrow());
        props.setProperty("ApplicationName", "load pipeline");
        Connection connection = DriverManager.getConnection("jdbc:postgresql://" + address.host() + ":" + address.port() + "/"
                + address.database(), props);
        connection.setAutoCommit(false);
        return connection;
    }

    private void pipeline(Connection connection) {
        while (working()) {
            n++;
            boolean scorecards = random.nextBoolean();
            String table = scorecards ? "scorecards" : "drift_samples";
            String marker = table + " " + client + " " + n;
            long started = System.nanoTime();
            List<Long> ids = new ArrayList<>();
            String outcome;
            String detail = "";
            try {
                List<String> models = models(connection, scorecards);
                if (models.isEmpty()) {
                    n--;
                    LockSupport.parkNanos(20_000_000);
                    continue;
                }
                int batch = 20 + random.nextInt(41);
                try (PreparedStatement insert = connection.prepareStatement(scorecards
                        ? "INSERT INTO steward.scorecards (model_id, pack_id, metric, value, source) VALUES (?, 'bench_load', ?, ?, 'pipeline')"
                        : "INSERT INTO steward.drift_samples (model_id, feature, role, value) VALUES (?, ?, ?, ?)",
                        new String[] {scorecards ? "scorecard_id" : "sample_id"})) {
                    for (int i = 0; i < batch; i++) {
                        insert.setString(1, models.get(random.nextInt(models.size())));
                        if (scorecards) {
                            insert.setString(2, List.of("sharpe", "max_drawdown", "error_rate").get(random.nextInt(3)));
                            insert.setDouble(3, random.nextDouble());
                        } else {
                            insert.setString(2, List.of("spread", "volume", "vol_20d").get(random.nextInt(3)));
                            insert.setString(3, random.nextBoolean() ? "REFERENCE" : "CURRENT");
                            insert.setDouble(4, random.nextGaussian());
                        }
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        while (keys.next()) {
                            ids.add(keys.getLong(1));
                        }
                    }
                }
                connection.commit();
                outcome = "OK";
            } catch (SQLException failed) {
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // the next batch finds out whether the connection still works
                }
                ids.clear();
                outcome = "SQLSTATE " + failed.getSQLState();
                detail = failed.getMessage();
            }
            Map<String, Object> line = line("pipeline-" + table, marker, outcome, detail, started);
            line.put("ids", ids);
            OUT.println(CanonicalJson.write(line));
            // A feed writes batches as they arrive, not in a busy loop: on 2 cores a loop would starve the people.
            LockSupport.parkNanos(50_000_000);
        }
    }

    /**
     * Scorecards go to the live versions (what a pipeline monitors), one batch in five hundred to any version, so that now and
     * then a pending request's scorecards change under it and the request goes stale, as in a team's day; drift samples go
     * to any version (they are no evidence a request rests on).
     */
    private List<String> models(Connection connection, boolean scorecards) throws SQLException {
        return pick(connection, !scorecards || random.nextInt(500) == 0
                ? "SELECT model_id FROM steward.model_registry ORDER BY random() LIMIT 4"
                : "SELECT model_id FROM steward.model_registry WHERE state = 'ACTIVE' ORDER BY random() LIMIT 4");
    }

    private static List<String> pick(Connection connection, String sql) throws SQLException {
        List<String> models = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                models.add(rows.getString(1));
            }
        }
        return models;
    }

    // ---------------------------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Operation {
        Object run();
    }

    /** Runs one operation and prints its line; returns its result, or null when it did not succeed. */
    private Object run(String what, String marker, Operation operation) {
        long started = System.nanoTime();
        Object result = null;
        String outcome;
        String detail = "";
        try {
            result = operation.run();
            if (result == null) {
                result = "";
            }
            outcome = "OK";
        } catch (RegistryException refused) {
            outcome = refused.code();
            detail = String.valueOf(refused.getMessage());
        } catch (RuntimeException fault) {
            outcome = "E_INTERNAL";
            detail = fault.toString();
        }
        Map<String, Object> line = line(what, marker, outcome, detail, started);
        if (result != null && !result.toString().isEmpty()) {
            line.put("result", result.toString());
        }
        OUT.println(CanonicalJson.write(line));
        return result;
    }

    private Map<String, Object> line(String what, String marker, String outcome, String detail, long started) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("client", client);
        line.put("user", login);
        line.put("what", what);
        line.put("marker", marker);
        line.put("outcome", outcome);
        line.put("ms", (System.nanoTime() - started) / 1_000_000);
        line.put("at_ms", (System.nanoTime() - (deadline - seconds * 1_000_000_000L)) / 1_000_000);
        line.put("detail", detail);
        return line;
    }
}
