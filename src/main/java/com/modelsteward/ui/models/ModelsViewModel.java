package com.modelsteward.ui.models;

import com.modelsteward.governance.GovernanceDesk;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Scorecard;
import com.modelsteward.ui.approvals.GovernanceActions;
import com.modelsteward.ui.common.AppContext;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** The Models view's state: every version, the filters, and the selected version's full record and scorecards. */
public final class ModelsViewModel {

    public static final String ALL = "All";

    private final AppContext context;
    private final ObservableList<ModelSummary> versions = FXCollections.observableArrayList();
    private final FilteredList<ModelSummary> visible = new FilteredList<>(versions, any -> true);
    private final ObservableList<String> types = FXCollections.observableArrayList(ALL);
    private final ObservableList<String> states = FXCollections.observableArrayList(ALL);
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty typeFilter = new SimpleStringProperty(ALL);
    private final StringProperty stateFilter = new SimpleStringProperty(ALL);
    private final ObjectProperty<ModelVersion> detail = new SimpleObjectProperty<>();
    private final ObservableList<Scorecard> detailScorecards = FXCollections.observableArrayList();
    private final ObservableList<GovernanceDesk.VersionAction> detailActions = FXCollections.observableArrayList();
    private final GovernanceActions governance;
    private final BooleanProperty loading = new SimpleBooleanProperty(false);

    public ModelsViewModel(AppContext context) {
        this.context = context;
        this.governance = new GovernanceActions(context);
        search.addListener((obs, old, now) -> applyFilter());
        typeFilter.addListener((obs, old, now) -> applyFilter());
        stateFilter.addListener((obs, old, now) -> applyFilter());
        context.selectedModelIdProperty().addListener((obs, old, now) -> loadDetail(now));
    }

    public void refresh() {
        loading.set(true);
        context.tasks().run("Loading model versions", () -> context.catalog().versions(), loaded -> {
            versions.setAll(loaded);
            setChoices(types, loaded.stream().map(ModelSummary::modelType).distinct().sorted().toList());
            setChoices(states, loaded.stream().map(ModelSummary::state).distinct().sorted().toList());
            loading.set(false);
            loadDetail(context.selectedModelIdProperty().get());
        }, failure -> {
            loading.set(false);
            context.showFailure("Cannot load model versions", failure);
        });
    }

    /** Selects a version everywhere in the console. */
    public void select(ModelSummary summary) {
        context.selectedModelIdProperty().set(summary == null ? null : summary.modelId());
    }

    private void loadDetail(String modelId) {
        if (modelId == null) {
            detail.set(null);
            detailScorecards.clear();
            detailActions.clear();
            return;
        }
        record Detail(Optional<ModelVersion> version, List<Scorecard> scorecards, List<GovernanceDesk.VersionAction> actions) {
        }
        context.tasks().run("Loading " + modelId, () -> new Detail(context.catalog().version(modelId), context.catalog().scorecards(modelId),
                        governance.actionsFor(modelId)),
                loaded -> {
                    if (Objects.equals(modelId, context.selectedModelIdProperty().get())) {
                        detail.set(loaded.version().orElse(null));
                        detailScorecards.setAll(loaded.scorecards());
                        detailActions.setAll(loaded.actions());
                    }
                }, failure -> context.showFailure("Cannot load " + modelId, failure));
    }

    private static void setChoices(ObservableList<String> choices, List<String> values) {
        List<String> wanted = new java.util.ArrayList<>();
        wanted.add(ALL);
        wanted.addAll(values);
        if (!choices.equals(wanted)) {
            choices.setAll(wanted);
        }
    }

    private void applyFilter() {
        visible.setPredicate(predicate(typeFilter.get(), stateFilter.get(), search.get()));
    }

    static Predicate<ModelSummary> predicate(String type, String state, String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return version -> (type == null || ALL.equals(type) || type.equals(version.modelType()))
                && (state == null || ALL.equals(state) || state.equals(version.state()))
                && (needle.isEmpty() || matches(version, needle));
    }

    private static boolean matches(ModelSummary version, String needle) {
        for (String field : new String[] {version.modelId(), version.modelName(), version.version(), version.createdBy(), version.modelType()}) {
            if (field != null && field.toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    public ObservableList<ModelSummary> visibleVersions() {
        return visible;
    }

    public ObservableList<ModelSummary> allVersions() {
        return versions;
    }

    public ObservableList<String> types() {
        return types;
    }

    public ObservableList<String> states() {
        return states;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public StringProperty typeFilterProperty() {
        return typeFilter;
    }

    public StringProperty stateFilterProperty() {
        return stateFilter;
    }

    public ObjectProperty<ModelVersion> detailProperty() {
        return detail;
    }

    public ObservableList<Scorecard> detailScorecards() {
        return detailScorecards;
    }

    /** The governance actions the policy offers on the selected version. */
    public ObservableList<GovernanceDesk.VersionAction> detailActions() {
        return detailActions;
    }

    public GovernanceActions governance() {
        return governance;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }
}
