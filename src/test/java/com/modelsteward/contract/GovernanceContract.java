package com.modelsteward.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.drift.DriftMonitor;
import com.modelsteward.drift.DriftPolicy;
import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.GovernanceException;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.InputFiles;
import com.modelsteward.governance.Principals;
import com.modelsteward.governance.Role;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.Policy;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.DriftSampleRow;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.scorecards.ScorecardImport;
import com.modelsteward.testsupport.MovingClock;
import com.modelsteward.testsupport.Team;
import com.modelsteward.trust.SignatureAudit;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The promise on every engine: the same governance flow, refusals and detection, run by {@link SqliteContractTest} on a
 * registry file and by {@link PostgresContractTest} on a PostgreSQL server, where each person is their own login.
 */
abstract class GovernanceContract {


    protected Team team;
    final MovingClock clock = new MovingClock();
    final Policy policy = PolicyLoader.builtIn(Map.of());
    private final Map<String, GovernanceEngine> engines = new HashMap<>();

    /** A fresh registry of the engine under test, its team enrolled. */
    protected abstract Team newTeam();

    /** Runs {@code sql} as the owner with the registry's refusals switched off for that table, as only an owner can. */
    protected abstract void ownerEditsBehindTheTriggers(String table, String sql);

    @BeforeEach
    void enrol() {
        team = newTeam();
        team.enrolTeam();
    }

    @AfterEach
    void close() {
        team.close();
    }

    GovernanceEngine engine(String user) {
        return engines.computeIfAbsent(user, u -> new GovernanceEngine(team.as(u), policy, clock));
    }

    Identity who(String user) {
        return team.who(user);
    }

    String register(String creator, String name, String version) {
        return register(creator, name, version, 1.5);
    }

    String register(String creator, String name, String version, double sharpe) {
        String configJson = CanonicalJson.write(Map.of("lr", 0.05, "name", name, "version", version));
        engine(creator).register(who(creator), new InputFiles.NewVersion(name + "-" + version, name, "signal_model", version, null,
                "models/" + name + "/" + version, configJson, CanonicalJson.sha256Hex(configJson), "s3://data/" + name + "/" + version,
                "a".repeat(64), null, null));
        engine(creator).importScorecards(who(creator), List.of(
                new InputFiles.ScorecardValue(name + "-" + version, "bench_core_v1", "sharpe", sharpe, "2026-11-01T00:00:00.000Z", "test", 1),
                new InputFiles.ScorecardValue(name + "-" + version, "bench_core_v1", "max_drawdown", 0.1, "2026-11-01T00:00:00.000Z", "test", 2),
                new InputFiles.ScorecardValue(name + "-" + version, "bench_core_v1", "error_rate", 0.001, "2026-11-01T00:00:00.000Z", "test", 3)));
        return name + "-" + version;
    }

    /** Shadows the version for seven days and returns bob's request to make it ACTIVE. */
    String requestActive(String id) {
        engine("bob").request(who("bob"), id, "SHADOW", "ready for shadow");
        clock.advance(Duration.ofDays(7));
        return engine("bob").request(who("bob"), id, "ACTIVE", "shadow complete").requestId();
    }

    String state(String id) {
        return team.as("alice").read(store -> store.versions().find(id).orElseThrow().state());
    }

    String liveOf(String name) {
        return team.as("alice").read(store -> store.versions().inState(name, "ACTIVE").map(v -> v.modelId()).orElse(null));
    }

    @Test
    void aVersionGoesLiveThroughItsGatesAndAnApprovalAndTheTrailNamesWhoDidWhat() {
        String id = register("alice", "m", "1");
        String request = requestActive(id);
        assertEquals("SHADOW", state(id), "a request alone changes nothing");
        engine("rachel").approve(who("rachel"), request, "reviewed");
        assertEquals("ACTIVE", state(id));
        assertEquals(id, liveOf("m"));

        Registry auditor = team.as("alice");
        AuditTrail.Verification chain = AuditTrail.verify(auditor);
        assertTrue(chain.ok(), chain.problem());
        List<String> actors = auditor.read(store -> store.audit().decisionEntries("request:" + request)).stream().map(e -> e.actor()).toList();
        assertEquals(List.of("rachel"), actors);
        SignatureAudit.Report signatures = SignatureAudit.verify(auditor);
        assertTrue(signatures.ok(), String.join("\n", signatures.problems()));
    }

    @Test
    void neitherTheRequesterNorTheCreatorNorAnotherRoleMayApprove() {
        for (String analyst : List.of("alice", "bob")) {
            Principals.addRole(team.as(Team.ADMIN), clock, who(Team.ADMIN), analyst, Role.RISK_OFFICER);
        }
        String id = register("alice", "m", "1");
        String request = requestActive(id);
        GovernanceException requester = assertThrows(GovernanceException.class, () -> engine("bob").approve(who("bob"), request, "mine"));
        assertTrue(requester.getMessage().contains("requested"), requester.getMessage());
        GovernanceException creator = assertThrows(GovernanceException.class, () -> engine("alice").approve(who("alice"), request, "I built it"));
        assertTrue(creator.getMessage().contains("created"), creator.getMessage());
        GovernanceException admin = assertThrows(GovernanceException.class, () -> engine(Team.ADMIN).approve(who(Team.ADMIN), request, "fine"));
        assertTrue(admin.getMessage().contains("needs the RISK_OFFICER role"), admin.getMessage());
        assertEquals("SHADOW", state(id));
        engine("omar").approve(who("omar"), request, "independent review");
        assertEquals("ACTIVE", state(id));
    }

    /** The Overview's inbox reads the latest SEVERE drift of live versions and a state's versions the same on every engine. */
    @Test
    void theInboxQueriesReadLatestSevereDriftOfLiveVersionsAndAStatesVersions() {
        String live = register("alice", "m", "1");
        engine("rachel").approve(who("rachel"), requestActive(live), "reviewed");
        String shadow = register("alice", "m", "2");
        engine("bob").request(who("bob"), shadow, "SHADOW", "ready for shadow");
        for (String row : List.of("'" + live + "', 'f1', 'SEVERE', 0.9", "'" + live + "', 'f1', 'NORMAL', 0.01",
                "'" + live + "', 'f2', 'SEVERE', 0.4", "'" + live + "', 'f3', 'SEVERE', 0.7", "'" + shadow + "', 'f1', 'SEVERE', 0.8")) {
            ownerEditsBehindTheTriggers("model_drift",
                    "INSERT INTO model_drift (model_id, feature, severity, psi, computed_at) VALUES (" + row + ", '2026-11-01T00:00:00.000Z')");
        }
        // A feature's kinds are separate results: f4's latest PREDICTION result is SEVERE whatever its FEATURE result says.
        for (String row : List.of("'" + live + "', 'f4', 'PREDICTION', 'SEVERE', 0.5", "'" + live + "', 'f4', 'FEATURE', 'NORMAL', 0.05",
                "'" + live + "', 'f4', 'LLM', 'SEVERE', 0.6", "'" + live + "', 'f4', 'LLM', 'MODERATE', 0.2")) {
            ownerEditsBehindTheTriggers("model_drift", "INSERT INTO model_drift (model_id, feature, drift_kind, severity, psi, computed_at) VALUES ("
                    + row + ", '2026-11-01T00:00:00.000Z')");
        }
        Registry reader = team.as("alice");
        assertEquals(List.of(live + " f3 FEATURE", live + " f4 PREDICTION", live + " f2 FEATURE"),
                reader.read(store -> store.catalog().severeLiveDrift("ACTIVE")).stream()
                        .map(d -> d.modelId() + " " + d.feature() + " " + d.driftKind()).toList(),
                "f1's and f4's LLM latest results are not SEVERE; the shadow is not live");
        assertEquals(List.of(shadow), reader.read(store -> store.catalog().versionRowsInState("SHADOW")).stream().map(v -> v.modelId()).toList());
    }

    @Test
    void aRollbackReturnsToTheLastKnownGoodVersion() {
        String first = register("alice", "m", "1");
        engine("rachel").approve(who("rachel"), requestActive(first), "ok");
        clock.advance(Duration.ofHours(1));
        String second = register("alice", "m", "2", 1.8);
        engine("omar").approve(who("omar"), requestActive(second), "ok");
        assertEquals(second, liveOf("m"));
        engine("rachel").rollback(who("rachel"), "m", "drift breach");
        assertEquals(first, liveOf("m"));
        assertEquals("RETIRED", state(second));
        assertTrue(AuditTrail.verify(team.as("bob")).ok());
    }

    @Test
    void aPersonWhoSkipsTheAppIsRefusedByTheRegistry() {
        String id = register("alice", "m", "1");
        String request = requestActive(id);
        Registry bob = team.as("bob");
        List<String> attempts = List.of(
                "UPDATE model_registry SET state = 'ACTIVE' WHERE model_id = '" + id + "'",
                "UPDATE transition_requests SET status = 'EXECUTING' WHERE request_id = '" + request + "'",
                "UPDATE audit_log SET actor = 'rachel' WHERE seq = 1",
                "DELETE FROM audit_log WHERE seq = 1",
                "DELETE FROM transition_requests WHERE request_id = '" + request + "'");
        int refused = 0;
        for (String sql : attempts) {
            try {
                bob.writeHandle(h -> h.execute(sql));
            } catch (RegistryException expected) {
                refused++;
            }
        }
        assertEquals(attempts.size(), refused, "every raw write was refused");
        assertEquals("SHADOW", state(id));
        assertTrue(AuditTrail.verify(bob).ok());
    }

    /**
     * bob writes an approval in rachel's name. A file cannot know who wrote a row: the approval carries no valid
     * signature, so the engine does not count it and {@code audit verify} names it. A server knows: it refuses the row.
     */
    @Test
    void anApprovalInAnotherPersonsNameNeverCounts() {
        String id = register("alice", "m", "1");
        String request = requestActive(id);
        String forge = "INSERT INTO approvals (request_id, approver, decision, comment) VALUES ('" + request + "', 'rachel', 'APPROVE', 'forged')";
        forgedApprovalIs(() -> team.as("bob").writeHandle(h -> h.execute(forge)));
        assertEquals("SHADOW", state(id));
        GovernanceException stillPending = assertThrows(GovernanceException.class,
                () -> engine("bob").request(who("bob"), id, "ACTIVE", "again"));
        assertTrue(stillPending.getMessage().contains(request), stillPending.getMessage());
    }

    /** What the engine does with a forged approval written by {@code forge}: detect it (a file) or refuse it (a server). */
    protected abstract void forgedApprovalIs(Runnable forge);

    @Test
    void anAuditEntryEditedByTheOwnerIsDetected() {
        String id = register("alice", "m", "1");
        engine("rachel").approve(who("rachel"), requestActive(id), "ok");
        long seq = team.as("alice").read(store -> store.audit().lastSeq());
        ownerEditsBehindTheTriggers("audit_log", "UPDATE audit_log SET actor = 'mallory' WHERE seq = " + (seq - 1));
        AuditTrail.Verification chain = AuditTrail.verify(team.as("alice"));
        assertFalse(chain.ok());
        assertEquals(seq - 1, chain.firstBadSeq().orElseThrow());
    }

    @Test
    void aQuorumOfTwoNeedsTwoDifferentOfficers() {
        Policy twoEyes = PolicyLoader.fromText("""
                name: two-officers
                transitions:
                  - {from: CANDIDATE, to: SHADOW, requires: [artifacts, scorecards]}
                  - {from: SHADOW, to: ACTIVE, requires: [artifacts, scorecards, gates], approvals: {count: 2, role: RISK_OFFICER}}
                """, "two-officers.yaml", true, Map.of());
        String id = register("alice", "m", "1");
        GovernanceEngine bob = new GovernanceEngine(team.as("bob"), twoEyes, clock);
        bob.request(who("bob"), id, "SHADOW", "shadow");
        String request = bob.request(who("bob"), id, "ACTIVE", "two officers please").requestId();
        var first = new GovernanceEngine(team.as("rachel"), twoEyes, clock).approve(who("rachel"), request, "one");
        assertEquals("PENDING", first.status());
        assertEquals("SHADOW", state(id));
        GovernanceException again = assertThrows(GovernanceException.class,
                () -> new GovernanceEngine(team.as("rachel"), twoEyes, clock).approve(who("rachel"), request, "one more"));
        assertTrue(again.getMessage().contains("already"), again.getMessage());
        new GovernanceEngine(team.as("omar"), twoEyes, clock).approve(who("omar"), request, "two");
        assertEquals("ACTIVE", state(id));
    }

    @Test
    void aScorecardFileImportsOnceThroughItsStagingRows() throws Exception {
        register("alice", "m", "1");
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("cards", ".csv");
        StringBuilder rows = new StringBuilder("model_id,pack_id,metric,value,generated_at\n");
        for (int i = 0; i < 2_000; i++) {
            rows.append("m-1,bench_extra,metric_").append(i).append(',').append(i / 7.0).append(",2026-11-02T00:00:00Z\n");
        }
        java.nio.file.Files.writeString(csv, rows);
        ScorecardImport.Listener quiet = (done, read, total) -> { };
        ScorecardImport.Result imported = ScorecardImport.importCsv(team.as("alice"), csv, clock, who("alice").user(), quiet);
        assertEquals(2_000, imported.rows());
        RegistryException again = assertThrows(RegistryException.class,
                () -> ScorecardImport.importCsv(team.as("bob"), csv, clock, who("bob").user(), quiet));
        assertTrue(again.getMessage().contains("was already imported") && again.getMessage().contains("by alice"), again.getMessage());
        long stored = team.as("omar").read(store -> store.scorecards().latest("m-1").size());
        assertEquals(2_003, stored, "the file's rows once, beside the three from registration");
        assertTrue(AuditTrail.verify(team.as("omar")).ok());
    }

    @Test
    void driftFromThePipelinesSamplesIsComputedStoredAndAttested() {
        String id = register("alice", "m", "1");
        List<DriftSampleRow> samples = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            samples.add(new DriftSampleRow(id, "spread", "REFERENCE", i % 50, "2026-11-01T00:00:00.000Z"));
            samples.add(new DriftSampleRow(id, "spread", "CURRENT", 40 + i % 50, "2026-11-02T00:00:00.000Z"));
        }
        pipelineInserts(samples);
        DriftMonitor monitor = new DriftMonitor(team.as("rachel"), clock, DriftPolicy.DEFAULT);
        List<DriftMonitor.Breach> breaches = monitor.computeAndStoreAll(who("rachel").user());
        assertEquals(1, breaches.size(), "the shifted feature breaches");
        assertEquals(id, breaches.getFirst().modelId());
        assertTrue(AuditTrail.verify(team.as("alice")).ok());
        List<String> attested = team.as("alice").read(store -> store.audit().about(id)).stream()
                .filter(entry -> entry.action().equals("drift.breach")).map(entry -> entry.actor()).toList();
        assertEquals(List.of("rachel"), attested);
    }

    /** The pipeline's own write of drift samples (on a server, as its login). */
    protected abstract void pipelineInserts(List<DriftSampleRow> samples);

    @Test
    void anotherPersonsCommitMovesTheChangeCounter() throws InterruptedException {
        Registry watcher = team.as("omar");
        long before = watcher.changeCounter();
        register("alice", "m", "1");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (watcher.changeCounter() == before && watcher.commitCount() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(watcher.changeCounter() != before || watcher.commitCount() > 0, "the watcher saw the commit");
    }
}
