package com.modelsteward.ui.scorecards;

import com.modelsteward.registry.Scorecard;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.Columns;
import com.modelsteward.ui.common.TablePage;
import java.util.List;

/** The latest scorecards of the selected version. */
public final class ScorecardsView extends TablePage<Scorecard> {

    public ScorecardsView(AppContext context) {
        super(context, "scorecards", "Scorecards", "Select a version in Models to see its scorecards.", () -> {
            String selected = context.selectedModelIdProperty().get();
            return selected == null ? List.of() : context.catalog().scorecards(selected);
        }, List.of(
                Columns.text("Model", Scorecard::modelId, 240),
                Columns.text("Pack", Scorecard::packId, 150),
                Columns.text("Metric", Scorecard::metric, 160),
                Columns.number("Value", Scorecard::value, 4, 110),
                Columns.text("Generated", Scorecard::generatedAt, 190)));
    }
}
