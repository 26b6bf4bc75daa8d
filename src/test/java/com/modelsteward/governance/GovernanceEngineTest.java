package com.modelsteward.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GovernanceEngineTest {

    @TempDir
    Path dir;

    private static String code(Runnable action) {
        GovernanceException refused = assertThrows(GovernanceException.class, action::run);
        return refused.code();
    }

    /** Brings a fresh version into the given state along the default policy's allowed paths. */
    private static String versionIn(Fixture f, String state) {
        String id = f.register("m", "v" + state);
        f.scores(id, 1.5, 0.10, 0.001);
        if (state.equals("CANDIDATE")) {
            return id;
        }
        f.engine.request(f.bob, id, "SHADOW", "shadow it");
        if (state.equals("SHADOW")) {
            return id;
        }
        f.clock.advance(Duration.ofDays(7));
        String request = f.engine.request(f.bob, id, "ACTIVE", "promote").requestId();
        f.engine.approve(f.rachel, request, "ok");
        if (state.equals("ACTIVE")) {
            return id;
        }
        String retire = f.engine.request(f.bob, id, "RETIRED", "withdraw").requestId();
        f.engine.approve(f.omar, retire, "ok");
        return id;
    }

    @ParameterizedTest(name = "{0} -> {1} allowed={2}")
    @CsvSource({
            "CANDIDATE, SHADOW, true", "CANDIDATE, RETIRED, true", "CANDIDATE, ACTIVE, false", "CANDIDATE, CANDIDATE, false",
            "SHADOW, ACTIVE, true", "SHADOW, RETIRED, true", "SHADOW, CANDIDATE, false",
            "ACTIVE, RETIRED, true", "ACTIVE, SHADOW, false", "ACTIVE, CANDIDATE, false",
            "RETIRED, ACTIVE, false", "RETIRED, SHADOW, false", "RETIRED, CANDIDATE, false", "SHADOW, LIVE, false"})
    void everyTransitionOfTheDefaultPolicy(String from, String to, boolean allowed) {
        try (Fixture f = new Fixture(dir)) {
            String id = versionIn(f, from);
            assertEquals(from, f.state(id));
            f.clock.advance(Duration.ofDays(8));
            if (!allowed) {
                GovernanceException refused = assertThrows(GovernanceException.class, () -> f.engine.request(f.bob, id, to, "try"));
                assertEquals(GovernanceException.ROLLOUT_DENIED, refused.code());
                assertTrue(refused.getMessage().contains("is not allowed by policy l3-12"), refused.getMessage());
                assertEquals(from, f.state(id));
                return;
            }
            var result = f.engine.request(f.bob, id, to, "move it");
            if (result.status().equals("PENDING")) {
                f.engine.approve(f.rachel, result.requestId(), "approved");
            }
            assertEquals(to, f.state(id));
        }
    }

    @Test
    void toShadowNeedsArtifactsAndEveryRequiredScorecard() {
        try (Fixture f = new Fixture(dir)) {
            String id = f.register("m", "1");
            assertEquals(GovernanceException.GATE_FAILED, code(() -> f.engine.request(f.bob, id, "SHADOW", "no scorecards yet")));
            assertEquals("CANDIDATE", f.state(id));
            assertEquals(0, f.engine.findRequest("REQ-000001").stream().count(), "a refused request leaves nothing behind");
            f.scores(id, 1.5, 0.1, 0.001);
            // Blanking a registered version's hash behind the app's back disagrees with its REGISTER entry.
            f.registry.writeHandle(h -> h.execute("UPDATE model_registry SET data_snapshot_hash = NULL WHERE model_id = ?", id));
            GovernanceException tampered = assertThrows(GovernanceException.class, () -> f.engine.request(f.bob, id, "SHADOW", "go"));
            assertEquals(GovernanceEngine.TAMPERED, tampered.code());
            assertTrue(tampered.getMessage().contains("version m-1 has data_snapshot_hash = null"), tampered.getMessage());
            // A version the pipeline writes without the hash is refused for lacking the artifact.
            f.registry.writeHandle(h -> h.execute("INSERT INTO model_registry (model_id, model_name, model_type, version, training_config_json, "
                    + "training_config_hash, data_snapshot_ref) VALUES ('m-2', 'm', 'signal_model', '2', '{}', ?, 's3://x')",
                    com.modelsteward.json.CanonicalJson.sha256Hex("{}")));
            f.scores("m-2", 1.5, 0.1, 0.001);
            GovernanceException refused = assertThrows(GovernanceException.class, () -> f.engine.request(f.bob, "m-2", "SHADOW", "go"));
            assertEquals(GovernanceException.ROLLOUT_DENIED, refused.code());
            assertTrue(refused.getMessage().contains("data snapshot"), refused.getMessage());
        }
    }

    @Test
    void toActiveNeedsTheShadowPeriodAndAnApproval() {
        try (Fixture f = new Fixture(dir)) {
            String id = f.register("m", "1");
            f.scores(id, 1.5, 0.1, 0.001);
            f.engine.request(f.bob, id, "SHADOW", "shadow");
            f.clock.advance(Duration.ofDays(7).minusMinutes(1));
            String early = f.engine.request(f.bob, id, "ACTIVE", "too early").requestId();
            assertEquals(GovernanceException.ROLLOUT_DENIED, code(() -> f.engine.approve(f.rachel, early, "ok")));
            assertEquals("SHADOW", f.state(id));
            f.clock.advance(Duration.ofMinutes(1));
            var decision = f.engine.approve(f.rachel, early, "ok now");
            assertTrue(decision.executed());
            assertEquals("ACTIVE", f.state(id));
        }
    }

    @Test
    void separationOfDuties() {
        try (Fixture f = new Fixture(dir)) {
            String id = f.register("m", "1");
            f.scores(id, 1.5, 0.1, 0.001);
            f.engine.request(f.bob, id, "SHADOW", "shadow");
            f.clock.advance(Duration.ofDays(8));
            for (String user : List.of("alice", "bob")) {
                Principals.addRole(f.registry, f.clock, f.ines, user, Role.RISK_OFFICER);
            }
            Identity bob = f.who("bob");
            Identity alice = f.who("alice");
            String request = f.engine.request(bob, id, "ACTIVE", "promote").requestId();
            GovernanceException own = assertThrows(GovernanceException.class, () -> f.engine.approve(bob, request, "mine"));
            assertTrue(own.getMessage().contains("requested") && own.getMessage().contains("maker-checker"), own.getMessage());
            GovernanceException creator = assertThrows(GovernanceException.class, () -> f.engine.approve(alice, request, "I built it"));
            assertTrue(creator.getMessage().contains("created"), creator.getMessage());
            GovernanceException role = assertThrows(GovernanceException.class, () -> f.engine.approve(f.ines, request, "admin"));
            assertTrue(role.getMessage().contains("needs the RISK_OFFICER role"), role.getMessage());
            GovernanceException stranger = assertThrows(GovernanceException.class, () -> f.engine.approve(f.who("mallory"), request, "hi"));
            assertTrue(stranger.getMessage().contains("not a principal"), stranger.getMessage());
            assertEquals(GovernanceException.ROLLOUT_DENIED, code(() -> f.engine.request(f.rachel, id, "RETIRED", "officers do not request")));
            assertEquals("SHADOW", f.state(id));
        }
    }

    @Test
    void aRoleRevokedAfterSignInIsCaughtByTheDatabaseAndReportedWithItsCode() {
        try (Fixture f = new Fixture(dir)) {
            String id = versionIn(f, "SHADOW");
            f.clock.advance(Duration.ofDays(8));
            String request = f.engine.request(f.bob, id, "ACTIVE", "promote").requestId();
            Identity signedIn = f.who("rachel");
            f.registry.writeHandle(h -> h.execute("UPDATE principals SET active = 0 WHERE user_name = 'rachel'"));
            GovernanceException refused = assertThrows(GovernanceException.class, () -> f.engine.approve(signedIn, request, "still me"));
            // Deactivating by SQL is itself a change the signed history never made: the engine names it and acts on nothing.
            assertEquals(GovernanceEngine.TAMPERED, refused.code());
            assertTrue(refused.getMessage().contains("principal rachel has active = \"false\""), refused.getMessage());
            assertEquals("SHADOW", f.state(id));
        }
    }

    @Test
    void aBlankCommentOrReasonIsRefused() {
        try (Fixture f = new Fixture(dir)) {
            String id = versionIn(f, "SHADOW");
            assertEquals("E_INVALID_INPUT", code(() -> f.engine.request(f.bob, id, "RETIRED", "  ")));
            f.clock.advance(Duration.ofDays(8));
            String request = f.engine.request(f.bob, id, "ACTIVE", "promote").requestId();
            assertEquals("E_INVALID_INPUT", code(() -> f.engine.approve(f.rachel, request, " ")));
            assertEquals("SHADOW", f.state(id));
        }
    }

    @Test
    void twoOfNQuorumExecutesOnTheSecondDistinctApproval() throws Exception {
        Path policyFile = dir.resolve("quorum.yaml");
        java.nio.file.Files.writeString(policyFile, """
                name: two-officers
                transitions:
                  - {from: CANDIDATE, to: SHADOW, requires: [artifacts, scorecards]}
                  - {from: SHADOW, to: ACTIVE, requires: [artifacts, scorecards, gates, shadow_period], approvals: {count: 2, role: RISK_OFFICER}}
                  - {from: ACTIVE, to: RETIRED, approvals: {count: 1}}
                """);
        try (Fixture f = new Fixture(dir, PolicyLoader.load(policyFile, Map.of()))) {
            String id = versionIn(f, "SHADOW");
            f.clock.advance(Duration.ofDays(8));
            String request = f.engine.request(f.bob, id, "ACTIVE", "promote").requestId();
            var first = f.engine.approve(f.rachel, request, "one");
            assertFalse(first.executed());
            assertEquals("PENDING", first.status());
            assertEquals("SHADOW", f.state(id));
            assertEquals(GovernanceException.ROLLOUT_DENIED, code(() -> f.engine.approve(f.rachel, request, "again")));
            var second = f.engine.approve(f.omar, request, "two");
            assertTrue(second.executed());
            assertEquals(2, second.approvals());
            assertEquals("ACTIVE", f.state(id));
        }
    }

    @Test
    void aRejectionEndsTheRequest() {
        try (Fixture f = new Fixture(dir)) {
            String id = versionIn(f, "SHADOW");
            f.clock.advance(Duration.ofDays(8));
            String request = f.engine.request(f.bob, id, "ACTIVE", "promote").requestId();
            assertEquals("REJECTED", f.engine.reject(f.rachel, request, "drawdown too deep").status());
            assertEquals(GovernanceException.ROLLOUT_DENIED, code(() -> f.engine.approve(f.omar, request, "override")));
            assertEquals("SHADOW", f.state(id));
        }
    }

    @Test
    void requestsGoStaleWhenTheVersionOrItsScorecardsChange() {
        try (Fixture f = new Fixture(dir)) {
            String id = versionIn(f, "SHADOW");
            f.clock.advance(Duration.ofDays(8));
            String first = f.engine.request(f.bob, id, "ACTIVE", "promote").requestId();
            f.scores(id, 1.6, 0.1, 0.001);
            GovernanceException stale = assertThrows(GovernanceException.class, () -> f.engine.approve(f.rachel, first, "ok"));
            assertEquals(GovernanceException.ROLLOUT_DENIED, stale.code());
            assertTrue(stale.getMessage().contains("scorecards"), stale.getMessage());
            assertEquals("STALE", f.engine.findRequest(first).orElseThrow().status());

            String second = f.engine.request(f.bob, id, "ACTIVE", "promote again").requestId();
            f.registry.writeHandle(h -> h.execute("UPDATE model_registry SET updated_at = '2026-12-01T00:00:00.000Z' WHERE model_id = ?", id));
            GovernanceException changed = assertThrows(GovernanceException.class, () -> f.engine.approve(f.rachel, second, "ok"));
            assertTrue(changed.getMessage().contains("row_version"), changed.getMessage());
            assertEquals("SHADOW", f.state(id));
        }
    }

    @Test
    void concurrentApprovalsFromTwoThreadsExecuteExactlyOnce() throws Exception {
        try (Fixture f = new Fixture(dir)) {
            String id = versionIn(f, "SHADOW");
            f.clock.advance(Duration.ofDays(8));
            String request = f.engine.request(f.bob, id, "ACTIVE", "promote").requestId();
            // Two engines on two registry handles: like two console windows, not sharing the in-process write lock.
            try (var second = com.modelsteward.registry.Registry.open(f.registry.file())) {
                GovernanceEngine otherEngine = new GovernanceEngine(second, f.policy, f.clock);
                CountDownLatch start = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(2);
                List<Future<String>> outcomes = new ArrayList<>();
                outcomes.add(pool.submit(() -> attempt(start, () -> f.engine.approve(f.rachel, request, "first"))));
                outcomes.add(pool.submit(() -> attempt(start, () -> otherEngine.approve(f.omar, request, "second"))));
                start.countDown();
                List<String> results = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    results.add(outcome.get());
                }
                pool.shutdown();
                assertEquals(1, results.stream().filter(r -> r.equals("EXECUTED")).count(), results.toString());
                assertEquals(1, results.stream().filter(r -> r.startsWith("E_LEARN_ROLLOUT_DENIED")).count(), results.toString());
                assertTrue(results.stream().anyMatch(r -> r.contains("is EXECUTED")), results.toString());
            }
            assertEquals("ACTIVE", f.state(id));
            long events = f.registry.readHandle(h -> h.createQuery("SELECT count(*) FROM events WHERE event_type = 'ordinis.learn.rollout.completed' AND payload_json LIKE '%\"to_state\":\"ACTIVE\"%'")
                    .mapTo(Long.class).one());
            assertEquals(1, events);
        }
    }

    private static String attempt(CountDownLatch start, java.util.concurrent.Callable<GovernanceEngine.DecisionResult> action) throws Exception {
        start.await();
        try {
            return action.call().status();
        } catch (GovernanceException refused) {
            return refused.code() + ": " + refused.getMessage();
        }
    }

    @Test
    void aRolloutSwapsActiveAtomicallyAndRollbackReturnsToLastKnownGood() {
        try (Fixture f = new Fixture(dir)) {
            String v1 = f.activate("alpha", "1", 1.5, 0.10);
            Instant afterV1 = f.clock.instant();
            f.clock.advance(Duration.ofDays(1));
            String v2 = f.activate("alpha", "2", 1.7, 0.10);
            Instant afterV2 = f.clock.instant();
            assertEquals(Set.of(v2), f.activeOf("alpha"));
            assertEquals("RETIRED", f.state(v1));
            Map<String, Object> pointer = f.registry.readHandle(h -> h.createQuery("SELECT * FROM active_pointer WHERE model_name = 'alpha'").mapToMap().one());
            assertEquals(v2, pointer.get("active_model_id"));
            assertEquals(v1, pointer.get("last_known_good_id"));
            String event = f.registry.readHandle(h -> h.createQuery("SELECT payload_json FROM events WHERE event_type = 'ordinis.learn.rollout.completed' ORDER BY event_id DESC LIMIT 1")
                    .mapTo(String.class).one());
            assertTrue(event.contains("\"approvers\":[\"rachel\"]") && event.contains("gate_report_digest") && event.contains(v2), event);

            assertEquals(GovernanceException.ROLLOUT_DENIED, code(() -> f.engine.rollback(f.bob, "alpha", "analysts cannot")));
            f.clock.advance(Duration.ofHours(2));
            var rollback = f.engine.rollback(f.omar, "alpha", "drift breach on vol_20d");
            assertEquals(v2, rollback.fromModelId());
            assertEquals(v1, rollback.toModelId());
            assertEquals(Set.of(v1), f.activeOf("alpha"));
            assertEquals("RETIRED", f.state(v2));
            assertEquals(GovernanceException.ROLLOUT_DENIED, code(() -> f.engine.rollback(f.omar, "alpha", "twice")));
            assertEquals(1L, (long) f.registry.readHandle(h -> h.createQuery("SELECT count(*) FROM events WHERE event_type = 'ordinis.learn.rollback.completed'")
                    .mapTo(Long.class).one()));

            assertEquals(Optional.empty(), f.engine.activeAt("alpha", Instant.parse("2026-10-01T00:00:00Z")));
            assertEquals(Optional.of(v1), f.engine.activeAt("alpha", afterV1));
            assertEquals(Optional.of(v2), f.engine.activeAt("alpha", afterV2));
            assertEquals(Optional.of(v1), f.engine.activeAt("alpha", f.clock.instant()));
            assertEquals(List.of(v1, v2, v1), f.engine.history("alpha").stream().map(GovernanceEngine.ActivePeriod::modelId).toList());
            assertTrue(AuditTrail.verify(f.registry).ok());
        }
    }

    @Test
    void aFailingGateAtExecutionChangesNothing() {
        try (Fixture f = new Fixture(dir)) {
            f.activate("beta", "1", 1.5, 0.10);
            String v2 = f.register("beta", "2");
            f.scores(v2, 1.55, 0.10, 0.001);
            f.engine.request(f.bob, v2, "SHADOW", "shadow");
            f.clock.advance(Duration.ofDays(8));
            String request = f.engine.request(f.bob, v2, "ACTIVE", "promote").requestId();
            long auditBefore = f.registry.readHandle(h -> h.createQuery("SELECT count(*) FROM audit_log").mapTo(Long.class).one());
            GovernanceException refused = assertThrows(GovernanceException.class, () -> f.engine.approve(f.rachel, request, "ok"));
            assertEquals(GovernanceException.GATE_FAILED, refused.code());
            assertTrue(refused.getMessage().contains("sharpe"), refused.getMessage());
            assertEquals("SHADOW", f.state(v2));
            assertEquals("PENDING", f.engine.findRequest(request).orElseThrow().status());
            assertEquals(auditBefore, (long) f.registry.readHandle(h -> h.createQuery("SELECT count(*) FROM audit_log").mapTo(Long.class).one()));
            assertEquals(0L, (long) f.registry.readHandle(h -> h.createQuery("SELECT count(*) FROM approvals WHERE request_id = :r").bind("r", request)
                    .mapTo(Long.class).one()));
        }
    }

    @Test
    void retentionKeepsTheLastNRetiredPerTypeAndArchivesTheRest() {
        try (Fixture f = new Fixture(dir, PolicyLoader.builtIn(Map.of("LEARN_RETAIN_RETIRED", "2")))) {
            List<String> retired = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                String id = f.register("gamma", "" + i);
                f.clock.advance(Duration.ofMinutes(1));
                f.engine.request(f.bob, id, "RETIRED", "not needed");
                retired.add(id);
            }
            List<String> archived = f.registry.readHandle(h -> h.createQuery("SELECT model_id FROM model_registry WHERE archived = 1 ORDER BY model_id")
                    .mapTo(String.class).list());
            assertEquals(retired.subList(0, 2), archived);
            assertEquals(4L, (long) f.registry.readHandle(h -> h.createQuery("SELECT count(*) FROM model_registry").mapTo(Long.class).one()), "never deleted");
            assertEquals(GovernanceException.ROLLOUT_DENIED, code(() -> f.engine.request(f.bob, retired.getFirst(), "SHADOW", "revive")));
        }
    }

    @Test
    void actingAsSomebodyElseOnlyOnADemoRegistry() {
        try (Fixture f = new Fixture(dir)) {
            GovernanceException refused = assertThrows(GovernanceException.class,
                    () -> Principals.resolve(f.registry, "alice", Optional.of("rachel")));
            assertTrue(refused.getMessage().contains("only possible on a demo registry"), refused.getMessage());
            assertTrue(refused.getMessage().contains("it was not created by `demo`"), refused.getMessage());
            f.registry.writeHandle(h -> h.execute("INSERT INTO registry_meta (key, value) VALUES ('created_by_demo', 'x')"));
            GovernanceException marked = assertThrows(GovernanceException.class,
                    () -> Principals.resolve(f.registry, "alice", Optional.of("rachel")));
            assertTrue(marked.getMessage().contains("a marker row does not make a registry a demo"), marked.getMessage());
        }
        try (Registry demo = TestRegistries.demo(dir)) {
            assertEquals("rachel.okafor", Principals.resolve(demo, "alice", Optional.of("rachel.okafor")).user());
            assertEquals(GovernanceException.ROLLOUT_DENIED, code(() -> Principals.resolve(demo, "alice", Optional.of("nobody"))));
        }
    }
}
