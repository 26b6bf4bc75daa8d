package com.modelsteward.registry;

import java.util.Collection;
import java.util.List;

/** The store's maker-checker decisions: {@code approvals}. Bound to one transaction or snapshot by {@link Store}. */
public interface ApprovalStore {

    // lineage, scorecards and drift

    /** The decisions on the transition requests of {@code modelIds}, in the order they were made. */
    List<RequestApprovalRow> ofVersions(Collection<String> modelIds);
}
