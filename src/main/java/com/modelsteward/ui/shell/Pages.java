package com.modelsteward.ui.shell;

import com.modelsteward.ui.approvals.ApprovalsView;
import com.modelsteward.ui.approvals.GovernanceActions;
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

    /**
     * One entry of the navigation: a stable id (used for screenshots and links), its label, how to build it, and
     * optionally a badge text for its button (computed off the FX thread; null or empty shows no badge).
     */
    public record Spec(String id, String title, Function<AppContext, Page> factory, Function<AppContext, String> badge) {

        public Spec(String id, String title, Function<AppContext, Page> factory) {
            this(id, title, factory, null);
        }
    }

    public static final List<Spec> ALL = List.of(
            new Spec("overview", "Overview", OverviewView::new),
            new Spec(ModelsView.PAGE_ID, "Models", ModelsView::new),
            new Spec(LineageView.PAGE_ID, "Lineage", LineageView::new),
            new Spec(ScorecardsView.PAGE_ID, "Scorecards", ScorecardsView::new),
            new Spec("drift", "Drift", context -> new DriftView(context, (name, id, reason) -> GovernanceActions.rollBack(context, name))),
            new Spec("approvals", "Approvals", ApprovalsView::new, ApprovalsView::badge),
            new Spec("audit", "Audit", AuditView::new));

    private Pages() {
    }
}
