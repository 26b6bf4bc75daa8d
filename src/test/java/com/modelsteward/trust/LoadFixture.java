package com.modelsteward.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.config.AppDirs;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Principals;
import com.modelsteward.governance.Role;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Location;
import com.modelsteward.registry.Outbox;
import com.modelsteward.registry.Registry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A registry for the multi-process tests (not a demo: real keys in a private data directory, endorsed by a root ADMIN),
 * how to start a {@link LoadWorker} process, and the checks run after load and after every crash.
 */
final class LoadFixture {

    static final List<String> NAMES = List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot");

    final Path db;
    final Path home;
    final Path policy;

    private LoadFixture(Path db, Path home, Path policy) {
        this.db = db;
        this.home = home;
        this.policy = policy;
    }

    /** Creates the registry with an ADMIN root, two analysts and two risk officers (all with endorsed keys) and two candidates per name. */
    static LoadFixture create(Path dir) {
        Path home = dir.resolve("home");
        Path db = dir.resolve("load.db");
        String previousHome = System.getProperty(AppDirs.HOME_PROPERTY);
        System.setProperty(AppDirs.HOME_PROPERTY, home.toString());
        Clock clock = Clock.systemUTC();
        try (Registry registry = Registry.create(db)) {
            registry.writeHandle(h -> {
                for (String name : NAMES) {
                    for (int i = 1; i <= 2; i++) {
                        h.execute("INSERT INTO model_registry (model_id, model_name, model_type, version) VALUES (?, ?, 'load_model', ?)",
                                name + "-seed-" + i, name, "seed-" + i);
                    }
                }
                return null;
            });
            Identity ada = new Identity("ada", Set.of(Role.ADMIN), false);
            Enrolment.initialAdmin(registry, clock, "ada", Keys.directory());
            for (String analyst : LoadWorker.ANALYSTS) {
                Principals.addRole(registry, clock, ada, analyst, Role.ANALYST);
            }
            for (String officer : LoadWorker.OFFICERS) {
                Principals.addRole(registry, clock, ada, officer, Role.RISK_OFFICER);
            }
            for (String user : List.of(LoadWorker.ANALYSTS.get(0), LoadWorker.ANALYSTS.get(1), LoadWorker.OFFICERS.get(0), LoadWorker.OFFICERS.get(1))) {
                String fingerprint = Enrolment.enrollSelf(registry, clock,
                        new Identity(user, Set.of(user.startsWith("ann") ? Role.ANALYST : Role.RISK_OFFICER), false), Keys.directory()).fingerprint();
                Enrolment.endorse(registry, clock, ada, user, fingerprint);
            }
        } finally {
            if (previousHome == null) {
                System.clearProperty(AppDirs.HOME_PROPERTY);
            } else {
                System.setProperty(AppDirs.HOME_PROPERTY, previousHome);
            }
        }
        try {
            Path policy = Path.of(LoadFixture.class.getResource("/load/load-policy.json").toURI());
            return new LoadFixture(db, home, policy);
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** A worker JVM on the test's own class path, with the fixture's data directory (where the keys are). */
    ProcessBuilder worker(Path ackFile, String id, long seed, long maxTransitions, long maxSeconds) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dsteward.home=" + home, "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "--enable-native-access=ALL-UNNAMED",
                LoadWorker.class.getName(), db.toString(), policy.toString(), ackFile.toString(), id, Long.toString(seed),
                Long.toString(maxTransitions), Long.toString(maxSeconds)));
        command.addAll(NAMES);
        return new ProcessBuilder(command);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Checks
    // ---------------------------------------------------------------------------------------------------------------

    /** Every problem found; empty when the registry is whole. */
    static List<String> problems(Registry registry) {
        List<String> problems = new ArrayList<>();
        // A file's pages are checked by SQLite; a server checks its own storage.
        if (registry.location() instanceof Location.File) {
            String integrity = registry.readHandle(h -> h.createQuery("PRAGMA integrity_check").mapTo(String.class).one());
            if (!integrity.equals("ok")) {
                problems.add("integrity_check: " + integrity);
            }
        }
        AuditTrail.Verification chain = AuditTrail.verify(registry);
        if (!chain.ok()) {
            problems.add("audit chain: " + chain.problem());
        }
        SignatureAudit.Report signatures = SignatureAudit.verify(registry);
        signatures.problems().forEach(p -> problems.add("signatures: " + p));
        registry.readHandle(h -> {
            h.createQuery("SELECT request_id FROM transition_requests WHERE status = 'EXECUTING'").mapTo(String.class)
                    .forEach(id -> problems.add(id + " was left EXECUTING"));
            // Replay the audit history: the state of every version and the ACTIVE set of every name, entry by entry.
            Map<String, String> states = new HashMap<>();
            Map<String, Set<String>> active = new HashMap<>();
            Map<String, String> nameOf = new HashMap<>();
            h.createQuery("SELECT model_id, model_name FROM model_registry").mapToMap()
                    .forEach(row -> nameOf.put((String) row.get("model_id"), (String) row.get("model_name")));
            Map<String, Integer> transitionsPerRequest = new HashMap<>();
            h.createQuery("SELECT seq, action, payload_json FROM audit_log WHERE action IN ('TRANSITION', 'ROLLBACK') ORDER BY seq").mapToMap()
                    .forEach(row -> {
                        JsonNode payload = json((String) row.get("payload_json"));
                        long seq = ((Number) row.get("seq")).longValue();
                        if (row.get("action").equals("TRANSITION")) {
                            String model = payload.get("model_id").asText();
                            String from = payload.get("from_state").asText();
                            String to = payload.get("to_state").asText();
                            String before = states.getOrDefault(model, "CANDIDATE");
                            if (!before.equals(from)) {
                                problems.add("audit entry " + seq + " moves " + model + " from " + from + " but the history has it " + before);
                            }
                            states.put(model, to);
                            Set<String> live = active.computeIfAbsent(payload.get("model_name").asText(), n -> new HashSet<>());
                            if (from.equals("ACTIVE")) {
                                live.remove(model);
                            }
                            if (to.equals("ACTIVE")) {
                                live.add(model);
                            }
                            if (live.size() > 1) {
                                problems.add("after audit entry " + seq + " " + payload.get("model_name").asText() + " has two ACTIVE versions " + live);
                            }
                            if (!payload.get("request_id").isNull() && !from.equals("ACTIVE")) {
                                transitionsPerRequest.merge(payload.get("request_id").asText(), 1, Integer::sum);
                            }
                        } else {
                            String name = payload.get("model_name").asText();
                            String from = payload.get("from_model_id").isNull() ? null : payload.get("from_model_id").asText();
                            String to = payload.get("to_model_id").asText();
                            Set<String> live = active.computeIfAbsent(name, n -> new HashSet<>());
                            if (from != null) {
                                states.put(from, "RETIRED");
                                live.remove(from);
                            }
                            states.put(to, "ACTIVE");
                            live.add(to);
                            if (live.size() > 1) {
                                problems.add("after rollback entry " + seq + " " + name + " has two ACTIVE versions " + live);
                            }
                        }
                    });
            h.createQuery("SELECT model_id, state FROM model_registry").mapToMap().forEach(row -> {
                String model = (String) row.get("model_id");
                String expected = states.getOrDefault(model, "CANDIDATE");
                if (!expected.equals(row.get("state"))) {
                    problems.add(model + " is " + row.get("state") + " but its audit history ends in " + expected);
                }
            });
            h.createQuery("""
                            SELECT p.model_name, p.active_model_id, (SELECT m.model_id FROM model_registry m
                                   WHERE m.model_name = p.model_name AND m.state = 'ACTIVE') AS actual FROM active_pointer p""").mapToMap()
                    .forEach(row -> {
                        if (!String.valueOf(row.get("active_model_id")).equals(String.valueOf(row.get("actual")))) {
                            problems.add("the ACTIVE pointer of " + row.get("model_name") + " names " + row.get("active_model_id")
                                    + " but the ACTIVE version is " + row.get("actual"));
                        }
                    });
            Set<String> events = new HashSet<>();
            h.createQuery("SELECT event_type, payload_json FROM events WHERE event_type IN (:rollout, :rollback)")
                    .bind("rollout", Outbox.ROLLOUT_COMPLETED).bind("rollback", Outbox.ROLLBACK_COMPLETED).mapToMap()
                    .forEach(row -> events.add(row.get("event_type") + " " + json((String) row.get("payload_json")).get("request_id").asText()));
            h.createQuery("SELECT request_id, kind FROM transition_requests WHERE status = 'EXECUTED'").mapToMap().forEach(row -> {
                String id = (String) row.get("request_id");
                boolean rollback = row.get("kind").equals("ROLLBACK");
                if (!events.contains((rollback ? Outbox.ROLLBACK_COMPLETED : Outbox.ROLLOUT_COMPLETED) + " " + id)) {
                    problems.add(id + " is EXECUTED but its outbox event is missing");
                }
                if (!rollback && transitionsPerRequest.getOrDefault(id, 0) != 1) {
                    problems.add(id + " is EXECUTED with " + transitionsPerRequest.getOrDefault(id, 0) + " TRANSITION audit entries, not 1");
                }
            });
            long orphanEvents = events.stream().map(e -> e.substring(e.indexOf(' ') + 1)).filter(id -> h.createQuery(
                    "SELECT count(*) FROM transition_requests WHERE request_id = :r AND status = 'EXECUTED'").bind("r", id)
                    .mapTo(Integer.class).one() == 0).count();
            if (orphanEvents > 0) {
                problems.add(orphanEvents + " outbox events announce requests that are not EXECUTED");
            }
            return null;
        });
        return problems;
    }

    /** Every write a worker or the pipeline acknowledged that is not in the registry. */
    static List<String> missingAcknowledged(Registry registry, Path ackFile) {
        List<String> missing = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.exists(ackFile) ? Files.readAllLines(ackFile, StandardCharsets.UTF_8) : List.of();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        registry.readHandle(h -> {
            for (String line : lines) {
                String[] f = line.split(" ");
                if (f.length == 3 && (f[0].equals("scorecards") || f[0].equals("drift_samples"))) {
                    long first = Long.parseLong(f[1]);
                    long last = Long.parseLong(f[2]);
                    String key = f[0].equals("scorecards") ? "scorecard_id" : "sample_id";
                    long found = h.createQuery("SELECT count(*) FROM " + f[0] + " WHERE " + key + " BETWEEN :a AND :b")
                            .bind("a", first).bind("b", last).mapTo(Long.class).one();
                    if (found != last - first + 1) {
                        missing.add(line + " (found " + found + ")");
                    }
                } else if (f[0].equals("ACK") && f[1].equals("REGISTERED")) {
                    if (h.createQuery("SELECT count(*) FROM model_registry WHERE model_id = :m").bind("m", f[2]).mapTo(Integer.class).one() != 1) {
                        missing.add(line);
                    }
                } else if (f[0].equals("ACK")) {
                    String status = h.createQuery("SELECT status FROM transition_requests WHERE request_id = :r").bind("r", f[2])
                            .mapTo(String.class).findOne().orElse("MISSING");
                    boolean ok = f[1].equals("EXECUTED") ? status.equals("EXECUTED") : !status.equals("MISSING");
                    if (!ok) {
                        missing.add(line + " (request is " + status + ")");
                    }
                }
            }
            return null;
        });
        return missing;
    }

    static long count(Path ackFile, String prefix) throws IOException {
        return Files.exists(ackFile) ? Files.readAllLines(ackFile).stream().filter(l -> l.startsWith(prefix)).count() : 0;
    }

    static JsonNode json(String text) {
        try {
            return CanonicalJson.mapper().readTree(text);
        } catch (IOException invalid) {
            throw new UncheckedIOException(invalid);
        }
    }

    static void assertWhole(Registry registry) {
        assertEquals(List.of(), problems(registry));
    }
}
