package com.modelsteward.ui.approvals;

import com.modelsteward.registry.TransitionRequestRow;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.Columns;
import com.modelsteward.ui.common.TablePage;
import java.util.List;
import java.util.Optional;

/** Transition requests, newest first. */
public final class ApprovalsView extends TablePage<TransitionRequestRow> {

    public ApprovalsView(AppContext context) {
        super(context, "approvals", "Approvals", "No transition requests.", () -> context.catalog().requests(Optional.empty()), List.of(
                Columns.text("Request", TransitionRequestRow::requestId, 120),
                Columns.text("Model", TransitionRequestRow::modelName, 190),
                Columns.text("Version", TransitionRequestRow::version, 80),
                Columns.text("From → to", r -> r.fromState() + " → " + r.toState(), 170),
                Columns.text("Requested by", TransitionRequestRow::requestedBy, 130),
                Columns.text("Requested", TransitionRequestRow::requestedAt, 190),
                Columns.badge("Status", TransitionRequestRow::status, 120),
                Columns.text("Justification", TransitionRequestRow::justification, 360)));
    }
}
