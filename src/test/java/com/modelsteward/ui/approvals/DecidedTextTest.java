package com.modelsteward.ui.approvals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.governance.Principals;
import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.FormOneRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a decided request says, including for decisions recorded before they carried their evidence. */
class DecidedTextTest {

    private static final ReviewDesk.TimeInState EIGHT_DAYS_OF_SEVEN =
            new ReviewDesk.TimeInState("SHADOW", "2026-10-01T00:00:00.000Z", Duration.ofDays(8), 7, true);

    @Test
    void whatWasNotRecordedSaysSoInsteadOfShowingToday() {
        assertEquals("Time in the prior state: not recorded (decided before this was recorded).", DecidedText.timeInState(null));
        assertEquals("Drift at the decision: not recorded (decided before this was recorded).", DecidedText.drift(null));
        assertEquals("not recorded (decided before this was recorded)", DecidedText.policy(null));
    }

    @Test
    void theRecordedTimeAndDriftReadAsAtTheDecision() {
        assertEquals("In SHADOW for 8 d 0 h of the 7 days the policy required at the decision.", DecidedText.timeInState(EIGHT_DAYS_OF_SEVEN));
        ReviewDesk.Seen seen = new ReviewDesk.Seen("abc", null, EIGHT_DAYS_OF_SEVEN, "MODERATE", "spread", 0.15, "l3-12", "d1g357");
        assertEquals("Worst severity MODERATE · worst PSI 0.1500 on spread (at the decision)", DecidedText.drift(seen));
        assertEquals("l3-12 · sha256 d1g357", DecidedText.policy(seen));
        assertEquals("Decided — shown as it was on 2026-10-09 12:00 UTC (EXECUTED)", DecidedText.header(new ReviewDesk.Decided("EXECUTED",
                "2026-10-09T12:00:00.000Z", new ReviewDesk.Replaced(ReviewDesk.Replaced.Kind.REPLACED, null), Optional.of(seen),
                "2026-10-09T12:00:00.000Z", "def")));
    }

    @Test
    void aSignatureSaysWhichKeyVerifiedItOrWhyItDoesNot() {
        assertEquals("Signature verified with rachel's key SHA256:ab12, endorsed up to the root",
                DecidedText.signature(new ReviewDesk.SignatureStatus("rachel", "SHA256:ab12", null)));
        String bad = DecidedText.signature(new ReviewDesk.SignatureStatus("rachel", "SHA256:ab12", "is not signed"));
        assertTrue(bad.startsWith("Signature does not verify: the decision by rachel is not signed"), bad);
        assertTrue(bad.contains("SHA256:ab12"), bad);
    }

    @Test
    void aReportFrozenBeforeRfc8785ShowsTheDigestThatWasSignedAndAudited(@TempDir Path dir) {
        try (Registry registry = Registry.open(FormOneRegistry.copyTo(dir))) {
            Clock clock = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);
            ReviewDesk desk = new ReviewDesk(new GovernanceEngine(registry, PolicyLoader.builtIn(Map.of()), clock), registry, clock);
            String requestId = registry.readHandle(h -> h.createQuery("SELECT request_id FROM transition_requests WHERE to_state = 'ACTIVE'")
                    .mapTo(String.class).one());
            ReviewDesk.Evidence evidence = desk.evidence(requestId, Principals.resolve(registry, "rachel", Optional.empty()));
            String stored = CanonicalJson.sha256Hex(evidence.request().gateReportJson());
            assertNotEquals(stored, evidence.currentReport().digest(), "re-written in RFC 8785, the form-1 report has another digest");
            assertTrue(DecidedText.gateReport(evidence).startsWith(
                    "The report frozen when the request was made, the one the decision was made on (sha256 " + stored + ")."),
                    DecidedText.gateReport(evidence));
        }
    }
}
