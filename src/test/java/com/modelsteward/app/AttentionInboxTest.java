package com.modelsteward.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.config.Environment;
import com.modelsteward.governance.Identity;
import com.modelsteward.governance.Principals;
import com.modelsteward.governance.Role;
import com.modelsteward.governance.RuleChanges;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbox on the demo registry, read as each of its people would: the requests theirs to decide, live drift, due shadows. */
class AttentionInboxTest {

    private static final Clock CLOCK = Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC);

    @TempDir
    Path dir;
    private Registry registry;
    private RegistryServices services;

    @BeforeEach
    void open() {
        registry = TestRegistries.demo(dir);
        services = new RegistryServices(registry, Environment.of(Map.of()), CLOCK);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    private List<AttentionInbox.Item> inboxOf(String user) {
        return AttentionInbox.of(services, new ModelCatalog(registry), identity(user), CLOCK);
    }

    private Identity identity(String user) {
        return Principals.resolve(registry, user, Optional.empty());
    }

    private static Optional<AttentionInbox.Item> about(List<AttentionInbox.Item> inbox, AttentionInbox.Kind kind, String subject) {
        return inbox.stream().filter(item -> item.kind() == kind && item.subject().equals(subject)).findFirst();
    }

    @Test
    void aRiskOfficerSeesTheRequestWithItsGatesAndAgeAndTheRequesterDoesNot() {
        AttentionInbox.Item request = about(inboxOf("rachel.okafor"), AttentionInbox.Kind.DECIDE, "REQ-000015").orElseThrow();
        assertEquals("REQ-000015: momentum_xgb 3.2.0 SHADOW → ACTIVE", request.title());
        assertEquals("gates 9 of 9 passed · requested by chen.wei · opened 32 h ago", request.detail());
        assertTrue(about(inboxOf("rachel.okafor"), AttentionInbox.Kind.DECIDE, "REQ-000014").orElseThrow().detail()
                .startsWith("gates 8 of 9 passed"), "a request failing a gate on current data says so in its count");

        assertTrue(inboxOf("chen.wei").stream().noneMatch(item -> item.kind() == AttentionInbox.Kind.DECIDE),
                "chen.wei requested it and is an analyst: nothing of the queue is theirs to decide");
        assertTrue(inboxOf("ines.admin").stream().noneMatch(item -> item.kind() == AttentionInbox.Kind.DECIDE),
                "an ADMIN without the RISK_OFFICER role decides no promotion");
    }

    @Test
    void aRuleChangeWaitsForTheOtherAdminNotForItsRequester() {
        String id = RuleChanges.requestRoleGrant(registry, CLOCK, identity("ines.admin"), "alice.nguyen", Role.RISK_OFFICER)
                .change().changeId();
        AttentionInbox.Item change = about(inboxOf(TestRegistries.OPERATOR), AttentionInbox.Kind.DECIDE, id).orElseThrow();
        assertEquals(id + ": Role grant, grant RISK_OFFICER to alice.nguyen", change.title());
        assertEquals("a rule change for a second ADMIN · requested by ines.admin · opened just now", change.detail());
        assertTrue(about(inboxOf("ines.admin"), AttentionInbox.Kind.DECIDE, id).isEmpty(), "the requester cannot decide it");
        assertTrue(about(inboxOf("rachel.okafor"), AttentionInbox.Kind.DECIDE, id).isEmpty(), "a risk officer decides no rule change");

        RuleChanges.reject(registry, CLOCK, identity(TestRegistries.OPERATOR), id, "Not this quarter.");
        assertTrue(about(inboxOf(TestRegistries.OPERATOR), AttentionInbox.Kind.DECIDE, id).isEmpty(), "a decided change leaves it");
    }

    @Test
    void aDecidedRequestLeavesTheInbox() {
        services.governance().approve(identity("omar.haddad"), "REQ-000015", "Shadow looks good.");
        assertTrue(about(inboxOf("rachel.okafor"), AttentionInbox.Kind.DECIDE, "REQ-000015").isEmpty());
        assertTrue(about(inboxOf("rachel.okafor"), AttentionInbox.Kind.DECIDE, "REQ-000013").isPresent());
    }

    @Test
    void severeDriftIsListedForLiveVersionsOnly() {
        severe("momentum_xgb-3.1.0", "vol_20d", 0.62);
        severe("momentum_xgb-3.1.0", "spread_bps", 0.41);
        severe("momentum_xgb-3.0.0", "vol_20d", 0.9);
        List<AttentionInbox.Item> inbox = inboxOf("rachel.okafor");
        AttentionInbox.Item live = about(inbox, AttentionInbox.Kind.SEVERE_DRIFT, "momentum_xgb-3.1.0").orElseThrow();
        assertEquals("SEVERE drift on momentum_xgb 3.1.0 (ACTIVE)", live.title());
        assertEquals("features vol_20d, spread_bps · worst PSI 0.62 on vol_20d", live.detail());
        assertTrue(about(inbox, AttentionInbox.Kind.SEVERE_DRIFT, "momentum_xgb-3.0.0").isEmpty(), "3.0.0 is RETIRED: " + inbox);
        assertSevereCountIsTheCatalogs();

        services.governance().rollback(identity("rachel.okafor"), "momentum_xgb", "Drift breach on vol_20d");
        assertEquals("RETIRED", new ModelCatalog(registry).version("momentum_xgb-3.1.0").orElseThrow().state());
        List<AttentionInbox.Item> after = inboxOf("rachel.okafor");
        assertTrue(about(after, AttentionInbox.Kind.SEVERE_DRIFT, "momentum_xgb-3.1.0").isEmpty(), "3.1.0 no longer trades: " + after);
        assertEquals("SEVERE drift on momentum_xgb 3.0.0 (ACTIVE)", about(after, AttentionInbox.Kind.SEVERE_DRIFT, "momentum_xgb-3.0.0")
                .orElseThrow().title(), "the version rolled back to is live again, and so is its drift");
        assertSevereCountIsTheCatalogs();
    }

    /** The Overview's drift-alert figure comes from the inbox's read: it must be the catalog's own count. */
    private void assertSevereCountIsTheCatalogs() {
        ModelCatalog catalog = new ModelCatalog(registry);
        AttentionInbox.Partial partial = AttentionInbox.withoutLineage(services, catalog, identity("rachel.okafor"), CLOCK);
        assertEquals(catalog.driftAlertCount(services.policy().liveState()), partial.severeDriftVersions());
        assertTrue(partial.severeDriftVersions() > 0, "a live version has SEVERE drift");
    }

    @Test
    void aShadowIsDueOnceItsPeriodHasElapsedAndUntilSomeoneRequestsItsPromotion() {
        AttentionInbox.Item due = about(inboxOf("chen.wei"), AttentionInbox.Kind.SHADOW_ELAPSED, "crypto_basis_gbm-1.4.0").orElseThrow();
        assertEquals("crypto_basis_gbm 1.4.0 has been SHADOW for 9 days", due.title());
        assertEquals("the policy asks for 7; nobody has requested its promotion to ACTIVE yet", due.detail());
        assertTrue(about(inboxOf("chen.wei"), AttentionInbox.Kind.SHADOW_ELAPSED, "mean_reversion_lgbm-2.4.0").isEmpty(),
                "3 days in SHADOW is not yet the policy's period");
        assertTrue(about(inboxOf("chen.wei"), AttentionInbox.Kind.SHADOW_ELAPSED, "momentum_xgb-3.2.0").isEmpty(),
                "REQ-000015 already asks for its promotion");

        services.governance().request(identity("chen.wei"), "crypto_basis_gbm-1.4.0", "ACTIVE", "Shadow period complete.");
        assertTrue(about(inboxOf("chen.wei"), AttentionInbox.Kind.SHADOW_ELAPSED, "crypto_basis_gbm-1.4.0").isEmpty());
    }

    @Test
    void ageReadsAsAPersonSaysIt() {
        var now = TestRegistries.ANCHOR;
        assertEquals("just now", AttentionInbox.ago(now.minusSeconds(20), now));
        assertEquals("5 min ago", AttentionInbox.ago(now.minus(Duration.ofMinutes(5)), now));
        assertEquals("2 h ago", AttentionInbox.ago(now.minus(Duration.ofMinutes(150)), now));
        assertEquals("3 days ago", AttentionInbox.ago(now.minus(Duration.ofDays(3)), now));
        assertFalse(AttentionInbox.ago(now.minus(Duration.ofHours(47)), now).contains("days"));
    }

    private void severe(String modelId, String feature, double psi) {
        registry.writeHandle(h -> h.execute("INSERT INTO model_drift (model_id, feature, drift_kind, psi, severity, computed_at) "
                + "VALUES (?, ?, 'FEATURE', ?, 'SEVERE', '2026-10-31T00:00:00.000Z')", modelId, feature, psi));
    }
}
