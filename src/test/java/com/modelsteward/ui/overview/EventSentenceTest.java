package com.modelsteward.ui.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelsteward.registry.Outbox;
import com.modelsteward.registry.RegistryEvent;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The Overview's activity feed reads as sentences at a local time with its offset. */
class EventSentenceTest {

    private static RegistryEvent event(String type, String payload) {
        return new RegistryEvent(1, type, payload, "2026-12-04T21:13:25.978Z", null);
    }

    @Test
    void aRolloutSaysWhoApprovedWhatIsLiveAndWhatRetired() {
        assertEquals("rachel.okafor approved REQ-000015 — momentum_xgb 3.2.0 is ACTIVE, 3.1.0 retired", EventSentence.of(event(
                Outbox.ROLLOUT_COMPLETED, """
                {"approvers":["rachel.okafor"],"from_state":"SHADOW","gate_report_digest":"ab","model_id":"momentum_xgb-3.2.0",
                 "model_name":"momentum_xgb","previous_active_id":"momentum_xgb-3.1.0","request_id":"REQ-000015","to_state":"ACTIVE"}""")));
        assertEquals("omar.haddad and rachel.okafor approved REQ-000016 — news_embedder 2.0.0 is ACTIVE", EventSentence.of(event(
                Outbox.ROLLOUT_COMPLETED, """
                {"approvers":["omar.haddad","rachel.okafor"],"model_id":"news_embedder-2.0.0","model_name":"news_embedder",
                 "previous_active_id":null,"request_id":"REQ-000016","to_state":"ACTIVE"}""")));
    }

    @Test
    void aRollbackAndADriftAlertReadAsSentences() {
        assertEquals("rachel.okafor rolled back momentum_xgb (REQ-000020) — 3.1.0 is live again, 3.2.0 retired: “PnL diverges”",
                EventSentence.of(event(Outbox.ROLLBACK_COMPLETED, """
                {"from_model_id":"momentum_xgb-3.2.0","model_name":"momentum_xgb","reason":"PnL diverges","request_id":"REQ-000020",
                 "rolled_back_by":"rachel.okafor","to_model_id":"momentum_xgb-3.1.0"}""")));
        assertEquals("Drift alert on vol_regime_rf-2.4.0: realized_vol_20d is SEVERE (psi 0.412, threshold 0.250)",
                EventSentence.of(event(Outbox.DRIFT_ALERT, """
                {"feature":"realized_vol_20d","metric":"psi","model_id":"vol_regime_rf-2.4.0","severity":"SEVERE","threshold":0.25,"value":0.41234}""")));
    }

    @Test
    void aSamplesImportSaysWhoImportedHowManyForWhichVersion() {
        assertEquals("alice.nguyen imported 11958 CURRENT drift samples for crypto_basis_gbm-1.0.0 from current.parquet",
                EventSentence.of(event(Outbox.DRIFT_SAMPLES_IMPORTED, """
                {"features":["price"],"file":"current.parquet","imported_by":"alice.nguyen","model_id":"crypto_basis_gbm-1.0.0",
                 "observed_at":"2026-10-31T00:00:00.000Z","role":"CURRENT","rows":11958,"sha256":"ab"}""")));
    }

    @Test
    void anUnknownOrUnreadableEventFallsBackToItsType() {
        assertEquals("ordinis.learn.something.new", EventSentence.of(event("ordinis.learn.something.new", "{\"a\":1}")));
        assertEquals(Outbox.DRIFT_ALERT + " (its details cannot be read)", EventSentence.of(event(Outbox.DRIFT_ALERT, "{not json")));
    }

    @Test
    void theTimeIsLocalWithItsOffset() {
        assertEquals("2026-12-04 22:13 +01:00", EventSentence.time(event("x", "{}"), ZoneId.of("Europe/Zurich")));
        assertEquals("2026-12-04 21:13 +00:00", EventSentence.time(event("x", "{}"), ZoneId.of("UTC")));
    }
}
