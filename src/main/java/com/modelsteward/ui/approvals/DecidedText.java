package com.modelsteward.ui.approvals;

import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.json.CanonicalJson;
import java.time.Duration;

/**
 * The sentences the approval dialog shows for a decided request, from what was recorded at the decision (no toolkit,
 * so they are tested without one). Whatever was not recorded says so rather than falling back on today's rows.
 */
final class DecidedText {

    static final String NOT_RECORDED = "not recorded (decided before this was recorded)";

    private DecidedText() {
    }

    /** "Decided — shown as it was on 2026-10-31 06:00 UTC (EXECUTED)". */
    static String header(ReviewDesk.Decided decided) {
        return "Decided — shown as it was on " + Format.time(decided.shownAsOf()) + " (" + decided.status() + ")";
    }

    /** What the request replaced in the live state, as recorded (the ACTIVE_CHANGED entry or the deciding decision). */
    static String replaced(ReviewDesk.Evidence evidence) {
        ReviewDesk.Replaced replaced = evidence.decided().orElseThrow().replaced();
        String name = evidence.model().modelName();
        String live = evidence.liveState();
        return switch (replaced.kind()) {
            case NOT_APPLICABLE -> "— (not a move to " + live + ")";
            case REPLACED -> replaced.modelId() == null ? "nothing — no version of " + name + " was " + live
                    : replaced.modelId() + " (it became " + evidence.retiredState() + ")";
            case WOULD_HAVE_REPLACED -> replaced.modelId() == null ? "would have replaced nothing — no version of " + name + " was " + live
                    : "would have replaced " + replaced.modelId() + " (" + live + " at the decision)";
            case NOT_RECORDED -> NOT_RECORDED;
        };
    }

    /** The label beside {@link #replaced}: "Replaced" once executed, "Replaces" otherwise. */
    static String replacedLabel(ReviewDesk.Decided decided) {
        return decided.replaced().kind() == ReviewDesk.Replaced.Kind.REPLACED ? "Replaced" : "Replaces";
    }

    /** Time in the prior state against the requirement, as the deciding approver saw it. */
    static String timeInState(ReviewDesk.TimeInState time) {
        if (time == null) {
            return "Time in the prior state: " + NOT_RECORDED + ".";
        }
        String elapsed = Format.duration(time.elapsed());
        if (!time.required()) {
            return "In " + time.state() + " for " + elapsed + " at the decision; this transition asks for no shadow period.";
        }
        return "In " + time.state() + " for " + elapsed + " of the " + time.requiredDays() + " days the policy required at the decision"
                + (time.satisfied() ? "." : " — not complete.");
    }

    static double shadowProgress(ReviewDesk.TimeInState time) {
        return Math.min(1.0, time.elapsed().toMinutes() / (double) Duration.ofDays(time.requiredDays()).toMinutes());
    }

    /** The worst drift of the version at the decision. */
    static String drift(ReviewDesk.Seen seen) {
        if (seen == null) {
            return "Drift at the decision: " + NOT_RECORDED + ".";
        }
        if (seen.worstSeverity() == null) {
            return "No drift results had been computed at the decision.";
        }
        return "Worst severity " + seen.worstSeverity() + (seen.worstPsiFeature() == null ? ""
                : " · worst PSI " + Format.number(seen.worstPsi()) + " on " + seen.worstPsiFeature()) + " (at the decision)";
    }

    /** The policy in force at the decision: name and the SHA-256 of its text. */
    static String policy(ReviewDesk.Seen seen) {
        return seen == null ? NOT_RECORDED : seen.policyName() + " · sha256 " + seen.policyDigest();
    }

    /** One decision as recorded: who, what, when, the comment. */
    static String decision(ReviewDesk.Decision decision) {
        boolean approved = decision.decision().equals("APPROVE");
        return decision.approver() + " " + (approved ? "approved" : "rejected") + " on " + Format.time(decision.decidedAt())
                + ": “" + decision.comment() + "”";
    }

    /** "Signature verified with rachel's key SHA256:…" or "Signature does not verify: …" — the icon is added by the view. */
    static String signature(ReviewDesk.SignatureStatus status) {
        if (status.verified()) {
            return "Signature verified with " + status.signer() + "'s key " + status.fingerprint() + ", endorsed up to the root";
        }
        return "Signature does not verify: the decision by " + status.signer() + " " + status.problem()
                + (status.fingerprint() == null ? "" : " (checked against " + status.fingerprint() + ")");
    }

    /** What the deciding approver saw of the gate report, against the frozen report shown. */
    static String gateReport(ReviewDesk.Evidence evidence) {
        ReviewDesk.Decided decided = evidence.decided().orElseThrow();
        // the digest of the stored text, as signed and audited: re-serialising a report frozen in form 1 would differ
        String stored = evidence.request().gateReportJson();
        String frozen = evidence.currentReport() == null || stored == null ? null : CanonicalJson.sha256Hex(stored);
        String sentence = frozen == null ? "No gate report was frozen for this request."
                : "The report frozen when the request was made, the one the decision was made on (sha256 " + frozen + ").";
        if (decided.executionReportDigest() != null) {
            sentence += " Re-evaluated at execution on " + Format.time(decided.executedAt()) + " (sha256 " + decided.executionReportDigest() + ").";
        }
        return sentence;
    }
}
