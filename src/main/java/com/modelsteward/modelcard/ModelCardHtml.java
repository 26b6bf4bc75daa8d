package com.modelsteward.modelcard;

import static com.modelsteward.modelcard.ModelCardText.delta;
import static com.modelsteward.modelcard.ModelCardText.number;
import static com.modelsteward.modelcard.ModelCardText.or;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.lineage.LineageCheck;
import com.modelsteward.lineage.RequestEvidence;
import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.DriftResultRow;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.scorecards.MetricRules;
import com.modelsteward.scorecards.ScorecardComparison;
import java.util.List;

/**
 * The model card as one self-contained XHTML file: styles inline, no scripts, no external resources, so it can be
 * mailed, archived and opened anywhere, and parsed by any XML parser.
 */
public final class ModelCardHtml {

    private static final String STYLE = """
            body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1d2733;margin:32px auto;max-width:1100px;padding:0 24px;font-size:14px}
            h1{font-size:24px;margin-bottom:4px}h2{font-size:17px;border-bottom:2px solid #d5dae1;padding-bottom:4px;margin-top:28px}
            .meta{color:#5b6675}table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #d5dae1;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#eef1f5}td.num{text-align:right;font-variant-numeric:tabular-nums}code,.hash{font-family:Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
            .ok{color:#1f8a4c;font-weight:bold}.bad{color:#c0392b;font-weight:bold}.warn{color:#b7791f;font-weight:bold}.muted{color:#5b6675}
            .summary{display:flex;gap:12px;flex-wrap:wrap}.summary div{border:1px solid #d5dae1;border-radius:6px;padding:8px 12px;background:#f6f7f9}
            pre{background:#f6f7f9;border:1px solid #d5dae1;padding:12px;overflow-x:auto;font-size:12px}
            @media print{body{margin:0}}""";

    private final StringBuilder html = new StringBuilder();

    private ModelCardHtml() {
    }

    public static String render(ModelCard card) {
        return new ModelCardHtml().write(card);
    }

    private String write(ModelCard card) {
        ModelVersion v = card.version();
        html.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"UTF-8\"/>\n<title>").append(esc(ModelCardText.title(card))).append("</title>\n<style>")
                .append(STYLE).append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(esc(ModelCardText.title(card))).append("</h1>\n");
        html.append("<p class=\"meta\">Produced ").append(esc(card.producedAt())).append(" by ").append(esc(card.producedBy()))
                .append(" from <code>").append(esc(card.registryFile())).append("</code> with Model Steward.</p>\n");
        html.append("<div class=\"summary\" id=\"summary\">");
        summary(card.check().complete(), ModelCardText.checkSummary(card.check()));
        summary(card.auditChain().ok(), ModelCardText.auditSummary(card));
        summary(card.artifact().ok(), ModelCardText.artifactSummary(card.artifact()));
        html.append("</div>\n");

        section("identity", "Identity");
        table(List.of("Field", "Value"), List.of(
                List.of("Model id", v.modelId()), List.of("Name", v.modelName()), List.of("Type", v.modelType()),
                List.of("Version", v.version()), List.of("State", v.state() + " since " + or(v.stateChangedAt())),
                List.of("Retrained from", or(v.parentId())), List.of("Created", v.createdAt() + " by " + v.createdBy()),
                List.of("Artifact", or(v.pathRef())), List.of("Row version", Long.toString(v.rowVersion()))));

        section("check", "Auditable lineage check");
        html.append("<table><tr><th>Requirement</th><th>Result</th><th>Detail</th></tr>\n");
        for (LineageCheck.Item item : card.check().items()) {
            html.append("<tr><td>").append(esc(item.requirement())).append("</td><td class=\"").append(item.ok() ? "ok" : "bad").append("\">")
                    .append(item.ok() ? "✓ present" : "✗ missing").append("</td><td>").append(esc(item.detail())).append("</td></tr>\n");
        }
        html.append("</table>\n");

        section("chain", "Lineage chain (this version first, back to its root)");
        html.append("<table><tr><th>Version</th><th>State</th><th>Created</th><th>Training config hash</th><th>Data snapshot</th>")
                .append("<th>Code commit</th><th>Feature graph hash</th></tr>\n");
        for (ModelCard.ChainLink link : card.chain()) {
            ModelVersion c = link.version();
            html.append("<tr><td>").append(esc(c.modelId())).append("</td><td>").append(esc(c.state())).append("</td><td>")
                    .append(esc(c.createdAt())).append("</td><td><span class=\"hash\">").append(esc(or(c.trainingConfigHash())))
                    .append("</span><br/><span class=\"").append(link.configHashVerified() ? "ok" : "bad").append("\">")
                    .append(link.configHashVerified() ? "✓ " : "✗ ").append(esc(link.configHashNote())).append("</span></td><td>")
                    .append(esc(or(c.dataSnapshotRef()))).append("<br/><span class=\"hash\">").append(esc(or(c.dataSnapshotHash())))
                    .append("</span></td><td class=\"hash\">").append(esc(or(c.codeCommit()))).append("</td><td class=\"hash\">")
                    .append(esc(or(c.featureGraphHash()))).append("</td></tr>\n");
        }
        html.append("</table>\n");
        for (String problem : card.lineageProblems()) {
            html.append("<p class=\"warn\">⚠ ").append(esc(problem)).append("</p>\n");
        }

        section("artifact", "Artifact verification");
        html.append("<p class=\"").append(card.artifact().ok() ? "ok" : "bad").append("\">").append(esc(ModelCardText.artifactSummary(card.artifact())))
                .append("</p>\n");

        section("scorecards", ModelCardText.comparisonHeading(card));
        scorecards(card);

        section("approvals", "Transition requests and approvals");
        if (card.evidence().requests().isEmpty()) {
            html.append("<p class=\"muted\">No transition request was ever made for this version.</p>\n");
        }
        for (RequestEvidence r : card.evidence().requests()) {
            html.append("<p><b>").append(esc(r.requestId())).append("</b> ").append(esc(r.fromState())).append(" → ").append(esc(r.toState()))
                    .append(", requested ").append(esc(r.requestedAt())).append(" by ").append(esc(r.requestedBy())).append(" — status <b>")
                    .append(esc(r.status())).append("</b>").append(r.executedAt() == null ? "" : ", executed " + esc(r.executedAt()))
                    .append(r.gatePassed() == null ? "" : r.gatePassed() ? ", gates passed" : ", gates FAILED").append("<br/>Justification: ")
                    .append(esc(r.justification())).append("</p>\n");
            if (r.gateReportJson() != null && !r.gateReportJson().isBlank()) {
                html.append("<p>Gate report of the governance engine:</p>\n<pre>").append(esc(prettyConfig(r.gateReportJson()))).append("</pre>\n");
            }
            table(List.of("Approver", "Decision", "Decided", "Comment"), r.approvals().stream()
                    .map(a -> List.of(a.approver(), a.decision(), a.decidedAt(), a.comment())).toList());
        }

        section("history", "State history");
        table(List.of("When", "Who", "What"), card.evidence().history().stream().map(e -> List.of(or(e.at()), or(e.actor()), e.what())).toList());

        section("drift", "Current drift status");
        html.append("<p>").append(esc(ModelCardText.driftSummary(card.drift()))).append("</p>\n");
        if (!card.drift().isEmpty()) {
            html.append("<table><tr><th>Feature</th><th>Kind</th><th>PSI</th><th>KS</th><th>Severity</th><th>Computed</th></tr>\n");
            for (DriftResultRow d : card.drift()) {
                html.append("<tr><td>").append(esc(d.feature())).append("</td><td>").append(esc(d.driftKind())).append("</td><td class=\"num\">")
                        .append(number(d.psi())).append("</td><td class=\"num\">").append(number(d.ksStatistic())).append("</td><td class=\"")
                        .append("SEVERE".equals(d.severity()) ? "bad" : "MODERATE".equals(d.severity()) ? "warn" : "ok").append("\">")
                        .append(esc(d.severity())).append("</td><td>").append(esc(d.computedAt())).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }

        section("audit", "Audit trail");
        html.append("<p class=\"").append(card.auditChain().ok() ? "ok" : "bad").append("\">").append(esc(ModelCardText.auditSummary(card))).append("</p>\n");
        table(List.of("Seq", "Time", "Actor", "Action", "Hash"), card.evidence().auditEntries().stream()
                .map((AuditEntry e) -> List.of(Long.toString(e.seq()), e.ts(), e.actor(), e.action(), e.hash())).toList());

        section("config", "Training config");
        html.append("<pre>").append(esc(prettyConfig(v.trainingConfigJson()))).append("</pre>\n");
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private void scorecards(ModelCard card) {
        ScorecardComparison comparison = card.comparison();
        int candidate = comparison.versions().size() - 1;
        boolean hasBaseline = comparison.baselineIndex() >= 0;
        html.append("<table><tr><th>Pack</th><th>Metric</th><th>Direction</th>").append(hasBaseline ? "<th>Baseline</th>" : "")
                .append("<th>This version</th>").append(hasBaseline ? "<th>Δ</th>" : "").append("<th>Threshold</th><th>Gate</th></tr>\n");
        for (ScorecardComparison.Row row : comparison.rows()) {
            ScorecardComparison.Cell cell = row.cells().get(candidate);
            MetricRules.Outcome outcome = cell.verdict().outcome();
            html.append("<tr><td>").append(esc(row.packId())).append("</td><td>").append(esc(row.metric())).append("</td><td>")
                    .append(esc(row.direction().arrow() + " " + row.direction().words())).append("</td>");
            if (hasBaseline) {
                html.append("<td class=\"num\">").append(number(row.cells().get(comparison.baselineIndex()).value())).append("</td>");
            }
            html.append("<td class=\"num\">").append(number(cell.value())).append("</td>");
            if (hasBaseline) {
                html.append("<td class=\"num\">").append(delta(cell.delta())).append("</td>");
            }
            html.append("<td>").append(esc(row.threshold())).append("</td><td class=\"")
                    .append(outcome == MetricRules.Outcome.PASS ? "ok" : outcome == MetricRules.Outcome.FAIL ? "bad" : "muted").append("\">")
                    .append(esc(outcome.label())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** The JSON pretty-printed with sorted keys; text that is not JSON is returned as it is. */
    public static String prettyConfig(String json) {
        if (json == null || json.isBlank()) {
            return "(no training config stored)";
        }
        try {
            return CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(CanonicalJson.mapper().readTree(CanonicalJson.canonicalize(json)));
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException invalid) {
            return json;
        }
    }

    private void summary(boolean ok, String text) {
        html.append("<div class=\"").append(ok ? "ok" : "bad").append("\">").append(esc(text)).append("</div>");
    }

    private void section(String id, String title) {
        html.append("<h2 id=\"").append(id).append("\">").append(esc(title)).append("</h2>\n");
    }

    private void table(List<String> header, List<List<String>> rows) {
        if (rows.isEmpty()) {
            html.append("<p class=\"muted\">None.</p>\n");
            return;
        }
        html.append("<table><tr>");
        header.forEach(h -> html.append("<th>").append(esc(h)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (String cell : row) {
                html.append("<td>").append(esc(or(cell))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** Escapes text for XHTML; control characters other than tab/newline are dropped, since XML cannot hold them. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
