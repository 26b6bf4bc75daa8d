package com.modelsteward.lineage;

import java.util.List;

/** A transition request of a version with its approvals and, where the governance engine wrote one, its gate report. */
public record RequestEvidence(
        String requestId,
        String fromState,
        String toState,
        String requestedBy,
        String requestedAt,
        String justification,
        String status,
        Boolean gatePassed,
        String gateReportJson,
        String decidedAt,
        String executedAt,
        int requiredApprovals,
        List<ApprovalEvidence> approvals) {

    /** Executed, and approved by enough approvers with no rejection. */
    public boolean executedAndApproved() {
        boolean executed = executedAt != null || "EXECUTED".equals(status);
        long approvals = this.approvals.stream().filter(a -> "APPROVE".equals(a.decision())).count();
        boolean rejected = this.approvals.stream().anyMatch(a -> "REJECT".equals(a.decision()));
        return executed && !rejected && approvals >= Math.max(1, requiredApprovals);
    }
}
