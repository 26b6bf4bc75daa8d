package com.modelsteward.lineage;

import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Scorecard;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything the registry holds about where one version came from and how it got to its state. */
public record LineageEvidence(
        ModelVersion version,
        List<Scorecard> scorecards,
        List<RequestEvidence> requests,
        List<AuditEntry> auditEntries,
        List<HistoryEvent> history) {

    /** Latest scorecards by pack, packs in name order. */
    public Map<String, List<Scorecard>> scorecardsByPack() {
        Map<String, List<Scorecard>> byPack = new TreeMap<>();
        for (Scorecard scorecard : scorecards) {
            byPack.computeIfAbsent(scorecard.packId(), pack -> new java.util.ArrayList<>()).add(scorecard);
        }
        return byPack;
    }
}
