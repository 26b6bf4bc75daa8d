package com.modelsteward.trust;

import com.modelsteward.cli.Cli;
import com.modelsteward.cli.CliContext;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.WriteStats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * One command-line process of {@link StormTest}: runs the real {@link Cli} (the user given, as the OS login would be)
 * for a few operations against the shared registry and prints one JSON line per operation — what it was, the marker
 * that finds its effect in the registry, the exit code and what the user saw on stderr — and a last line with this
 * process's {@link WriteStats}.
 *
 * <p>An analyst registers a version, requests SHADOW (no approval), imports its scorecards (the gate's metric among
 * them), requests ACTIVE (pending an approval) and imports a file it shares byte for byte with another analyst; an
 * officer approves pending requests it finds.
 *
 * <p>Usage: {@code StormWorker DB DIR WORKER_INDEX USER}.
 */
public final class StormWorker {

    private final Path db;
    private final Path dir;
    private final String worker;
    private final String user;

    private StormWorker(Path db, Path dir, String worker, String user) {
        this.db = db;
        this.dir = dir;
        this.worker = worker;
        this.user = user;
    }

    public static void main(String[] args) throws Exception {
        int index = Integer.parseInt(args[2]);
        StormWorker storm = new StormWorker(Path.of(args[0]), Path.of(args[1]), "w" + index, args[3]);
        if (args[3].startsWith("ann")) {
            storm.analyst(index);
        } else {
            storm.officer();
        }
        System.out.println(CanonicalJson.write(Map.of("stats", WriteStats.snapshot())));
    }

    private void analyst(int index) throws IOException {
        String modelId = "storm-" + worker;
        Path model = Files.writeString(dir.resolve(worker + "-model.json"), """
                {"model_id": "%s", "model_name": "storm", "version": "%s", "model_type": "load_model", "path_ref": "models/storm/%s",
                 "training_config": {"lr": 0.05}, "data_snapshot_ref": "s3://data/storm",
                 "data_snapshot_hash": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}
                """.formatted(modelId, worker, worker));
        cli("register", modelId, "register", "--file", model.toString());
        cli("request", "storm shadow " + worker, "request", "--model", modelId, "--to", "SHADOW", "--reason", "storm shadow " + worker);
        Path own = Files.writeString(dir.resolve(worker + "-cards.csv"), "model_id,pack_id,metric,value,generated_at\n"
                + modelId + ",bench_load,storm_" + worker + ",0.5,2026-12-01T00:00:00Z\n"
                + modelId + ",bench_load,storm_" + worker + ",0.6,2026-12-02T00:00:00Z\n"
                + modelId + ",bench_load,storm_gate,0.9,2026-12-02T00:00:00Z\n");
        cli("import", "storm_" + worker, "scorecards", "import-csv", "--file", own.toString());
        cli("request", "storm active " + worker, "request", "--model", modelId, "--to", "ACTIVE", "--reason", "storm active " + worker);
        // Analysts 0 and 2, 4 and 6, … import the same bytes at about the same time: one import, never two.
        String pair = "storm_pair_" + index / 4;
        Path shared = Files.writeString(dir.resolve(worker + "-shared.csv"), "model_id,pack_id,metric,value,generated_at\n"
                + "alpha-seed-1,bench_load," + pair + ",0.7,2026-12-03T00:00:00Z\n");
        cli("import-shared", pair, "scorecards", "import-csv", "--file", shared.toString());
    }

    private void officer() throws SQLException {
        for (int decision = 0; decision < 3; decision++) {
            Optional<String> pending = Optional.empty();
            // A pending request appears once an analyst's process gets that far (the storm starts every JVM at once on
            // few cores); look for a while, then give up.
            for (int look = 0; look < 600 && pending.isEmpty(); look++) {
                pending = pendingRequest();
                if (pending.isEmpty()) {
                    LockSupport.parkNanos(200_000_000);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            String comment = "storm approval " + worker + " " + decision;
            cli("approve", comment, "approve", "--request", pending.get(), "--comment", comment);
        }
    }

    private Optional<String> pendingRequest() throws SQLException {
        try (Connection read = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
             Statement statement = read.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT request_id FROM transition_requests WHERE status = 'PENDING' ORDER BY random() LIMIT 1")) {
            return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
        }
    }

    private void cli(String kind, String marker, String... tokens) {
        List<String> all = new ArrayList<>(List.of(tokens));
        all.add("--db");
        all.add(db.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long started = System.nanoTime();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = new Cli(new CliContext(o, e, Clock.systemUTC(), user)).execute(all.toArray(String[]::new));
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("worker", worker);
        line.put("user", user);
        line.put("kind", kind);
        line.put("marker", marker);
        line.put("exit", exit);
        line.put("err", err.toString(StandardCharsets.UTF_8).strip());
        line.put("ms", (System.nanoTime() - started) / 1_000_000);
        System.out.println(CanonicalJson.write(line));
    }
}
