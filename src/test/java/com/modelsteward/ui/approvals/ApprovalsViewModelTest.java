package com.modelsteward.ui.approvals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelsteward.governance.ReviewDesk;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalsViewModelTest {

    private static ReviewDesk.QueueRow row(String id, String requester, int failures) {
        return new ReviewDesk.QueueRow(id, "PROMOTION", "momentum_xgb-3.2.0", "momentum_xgb", "3.2.0", "SHADOW", "ACTIVE", requester,
                "2026-11-01T10:00:00.000Z", "why", "PENDING", failures, List.of(), 0, 1, null, null, null);
    }

    @Test
    void filtersByTextAndGateResult() {
        var passing = row("REQ-000001", "bob.keller", 0);
        var failing = row("REQ-000002", "alice.nguyen", 2);
        var rollback = row("REQ-000003", "rachel.okafor", -1);
        assertTrue(ApprovalsViewModel.predicate("", ApprovalsViewModel.ALL).test(rollback));
        assertTrue(ApprovalsViewModel.predicate("BOB", ApprovalsViewModel.ALL).test(passing));
        assertFalse(ApprovalsViewModel.predicate("bob", ApprovalsViewModel.ALL).test(failing));
        assertTrue(ApprovalsViewModel.predicate("", ApprovalsViewModel.GATES_FAIL).test(failing));
        assertFalse(ApprovalsViewModel.predicate("", ApprovalsViewModel.GATES_FAIL).test(passing));
        assertFalse(ApprovalsViewModel.predicate("", ApprovalsViewModel.GATES_PASS).test(rollback), "no report is not a pass");
        assertTrue(ApprovalsViewModel.predicate("req-000001", ApprovalsViewModel.GATES_PASS).test(passing));
    }

    @Test
    void gateSummariesUseASymbolAndWords() {
        assertEquals("✔ all pass", ApprovalsViewModel.gateSummary(row("R", "x", 0)));
        assertEquals("✖ 2 failed", ApprovalsViewModel.gateSummary(row("R", "x", 2)));
        assertEquals("— no gate report", ApprovalsViewModel.gateSummary(row("R", "x", -1)));
    }

    @Test
    void agesAndNumbersReadNaturally() {
        assertEquals("3 d 4 h", Format.duration(java.time.Duration.ofHours(76)));
        assertEquals("5 h 12 min", Format.duration(java.time.Duration.ofMinutes(312)));
        assertEquals("—", Format.number(null));
        assertEquals("−0.0095", Format.signed(-0.0095));
        assertEquals("delta <= 0.0", GateTable.threshold("delta <= -0.0"));
        assertEquals("delta <= -0.02", GateTable.threshold("delta <= -0.02"));
    }
}
