package com.modelsteward.registry;

import java.util.List;
import java.util.Optional;

/**
 * The read side the console and the command line share (behind {@link ModelCatalog}): lists and counts over versions,
 * requests, the audit trail, events and drift, each query checked against its plan ({@code CatalogQueryPlanTest}).
 */
public interface CatalogStore {

    /** All versions, newest first. */
    List<ModelSummary> versions();

    /** The newest {@code limit} versions, in the order of {@link #versions()}. */
    List<ModelSummary> newestVersions(int limit);

    long versionCount();

    List<ModelSummary> versionsOf(String modelName);

    Optional<ModelVersion> version(String modelId);

    /** The versions in one state, newest first: the live versions without reading every version. */
    List<ModelSummary> versionsInState(String state);

    /**
     * A version and its ancestors of the same name, each once, in no particular order: the rows its lineage line is made
     * of ({@code lineage.LineageService#line}), read without the rest of the registry. Empty when no version has the id.
     */
    List<ModelVersion> lineRows(String modelId);

    /** The version of a name in the given live state, if any. */
    Optional<ModelSummary> liveVersionOf(String modelName, String liveState);

    List<StateCount> countsByState();

    List<String> modelTypes();

    /** Every model name, sorted. */
    List<String> modelNames();

    List<RegistryEvent> recentEvents(int limit);

    List<TransitionRequestRow> requests(Optional<String> status);

    long pendingRequestCount();

    List<AuditEntry> auditEntries(int limit);

    /** The newest {@code limit} entries that pass {@code filter} (a negative limit: all of them). */
    List<AuditEntry> searchAudit(ModelCatalog.AuditFilter filter, int limit);

    Optional<AuditEntry> auditEntry(long seq);

    long auditCount();

    List<String> auditActors();

    List<String> auditActions();

    /** The most recent stored result per (model, feature, kind). */
    List<DriftResultRow> latestDrift();

    /** Versions in the live state whose latest drift result for some feature is SEVERE. */
    long driftAlertCount(String liveState);

    /** The latest SEVERE results of versions in the live state, grouped by version (worst PSI first within one). */
    List<DriftResultRow> severeLiveDrift(String liveState);

    /** Every version in {@code state} with all its columns, by name. */
    List<ModelVersion> versionRowsInState(String state);

    /** The stored roles text of an active principal ("ANALYST,RISK_OFFICER"), empty when there is none. */
    String rolesOf(String user);
}
