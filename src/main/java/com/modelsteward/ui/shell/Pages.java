package com.modelsteward.ui.shell;

import com.modelsteward.ui.approvals.ApprovalsView;
import com.modelsteward.ui.audit.AuditView;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.Page;
import com.modelsteward.ui.drift.DriftView;
import com.modelsteward.ui.lineage.LineageView;
import com.modelsteward.ui.models.ModelsView;
import com.modelsteward.ui.overview.OverviewView;
import com.modelsteward.ui.scorecards.ScorecardsView;
import java.util.List;
import java.util.function.Function;

/** The navigation, in order. Adding a view is one class and one line here (AtlantaFX's MainModel). */
public final class Pages {

    /** One entry of the navigation: a stable id (used for screenshots and links), its label, and how to build it. */
    public record Spec(String id, String title, Function<AppContext, Page> factory) {
    }

    public static final List<Spec> ALL = List.of(
            new Spec("overview", "Overview", OverviewView::new),
            new Spec("models", "Models", ModelsView::new),
            new Spec("lineage", "Lineage", LineageView::new),
            new Spec("scorecards", "Scorecards", ScorecardsView::new),
            new Spec("drift", "Drift", DriftView::new),
            new Spec("approvals", "Approvals", ApprovalsView::new),
            new Spec("audit", "Audit", AuditView::new));

    private Pages() {
    }
}
