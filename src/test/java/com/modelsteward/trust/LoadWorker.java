package com.modelsteward.trust;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.GovernanceException;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Role;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.Policy;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * One OS process of the governance engine under load, run by {@link ConcurrentWritersTest} and {@link CrashRecoveryTest}:
 * registers versions, requests and approves transitions, rolls back — through the same {@link GovernanceEngine} and
 * {@link Registry#write} the command line uses — on model names shared with the other processes.
 *
 * <p>Before each operation it appends "TRY …" to its acknowledgement file and after the commit returns "ACK …" (flushed
 * at once, so a line survives SIGKILL): whatever the file acknowledges must be in the registry afterwards.
 *
 * <p>Usage: {@code LoadWorker DB POLICY ACK_FILE WORKER_ID SEED MAX_TRANSITIONS MAX_SECONDS NAME...}; prints one JSON
 * summary line when it ends on its own.
 */
public final class LoadWorker {

    static final List<String> ANALYSTS = List.of("ann.one", "ann.two");
    static final List<String> OFFICERS = List.of("rita.one", "rita.two");

    private final Registry registry;
    private final GovernanceEngine engine;
    private final BufferedWriter ack;
    private final Random random;
    private final String workerId;
    private final Map<String, Integer> refused = new TreeMap<>();
    private long attempted;
    private long executed;
    private long registered;
    private long failures;
    private long locked;

    private LoadWorker(Registry registry, Policy policy, BufferedWriter ack, Random random, String workerId) {
        this.registry = registry;
        this.engine = new GovernanceEngine(registry, policy, Clock.systemUTC());
        this.ack = ack;
        this.random = random;
        this.workerId = workerId;
    }

    public static void main(String[] args) throws IOException {
        Path db = Path.of(args[0]);
        Policy policy = PolicyLoader.load(Path.of(args[1]), Map.of());
        Path ackFile = Path.of(args[2]);
        String workerId = args[3];
        long seed = Long.parseLong(args[4]);
        long maxTransitions = Long.parseLong(args[5]);
        long deadline = System.nanoTime() + Long.parseLong(args[6]) * 1_000_000_000L;
        List<String> names = List.of(args).subList(7, args.length);
        long started = System.nanoTime();
        try (Registry registry = Registry.open(db);
             BufferedWriter ack = Files.newBufferedWriter(ackFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            LoadWorker worker = new LoadWorker(registry, policy, ack, new Random(seed), workerId);
            worker.line("READY " + workerId);
            while (worker.attempted < maxTransitions && System.nanoTime() < deadline) {
                worker.step(names.get(worker.random.nextInt(names.size())));
            }
            Map<String, Object> summary = new TreeMap<>();
            summary.put("worker", workerId);
            summary.put("attempted", worker.attempted);
            summary.put("executed", worker.executed);
            summary.put("registered", worker.registered);
            summary.put("refused", worker.refused);
            summary.put("failures", worker.failures);
            summary.put("locked", worker.locked);
            summary.put("seconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
            System.out.println(CanonicalJson.write(summary));
        }
    }

    private void step(String name) throws IOException {
        Identity analyst = new Identity(ANALYSTS.get(random.nextInt(ANALYSTS.size())), Set.of(Role.ANALYST), false);
        Identity officer = new Identity(OFFICERS.get(random.nextInt(OFFICERS.size())), Set.of(Role.RISK_OFFICER), false);
        int dice = random.nextInt(100);
        try {
            if (dice < 15) {
                register(name);
            } else if (dice < 20) {
                line("TRY rollback " + name);
                attempted++;
                GovernanceEngine.RollbackResult result = engine.rollback(officer, name, "load test: back to last-known-good");
                executed++;
                line("ACK EXECUTED " + result.requestId() + " ROLLBACK " + result.toModelId());
            } else if (dice < 35) {
                Optional<String> pending = registry.readHandle(h -> h.createQuery(
                        "SELECT request_id FROM transition_requests WHERE status = 'PENDING' ORDER BY random() LIMIT 1").mapTo(String.class).findOne());
                if (pending.isPresent()) {
                    decide(officer, pending.get());
                }
            } else {
                Optional<String> candidate = registry.readHandle(h -> h.createQuery(
                                "SELECT model_id FROM model_registry WHERE model_name = :n AND state = 'CANDIDATE' AND archived = 0 ORDER BY random() LIMIT 1")
                        .bind("n", name).mapTo(String.class).findOne());
                if (candidate.isEmpty()) {
                    register(name);
                    return;
                }
                line("TRY request " + candidate.get() + " SHADOW");
                attempted++;
                GovernanceEngine.RequestResult shadow = engine.request(analyst, candidate.get(), "SHADOW", "load test: into shadow");
                executed++;
                line("ACK " + shadow.status() + " " + shadow.requestId() + " SHADOW " + candidate.get());
                line("TRY request " + candidate.get() + " ACTIVE");
                attempted++;
                GovernanceEngine.RequestResult active = engine.request(analyst, candidate.get(), "ACTIVE", "load test: promote");
                line("ACK " + active.status() + " " + active.requestId() + " ACTIVE " + candidate.get());
                decide(officer, active.requestId());
            }
        } catch (GovernanceException expected) {
            // Another process got there first (pending request, stale version, nothing to roll back): a refusal, not a fault.
            refused.merge(expected.code(), 1, Integer::sum);
            line("REFUSED " + expected.code());
        } catch (RegistryException fault) {
            if (fault.code().equals("E_REGISTRY_LOCKED") || String.valueOf(fault.getMessage()).contains("locked")) {
                locked++;
            } else {
                failures++;
            }
            System.err.println("FAULT " + fault.code() + ": " + fault.getMessage());
        } catch (RuntimeException fault) {
            failures++;
            System.err.println("FAULT " + fault);
        }
    }

    private void decide(Identity officer, String requestId) throws IOException {
        line("TRY approve " + requestId);
        attempted++;
        GovernanceEngine.DecisionResult decision = engine.approve(officer, requestId, "load test: reviewed");
        if (decision.executed()) {
            executed++;
        }
        line("ACK " + decision.status() + " " + requestId + " APPROVED");
    }

    private void register(String name) throws IOException {
        String modelId = name + "-" + workerId + "-" + HexFormat.of().toHexDigits(random.nextLong());
        line("TRY register " + modelId);
        registry.writeHandle(h -> h.createUpdate("""
                        INSERT INTO model_registry (model_id, model_name, model_type, version, created_by)
                        VALUES (:id, :n, 'load_model', :v, 'pipeline')""")
                .bind("id", modelId).bind("n", name).bind("v", modelId.substring(name.length() + 1)).execute());
        registered++;
        line("ACK REGISTERED " + modelId);
    }

    private void line(String text) throws IOException {
        ack.write(text);
        ack.newLine();
        ack.flush();
    }
}
