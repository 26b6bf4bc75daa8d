package com.modelsteward.registry;

/**
 * The registry's aggregates, bound to one transaction ({@link Registry#write}) or one read snapshot ({@link Registry#read}):
 * everything a caller reads or writes through one {@code Store} commits together or not at all. Callers above the store
 * layer see only these interfaces; the statements behind them live with their engine ({@code registry.sqlite}).
 */
public interface Store {

    ModelVersionStore versions();

    ScorecardStore scorecards();

    RequestStore requests();

    ApprovalStore approvals();

    AuditStore audit();

    EventStore events();

    PrincipalStore principals();

    RuleStore rules();

    DriftStore drift();

    MetaStore meta();

    /** The read side behind {@link ModelCatalog}: lists and counts for the console and the command line. */
    CatalogStore catalog();

    /** Every table row by row, for copying a whole registry ({@code migrate}). */
    CopyStore copy();
}
