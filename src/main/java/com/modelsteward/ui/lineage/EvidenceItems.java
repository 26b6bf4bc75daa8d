package com.modelsteward.ui.lineage;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.lineage.ApprovalEvidence;
import com.modelsteward.lineage.HistoryEvent;
import com.modelsteward.lineage.LineageEvidence;
import com.modelsteward.lineage.RequestEvidence;
import com.modelsteward.modelcard.ModelCardHtml;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Scorecard;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TreeItem;

/** Turns a version's evidence into the child nodes of its "Evidence" node. */
final class EvidenceItems {

    private EvidenceItems() {
    }

    static List<TreeItem<LineageItem>> of(LineageEvidence evidence) {
        ModelVersion v = evidence.version();
        String id = v.modelId();
        String configMark;
        String configNote;
        if (v.trainingConfigJson() == null || v.trainingConfigHash() == null) {
            configMark = "✗";
            configNote = "training config or its hash is missing";
        } else {
            String recomputed;
            try {
                recomputed = CanonicalJson.recomputedHash(v.trainingConfigJson(), v.trainingConfigHash());
            } catch (IllegalArgumentException invalid) {
                recomputed = null;
            }
            boolean equal = recomputed != null && recomputed.equalsIgnoreCase(v.trainingConfigHash().strip());
            configMark = equal ? "✓" : "✗";
            configNote = recomputed == null ? "the stored config is not valid JSON"
                    : equal ? "hash re-computed from the canonical JSON: equal" : "re-computed hash differs: " + recomputed;
        }
        TreeItem<LineageItem> config = leaf("Training config", shortHash(v.trainingConfigHash()), "Training config of " + id,
                "training_config_hash  " + or(v.trainingConfigHash()) + "\n" + configMark + " " + configNote + "\n\n"
                        + ModelCardHtml.prettyConfig(v.trainingConfigJson()), configMark);
        TreeItem<LineageItem> data = leaf("Data snapshot", or(v.dataSnapshotRef()), "Data snapshot of " + id,
                "data_snapshot_ref   " + or(v.dataSnapshotRef()) + "\ndata_snapshot_hash  " + or(v.dataSnapshotHash()),
                v.dataSnapshotRef() != null && v.dataSnapshotHash() != null ? "✓" : "✗");
        TreeItem<LineageItem> commit = leaf("Code commit", shortHash(v.codeCommit()), "Code commit of " + id, "code_commit  " + or(v.codeCommit()),
                v.codeCommit() != null ? "✓" : "✗");
        TreeItem<LineageItem> graph = leaf("Feature graph", shortHash(v.featureGraphHash()), "Feature graph of " + id,
                "feature_graph_hash  " + or(v.featureGraphHash()), v.featureGraphHash() != null ? "✓" : "✗");
        TreeItem<LineageItem> artifact = leaf("Artifact", or(v.pathRef()), "Artifact of " + id,
                "path_ref  " + or(v.pathRef()) + "\n\nUse \"Verify artifact\" to re-hash the file and compare it with the stored hash.", "");

        Map<String, List<Scorecard>> byPack = evidence.scorecardsByPack();
        TreeItem<LineageItem> scorecards = leaf("Scorecards", byPack.size() + " pack(s)", "Scorecards of " + id, scorecardText(byPack),
                byPack.isEmpty() ? "✗" : "");
        byPack.forEach((pack, cards) -> {
            TreeItem<LineageItem> packItem = leaf(pack, cards.size() + " metric(s)", pack + " scorecards of " + id,
                    scorecardText(Map.of(pack, cards)), "");
            for (Scorecard card : cards) {
                packItem.getChildren().add(leaf(card.metric(), card.value() == null ? "missing" : format(card.value()),
                        pack + " · " + card.metric(), card.metric() + " = " + (card.value() == null ? "missing" : card.value())
                                + "\ngenerated " + card.generatedAt(), ""));
            }
            scorecards.getChildren().add(packItem);
        });

        TreeItem<LineageItem> requests = leaf("Requests & approvals", evidence.requests().size() + " request(s)",
                "Requests and approvals of " + id, requestsText(evidence.requests()), "");
        for (RequestEvidence r : evidence.requests()) {
            TreeItem<LineageItem> request = leaf(r.requestId(), r.fromState() + " → " + r.toState() + " · " + r.status(),
                    "Request " + r.requestId(), requestsText(List.of(r)), r.executedAndApproved() ? "✓" : "");
            for (ApprovalEvidence a : r.approvals()) {
                request.getChildren().add(leaf(a.approver(), a.decision() + " · " + a.decidedAt(), "Decision of " + a.approver(),
                        a.decision() + " by " + a.approver() + " at " + a.decidedAt() + "\n\n" + a.comment(), "APPROVE".equals(a.decision()) ? "✓" : "✗"));
            }
            requests.getChildren().add(request);
        }

        StringBuilder historyText = new StringBuilder();
        for (HistoryEvent event : evidence.history()) {
            historyText.append(or(event.at())).append("  ").append(String.format("%-16s", or(event.actor()))).append(event.what()).append('\n');
        }
        TreeItem<LineageItem> history = leaf("State history", evidence.history().size() + " event(s)", "State history of " + id,
                historyText.toString(), "");
        for (HistoryEvent event : evidence.history()) {
            history.getChildren().add(leaf(or(event.at()).replace('T', ' ').replace("Z", ""), event.what() + " · " + or(event.actor()),
                    "State history of " + id, historyText.toString(), ""));
        }
        return List.of(config, data, commit, graph, artifact, scorecards, requests, history);
    }

    private static String scorecardText(Map<String, List<Scorecard>> byPack) {
        if (byPack.isEmpty()) {
            return "No scorecards are stored for this version.";
        }
        StringBuilder text = new StringBuilder();
        byPack.forEach((pack, cards) -> {
            text.append(pack).append('\n');
            for (Scorecard card : cards) {
                text.append(String.format("  %-22s %12s   generated %s%n", card.metric(), card.value() == null ? "missing" : format(card.value()),
                        card.generatedAt()));
            }
        });
        return text.toString();
    }

    private static String requestsText(List<RequestEvidence> requests) {
        if (requests.isEmpty()) {
            return "No transition request was ever made for this version.";
        }
        StringBuilder text = new StringBuilder();
        for (RequestEvidence r : requests) {
            text.append(r.requestId()).append("  ").append(r.fromState()).append(" → ").append(r.toState()).append("  ").append(r.status())
                    .append("\n  requested ").append(r.requestedAt()).append(" by ").append(r.requestedBy())
                    .append("\n  justification: ").append(r.justification());
            if (r.executedAt() != null) {
                text.append("\n  executed ").append(r.executedAt());
            }
            if (r.gatePassed() != null) {
                text.append("\n  gates ").append(r.gatePassed() ? "passed" : "FAILED");
            }
            for (ApprovalEvidence a : r.approvals()) {
                text.append("\n  ").append(a.decision()).append(" by ").append(a.approver()).append(" at ").append(a.decidedAt()).append(": ")
                        .append(a.comment());
            }
            if (r.gateReportJson() != null && !r.gateReportJson().isBlank()) {
                text.append("\n  gate report:\n").append(ModelCardHtml.prettyConfig(r.gateReportJson()).indent(4));
            }
            text.append("\n\n");
        }
        return text.toString();
    }

    private static TreeItem<LineageItem> leaf(String label, String value, String title, String detail, String mark) {
        return new TreeItem<>(new LineageItem.Evidence(label, value, title, detail, mark));
    }

    static String shortHash(String hash) {
        return hash == null ? "missing" : hash.length() > 16 ? hash.substring(0, 16) + "…" : hash;
    }

    private static String or(String text) {
        return text == null || text.isBlank() ? "missing" : text;
    }

    private static String format(double value) {
        return java.math.BigDecimal.valueOf(value).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
