package com.modelsteward.registry;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The store's transition requests and incidents: {@code transition_requests}, {@code incidents}. Bound to one transaction or snapshot by {@link Store}. */
public interface RequestStore {

    // lineage, scorecards and drift

    /** The OPEN incident of a version for one feature and kind of drift, if there is one. */
    Optional<Long> openDriftIncident(String modelId, String feature, String driftKind);

    /** Opens an incident; returns its {@code incident_id}. */
    long openDriftIncident(NewDriftIncident incident);

    /** A version's OPEN incidents, newest first. */
    List<DriftIncidentRow> openIncidents(String modelId);

    /** The transition requests of {@code modelIds}, by version and time of request. */
    List<VersionRequestRow> ofVersions(Collection<String> modelIds);
}
