package com.modelsteward.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.AppDirs;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.FormOneRegistry;
import com.modelsteward.trust.Keys;
import com.modelsteward.trust.SignatureAudit;
import com.modelsteward.trust.Signatures;
import com.modelsteward.trust.SignedHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry written before RFC 8785 (canonical/form1/form1.db, made once by MakeFormOneRegistry with the code of commit
 * 8db3e4a) still verifies, keeps working, and verifies again after new entries in RFC 8785 (ADR 0014).
 */
class FormOneRegistryTest {

    @TempDir
    Path dir;

    private String previousHome;

    @BeforeEach
    void copyTheFixture() {
        FormOneRegistry.copyTo(dir);
        FormOneRegistry.copyKeysTo(dir.resolve("home"));
        previousHome = System.getProperty(AppDirs.HOME_PROPERTY);
        System.setProperty(AppDirs.HOME_PROPERTY, dir.resolve("home").toString());
    }

    @AfterEach
    void restoreTheHome() {
        if (previousHome == null) {
            System.clearProperty(AppDirs.HOME_PROPERTY);
        } else {
            System.setProperty(AppDirs.HOME_PROPERTY, previousHome);
        }
    }

    @Test
    void aFormOneRegistryVerifiesThenTakesRfc8785EntriesAndVerifiesAgain() {
        try (Registry registry = Registry.open(dir.resolve("form1.db"))) {
            GovernanceEngine.Request old = registry.readHandle(h -> h.createQuery("SELECT request_id FROM transition_requests WHERE to_state = 'ACTIVE'")
                    .mapTo(String.class).list()).stream().map(id -> registry.read(store -> GovernanceEngine.findRequest(store, id)).orElseThrow())
                    .findFirst().orElseThrow();
            Map<String, Object> approval = registry.readHandle(h -> h.createQuery(
                    "SELECT approver, decision, comment, decided_at, signature FROM approvals WHERE request_id = :r").bind("r", old.requestId())
                    .mapToMap().one());
            String rachelsKey = registry.read(store -> Signatures.trustedKey(store, "rachel")).publicKey();
            String formOneConfig = registry.readHandle(h -> h.createQuery(
                    "SELECT training_config_json FROM model_registry WHERE model_id = 'form1-b-1'").mapTo(String.class).one());
            String formOneHash = registry.readHandle(h -> h.createQuery(
                    "SELECT training_config_hash FROM model_registry WHERE model_id = 'form1-b-1'").mapTo(String.class).one());

            // The fixture exercises what differs: in RFC 8785 alone neither the signature nor the config hash would verify.
            assertFalse(Keys.verify(rachelsKey, Signatures.decisionContent(old.requestId(), old.modelId(), old.fromState(), old.toState(),
                    old.gateReportJson(), (String) approval.get("decision"), (String) approval.get("comment"), (String) approval.get("decided_at"),
                    "rachel"), (String) approval.get("signature")));
            assertNotEquals(formOneHash, CanonicalJson.hashOfJson(formOneConfig));

            assertVerifies(registry);
            registry.read(store -> {
                Signatures.requireValidApprovals(store, old);
                return null;
            });

            Clock later = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);
            GovernanceEngine engine = new GovernanceEngine(registry, PolicyLoader.builtIn(Map.of()), later);
            Identity bob = Principals.resolve(registry, "bob", Optional.empty());
            Identity omar = Principals.resolve(registry, "omar", Optional.empty());
            var promotion = engine.request(bob, "form1-b-1", "ACTIVE", "shadow complete");
            assertTrue(promotion.gateReport().prerequisites().stream().filter(p -> p.name().equals("training_config"))
                    .allMatch(GateReport.PrerequisiteCheck::passed), "the promotion check accepts the form-1 config hash");
            var decision = engine.approve(omar, promotion.requestId(), "reviewed \u001b[1mcarefully\u001b[0m");
            assertEquals("EXECUTED", decision.status());
            String newSignature = registry.readHandle(h -> h.createQuery("SELECT signature FROM approvals WHERE request_id = :r")
                    .bind("r", promotion.requestId()).mapTo(String.class).one());
            GovernanceEngine.Request executed = registry.read(store -> GovernanceEngine.findRequest(store, promotion.requestId())).orElseThrow();
            String omarsKey = registry.read(store -> Signatures.trustedKey(store, "omar")).publicKey();
            assertTrue(Keys.verify(omarsKey, Signatures.decisionContent(executed.requestId(), executed.modelId(), executed.fromState(),
                    executed.toState(), executed.gateReportJson(), "APPROVE", "reviewed \u001b[1mcarefully\u001b[0m",
                    registry.readHandle(h -> h.createQuery("SELECT decided_at FROM approvals WHERE request_id = :r").bind("r", promotion.requestId())
                            .mapTo(String.class).one()), "omar"), newSignature), "new signatures are made over RFC 8785");

            assertVerifies(registry);
        }
    }

    private static void assertVerifies(Registry registry) {
        AuditTrail.Verification chain = AuditTrail.verify(registry);
        assertTrue(chain.ok(), chain.problem());
        SignatureAudit.Report signatures = SignatureAudit.verify(registry);
        assertTrue(signatures.ok(), String.join("\n", signatures.problems()));
        SignedHistory.Report history = registry.read(SignedHistory::check);
        assertTrue(history.ok(), String.join("\n", history.sentences()));
    }
}
