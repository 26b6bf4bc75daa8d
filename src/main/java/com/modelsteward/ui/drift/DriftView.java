package com.modelsteward.ui.drift;

import com.modelsteward.registry.DriftResultRow;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.Columns;
import com.modelsteward.ui.common.TablePage;
import java.util.List;

/** The latest stored drift result per model and feature. */
public final class DriftView extends TablePage<DriftResultRow> {

    public DriftView(AppContext context) {
        super(context, "drift", "Drift", "No drift results computed yet.", () -> context.catalog().latestDrift(), List.of(
                Columns.text("Model", DriftResultRow::modelId, 220),
                Columns.text("Feature", DriftResultRow::feature, 160),
                Columns.number("PSI", DriftResultRow::psi, 4, 90),
                Columns.number("KS D", DriftResultRow::ksStatistic, 4, 90),
                Columns.number("p-value", DriftResultRow::ksPvalue, 6, 110),
                Columns.badge("Severity", DriftResultRow::severity, 130),
                Columns.text("Computed", DriftResultRow::computedAt, 190)));
    }
}
