package com.modelsteward.modelcard;

import com.modelsteward.lineage.ArtifactVerifier;
import com.modelsteward.lineage.LineageCheck;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.DriftResultRow;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/** Wording both renderers share, so the HTML and the PDF say the same thing. */
final class ModelCardText {

    private ModelCardText() {
    }

    static String title(ModelCard card) {
        return "Model card — " + card.version().modelName() + " " + card.version().version();
    }

    static String or(String text) {
        return text == null || text.isBlank() ? "—" : text;
    }

    static String number(Double value) {
        if (value == null) {
            return "missing";
        }
        return BigDecimal.valueOf(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    static String delta(Double value) {
        if (value == null) {
            return "";
        }
        return (value >= 0 ? "+" : "") + number(value);
    }

    static String checkSummary(LineageCheck check) {
        return check.complete() ? "✓ Auditable lineage complete" : "✗ Auditable lineage incomplete: " + check.missing().size() + " of "
                + check.items().size() + " requirements missing";
    }

    static String auditSummary(ModelCard card) {
        AuditTrail.Verification chain = card.auditChain();
        if (!chain.ok()) {
            return "✗ Audit chain does NOT verify: " + chain.problem();
        }
        if (chain.whole()) {
            return "✓ Audit chain verifies (" + chain.checked() + " entries checked)";
        }
        return "✓ Audit chain verifies around this version's entries, between signed heads and since the last one ("
                + chain.checked() + " entries checked)";
    }

    static String artifactSummary(ArtifactVerifier.Result artifact) {
        String mark = artifact.ok() ? "✓ " : "✗ ";
        return mark + artifact.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + artifact.message();
    }

    static String driftSummary(List<DriftResultRow> drift) {
        if (drift.isEmpty()) {
            return "No drift results are stored for this version.";
        }
        long severe = drift.stream().filter(d -> "SEVERE".equals(d.severity())).count();
        long moderate = drift.stream().filter(d -> "MODERATE".equals(d.severity())).count();
        long noData = drift.stream().filter(d -> "NO_DATA".equals(d.severity())).count();
        return drift.size() + " monitored feature(s): " + severe + " SEVERE, " + moderate + " MODERATE, "
                + (drift.size() - severe - moderate - noData) + " NORMAL" + (noData == 0 ? "." : ", " + noData + " with no data.");
    }

    static String comparisonHeading(ModelCard card) {
        return card.baselineId().map(id -> "Scorecards against the baseline " + id)
                .orElse("Scorecards (no baseline: the name has no other ACTIVE version; absolute gates only)");
    }
}
