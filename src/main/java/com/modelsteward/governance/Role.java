package com.modelsteward.governance;

/** The roles of {@code principals.roles}: who may look, request, decide and administer. */
public enum Role {
    /** Registers versions, imports scorecards, requests transitions. */
    ANALYST,
    /** Approves or rejects requests, rolls back. */
    RISK_OFFICER,
    /** Manages principals and the policy. */
    ADMIN
}
