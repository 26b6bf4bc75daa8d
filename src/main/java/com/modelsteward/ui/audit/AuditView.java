package com.modelsteward.ui.audit;

import com.modelsteward.registry.AuditEntry;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.Columns;
import com.modelsteward.ui.common.TablePage;
import java.util.List;

/** The audit trail, newest first. */
public final class AuditView extends TablePage<AuditEntry> {

    public AuditView(AppContext context) {
        super(context, "audit", "Audit", "The audit trail is empty.", () -> context.catalog().auditEntries(10_000), List.of(
                Columns.value("Seq", AuditEntry::seq, 70),
                Columns.text("Time", AuditEntry::ts, 190),
                Columns.text("Actor", AuditEntry::actor, 130),
                Columns.text("Action", AuditEntry::action, 160),
                Columns.text("Entity", AuditEntry::entity, 220),
                Columns.text("Payload", AuditEntry::payloadJson, 480)));
    }
}
