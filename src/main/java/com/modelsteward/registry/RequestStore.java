package com.modelsteward.registry;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The store's transition requests and incidents: {@code transition_requests}, {@code incidents}. Bound to one transaction or snapshot by {@link Store}. */
public interface RequestStore {

    // governance engine

    Optional<RequestRecord> find(String requestId);

    /** The PENDING request of a version, if any (there is at most one). */
    Optional<String> pendingFor(String modelId);

    /** The number of the next request (REQ-000001, REQ-000002, …). */
    long nextNumber();

    /** A PENDING promotion request with its frozen gate report and what it was judged on. */
    void insertPromotion(String requestId, String modelId, String fromState, String toState, String requestedBy, String requestedAt,
                         String justification, String gateReportJson, boolean gatePassed, long modelRowVersion, String scorecardDigest,
                         int requiredApprovals, String requiredRole, String policyName);

    /** A PENDING rollback request: no approvals, decided by the RISK_OFFICER who asks for it. */
    void insertRollback(String requestId, String modelId, String fromState, String toState, String requestedBy, String requestedAt,
                        String justification, long modelRowVersion, String policyName);

    void markExecuting(String requestId, String at);

    void markRejected(String requestId, String at);

    /** Marks a PENDING request STALE; false when it was no longer PENDING. */
    boolean markStale(String requestId, String at);

    /** Every request, newest first, for the approvals queue. */
    List<RequestQueueRow> queue();

    // lineage, scorecards and drift

    /** The OPEN incident of a version for one feature and kind of drift, if there is one. */
    Optional<Long> openDriftIncident(String modelId, String feature, String driftKind);

    /** Opens an incident; returns its {@code incident_id}. */
    long openDriftIncident(NewDriftIncident incident);

    /** A version's OPEN incidents, newest first. */
    List<DriftIncidentRow> openIncidents(String modelId);

    /** The transition requests of {@code modelIds}, by version and time of request. */
    List<VersionRequestRow> ofVersions(Collection<String> modelIds);

    // signing and trust

    /** The ids of every request about one of {@code modelIds} (not empty). */
    List<String> idsForModels(List<String> modelIds);

    /**
     * The requests as stored, keyed by column (untyped: a replay of the signed history compares what is there); all when
     * {@code requestIds} is null, otherwise those of {@code requestIds} and those about {@code modelIds} (if not null).
     */
    List<Map<String, Object>> rowsAsStored(Set<String> requestIds, Set<String> modelIds);
}
