package com.modelsteward.modelcard;

import com.modelsteward.json.CanonicalJson;
import com.modelsteward.lineage.ArtifactVerifier;
import com.modelsteward.lineage.LineageCheck;
import com.modelsteward.lineage.LineageEvidence;
import com.modelsteward.lineage.LineageService;
import com.modelsteward.lineage.LineageLine;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.DriftResultRow;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Timestamps;
import com.modelsteward.scorecards.MetricRules;
import com.modelsteward.scorecards.ScorecardComparison;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit dossier of one version, gathered once and rendered as HTML ({@link ModelCardHtml}) or PDF
 * ({@link ModelCardPdf}): identity and state history, the lineage chain with its hashes re-verified, scorecards against
 * the baseline with gate results, approvals, current drift, and the audit-chain verification, stamped with when it was made.
 */
public record ModelCard(
        String producedAt,
        String producedBy,
        String registryFile,
        LineageEvidence evidence,
        List<ChainLink> chain,
        LineageCheck check,
        ArtifactVerifier.Result artifact,
        Optional<String> baselineId,
        ScorecardComparison comparison,
        List<DriftResultRow> drift,
        AuditTrail.Verification auditChain,
        List<String> lineageProblems) {

    /** One version of the chain from the version back to its root, with whether its config hash re-verifies. */
    public record ChainLink(ModelVersion version, boolean configHashVerified, String configHashNote) {
    }

    public ModelVersion version() {
        return evidence.version();
    }

    /**
     * Gathers the card. The baseline is the current ACTIVE version of the name; for the ACTIVE version itself it is the
     * version it was retrained from, the closest stand-in for the ACTIVE version it replaced.
     */
    public static ModelCard gather(LineageService service, String modelId, MetricRules rules, Clock clock, String user,
                                   ArtifactVerifier.Progress progress, java.util.function.BooleanSupplier cancelled) {
        return gather(service, modelId, rules, clock, user, ArtifactVerifier.ArtifactRoot.configured(service.registry().location()),
                progress, cancelled);
    }

    /** As above, reading the artifact only within {@code root} (see {@link ArtifactVerifier}). */
    public static ModelCard gather(LineageService service, String modelId, MetricRules rules, Clock clock, String user,
                                   ArtifactVerifier.ArtifactRoot root, ArtifactVerifier.Progress progress,
                                   java.util.function.BooleanSupplier cancelled) {
        LineageEvidence evidence = service.evidence(modelId);
        ModelVersion version = evidence.version();
        LineageLine line = service.line(modelId);
        List<ChainLink> chain = new ArrayList<>();
        for (ModelVersion link : line.chain()) {
            chain.add(verifyConfig(link));
        }
        AuditTrail.Verification auditChain = service.chainAround(evidence);
        LineageCheck check = LineageCheck.run(evidence, service.requiredPacksFor(version.modelType()), auditChain);
        ArtifactVerifier.Result artifact = ArtifactVerifier.verify(version.pathRef(), service.registry().location(), root,
                ArtifactVerifier.superuser(), progress, cancelled);
        String live = service.policy().liveState();
        Optional<String> baselineId = service.catalog().liveVersionOf(version.modelName(), live).map(ModelSummary::modelId)
                .filter(id -> !id.equals(modelId));
        if (baselineId.isEmpty() && live.equals(version.state())) {
            baselineId = Optional.ofNullable(version.parentId()).filter(parent -> service.catalog().version(parent).isPresent());
        }
        List<ScorecardComparison.Version> compared = new ArrayList<>();
        if (baselineId.isPresent()) {
            ModelVersion baseline = service.version(baselineId.get());
            compared.add(new ScorecardComparison.Version(baseline.modelId(), baseline.version() + " (baseline)", baseline.modelType(),
                    service.catalog().scorecards(baseline.modelId())));
        }
        compared.add(new ScorecardComparison.Version(version.modelId(), version.version(), version.modelType(), evidence.scorecards()));
        ScorecardComparison comparison = ScorecardComparison.compare(compared, baselineId.isPresent() ? 0 : -1, rules);
        // This version's latest results only: the latest of every version was read and filtered (14 % of a card at 100k).
        List<DriftResultRow> drift = service.registry().read(store -> store.drift().latestResults(modelId));
        return new ModelCard(Timestamps.now(clock), user, service.registry().location().toString(), evidence, List.copyOf(chain), check,
                artifact, baselineId, comparison, drift, auditChain, line.problems());
    }

    static ChainLink verifyConfig(ModelVersion version) {
        if (version.trainingConfigJson() == null || version.trainingConfigHash() == null) {
            return new ChainLink(version, false, "training config or its hash is missing");
        }
        try {
            String recomputed = CanonicalJson.recomputedHash(version.trainingConfigJson(), version.trainingConfigHash());
            boolean equal = recomputed.equalsIgnoreCase(version.trainingConfigHash().strip());
            return new ChainLink(version, equal, equal ? "config hash re-computed and equal" : "config hash differs: recomputed " + recomputed);
        } catch (IllegalArgumentException invalid) {
            return new ChainLink(version, false, "training config is " + invalid.getMessage());
        }
    }

    /** The card's file name stem for a version: "momentum_xgb-3.1.0-model-card". */
    public static String suggestedFileName(String modelId, String extension) {
        return modelId.replaceAll("[^A-Za-z0-9._-]", "_") + "-model-card." + extension;
    }
}
