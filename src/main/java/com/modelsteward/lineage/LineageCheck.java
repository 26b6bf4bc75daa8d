package com.modelsteward.lineage;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Scorecard;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The auditable-lineage check of L3-12 ("any ACTIVE model has an auditable lineage to training data and eval results"):
 * training data reference and hash, training config hash matching the stored config, scorecards for every required
 * pack, an executed and approved request, and audit entries for the version in a chain that verifies.
 */
public record LineageCheck(String modelId, String state, List<Item> items) {

    /** One requirement and whether it holds; {@code detail} says what was found or what is missing. */
    public record Item(String requirement, boolean ok, String detail) {
    }

    public boolean complete() {
        return items.stream().allMatch(Item::ok);
    }

    public List<Item> missing() {
        return items.stream().filter(item -> !item.ok()).toList();
    }

    public static LineageCheck run(LineageEvidence evidence, List<String> requiredPacks, AuditTrail.Verification chain) {
        ModelVersion version = evidence.version();
        List<Item> items = new ArrayList<>();
        items.add(trainingData(version));
        items.add(trainingConfig(version));
        items.add(scorecards(evidence.scorecards(), requiredPacks));
        items.add(approval(evidence.requests()));
        items.add(audit(evidence, chain));
        return new LineageCheck(version.modelId(), version.state(), List.copyOf(items));
    }

    private static Item trainingData(ModelVersion version) {
        String requirement = "Training data reference and hash";
        boolean hasRef = present(version.dataSnapshotRef());
        boolean hasHash = present(version.dataSnapshotHash());
        if (hasRef && hasHash) {
            return new Item(requirement, true, version.dataSnapshotRef() + " (" + version.dataSnapshotHash() + ")");
        }
        String missing = !hasRef && !hasHash ? "data_snapshot_ref and data_snapshot_hash are empty"
                : !hasRef ? "data_snapshot_ref is empty" : "data_snapshot_hash is empty";
        return new Item(requirement, false, missing);
    }

    private static Item trainingConfig(ModelVersion version) {
        String requirement = "Training config hash matches the stored config";
        if (!present(version.trainingConfigJson())) {
            return new Item(requirement, false, "training_config_json is empty");
        }
        if (!present(version.trainingConfigHash())) {
            return new Item(requirement, false, "training_config_hash is empty");
        }
        String recomputed;
        try {
            recomputed = CanonicalJson.recomputedHash(version.trainingConfigJson(), version.trainingConfigHash());
        } catch (IllegalArgumentException invalid) {
            return new Item(requirement, false, "training_config_json is " + invalid.getMessage());
        }
        if (!recomputed.equalsIgnoreCase(version.trainingConfigHash().strip())) {
            return new Item(requirement, false, "stored training_config_hash " + version.trainingConfigHash()
                    + " differs from the SHA-256 of the stored config's canonical JSON, " + recomputed);
        }
        return new Item(requirement, true, recomputed + " (recomputed and equal)");
    }

    private static Item scorecards(List<Scorecard> scorecards, List<String> requiredPacks) {
        String requirement = "Scorecards for every required pack (" + String.join(", ", requiredPacks) + ")";
        Set<String> withValues = scorecards.stream().filter(s -> s.value() != null).map(Scorecard::packId).collect(Collectors.toSet());
        List<String> missing = requiredPacks.stream().filter(pack -> !withValues.contains(pack)).toList();
        if (missing.isEmpty()) {
            return new Item(requirement, true, requiredPacks.size() + " of " + requiredPacks.size() + " required packs scored");
        }
        return new Item(requirement, false, "no scorecard for " + String.join(", ", missing));
    }

    private static Item approval(List<RequestEvidence> requests) {
        String requirement = "An executed, approved transition request";
        return requests.stream().filter(RequestEvidence::executedAndApproved).reduce((first, later) -> later)
                .map(r -> new Item(requirement, true, r.requestId() + " " + r.fromState() + " → " + r.toState() + " approved by "
                        + r.approvals().stream().filter(a -> "APPROVE".equals(a.decision())).map(ApprovalEvidence::approver)
                        .collect(Collectors.joining(", "))))
                .orElseGet(() -> new Item(requirement, false, requests.isEmpty() ? "no transition request for this version"
                        : requests.size() + " request(s), none executed with the required approvals"));
    }

    private static Item audit(LineageEvidence evidence, AuditTrail.Verification chain) {
        String requirement = "Audit entries present and the audit chain verifies";
        if (evidence.auditEntries().isEmpty()) {
            return new Item(requirement, false, "no audit entry names this version"
                    + (chain.ok() ? "" : "; and the audit chain does not verify: " + chain.problem()));
        }
        if (!chain.ok()) {
            return new Item(requirement, false, "the audit chain does not verify: " + chain.problem());
        }
        return new Item(requirement, true, evidence.auditEntries().size() + " entries for this version; " + (chain.whole()
                ? "chain of " + chain.checked() + " entries verifies"
                : "the chain verifies between the signed heads around them and since the last signed head (" + chain.checked()
                        + " entries checked)"));
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
