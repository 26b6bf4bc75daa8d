package com.modelsteward.ui.models;

import com.modelsteward.governance.ReviewDesk;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Scorecard;
import com.modelsteward.registry.StateCount;
import com.modelsteward.ui.approvals.GovernanceCommands;
import com.modelsteward.ui.common.AppContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Models view's state: every version, the filters, and the selected version's full record and scorecards.
 *
 * <p>At 100 000 versions nothing that grows with the registry runs on the FX thread: a refresh first shows the newest
 * {@value #FIRST_PAGE} versions with the total count (two indexed queries), then loads every version in the background
 * so that the filters cover all of them; filtering and sorting run in the background over that immutable snapshot and
 * the FX thread only swaps in the finished list.
 */
public final class ModelsViewModel {

    public static final String ALL = "All";
    /** More rows than any screen shows, few enough to read and display at once. */
    static final int FIRST_PAGE = 200;

    private final AppContext context;
    /** Every version, newest first, once loaded; the first page until then. Never modified: a new list replaces it. */
    private List<ModelSummary> versions = List.of();
    /** {@link #searchKey} of each of {@link #versions}, same order, once every version is loaded. */
    private List<String> searchKeys = List.of();
    private boolean complete;
    /**
     * The versions shown, replaced as a whole by each filter run: a table given a new list resets in constant time,
     * whereas setAll of 100 000 rows made its selection model walk every removed and added row.
     */
    private final ObjectProperty<ObservableList<ModelSummary>> visible = new SimpleObjectProperty<>(FXCollections.observableArrayList());
    private final LongProperty total = new SimpleLongProperty();
    private Comparator<ModelSummary> order;
    /** Counts filter runs so that only the newest result is shown when two finish out of order. */
    private long filterRun;
    private final ObservableList<String> types = FXCollections.observableArrayList(ALL);
    private final ObservableList<String> states = FXCollections.observableArrayList(ALL);
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty typeFilter = new SimpleStringProperty(ALL);
    private final StringProperty stateFilter = new SimpleStringProperty(ALL);
    private final ObjectProperty<ModelVersion> detail = new SimpleObjectProperty<>();
    private final ObservableList<Scorecard> detailScorecards = FXCollections.observableArrayList();
    private final ObservableList<ReviewDesk.VersionAction> detailActions = FXCollections.observableArrayList();
    private final GovernanceCommands governance;
    private final BooleanProperty loading = new SimpleBooleanProperty(false);

    public ModelsViewModel(AppContext context) {
        this.context = context;
        this.governance = new GovernanceCommands(context);
        search.addListener((obs, old, now) -> applyFilter());
        typeFilter.addListener((obs, old, now) -> applyFilter());
        stateFilter.addListener((obs, old, now) -> applyFilter());
        context.selectedModelIdProperty().addListener((obs, old, now) -> {
            if (context.isShown(ModelsView.PAGE_ID)) {
                loadDetail(now);
            }
        });
    }

    public void refresh() {
        loading.set(true);
        record FirstPage(List<ModelSummary> newest, long count, List<String> types, List<String> states) {
        }
        context.tasks().run("Loading model versions", () -> {
            ModelCatalog catalog = context.catalog();
            return new FirstPage(catalog.newestVersions(FIRST_PAGE), catalog.versionCount(), catalog.modelTypes(),
                    catalog.countsByState().stream().map(StateCount::state).toList());
        }, page -> {
            total.set(page.count());
            setChoices(types, page.types());
            setChoices(states, page.states());
            if (!complete) {
                // The first screenful at once; a refresh of a loaded table keeps showing every version meanwhile.
                versions = page.newest();
                applyFilter();
            }
            loadDetail(context.selectedModelIdProperty().get());
            loadAll();
        }, failure -> {
            loading.set(false);
            context.showFailure("Cannot load model versions", failure);
        });
    }

    private void loadAll() {
        record Loaded(List<ModelSummary> versions, List<String> keys) {
        }
        context.tasks().run("Loading all model versions", () -> {
            List<ModelSummary> all = context.catalog().versions();
            return new Loaded(Collections.unmodifiableList(all), all.stream().map(ModelsViewModel::searchKey).toList());
        }, all -> {
            List<ModelSummary> loaded = all.versions();
            versions = loaded;
            searchKeys = all.keys();
            complete = true;
            total.set(loaded.size());
            loading.set(false);
            applyFilter();
        }, failure -> {
            loading.set(false);
            context.showFailure("Cannot load model versions", failure);
        });
    }

    /** Sorts the shown versions (in the background, like the filters); null keeps the registry's newest-first order. */
    public void sortBy(Comparator<ModelSummary> comparator) {
        order = comparator;
        applyFilter();
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
        record Detail(Optional<ModelVersion> version, List<Scorecard> scorecards, List<ReviewDesk.VersionAction> actions) {
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
        String type = typeFilter.get();
        String state = stateFilter.get();
        String needle = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        List<ModelSummary> source = versions;
        List<String> keys = searchKeys;
        Comparator<ModelSummary> sort = order;
        long run = ++filterRun;
        context.tasks().run("Filtering " + source.size() + " versions", () -> filter(source, keys, type, state, needle, sort), shown -> {
            if (run == filterRun) {
                visible.set(FXCollections.observableList(shown));
            }
        }, failure -> context.showFailure("Cannot filter the model versions", failure));
    }

    /**
     * The versions of {@code source} (with their {@link #searchKey}s in {@code keys}, or none yet) of the type and state
     * ({@link #ALL} for any) whose key contains {@code needle} (lower case), sorted when {@code sort} is not null.
     */
    public static List<ModelSummary> filter(List<ModelSummary> source, List<String> keys, String type, String state, String needle,
            Comparator<ModelSummary> sort) {
        List<ModelSummary> matching = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            ModelSummary version = source.get(i);
            if ((type == null || ALL.equals(type) || type.equals(version.modelType()))
                    && (state == null || ALL.equals(state) || state.equals(version.state()))
                    && (needle.isEmpty() || (keys.size() == source.size() ? keys.get(i) : searchKey(version)).contains(needle))) {
                matching.add(version);
            }
        }
        if (sort != null) {
            matching.sort(sort);
        }
        return matching;
    }

    /**
     * The searched fields, lower-cased, one per line (a search text never spans two), computed once per version: five
     * lower-casings per version and keystroke were most of a search's time at 100 000 versions.
     */
    public static String searchKey(ModelSummary v) {
        return String.join("\n", Objects.toString(v.modelId(), ""), Objects.toString(v.modelName(), ""), Objects.toString(v.version(), ""),
                Objects.toString(v.createdBy(), ""), Objects.toString(v.modelType(), "")).toLowerCase(Locale.ROOT);
    }

    public ObservableList<ModelSummary> visibleVersions() {
        return visible.get();
    }

    public ObjectProperty<ObservableList<ModelSummary>> visibleProperty() {
        return visible;
    }

    /** Every version loaded so far (the first page until the background load is done), newest first. */
    public List<ModelSummary> allVersions() {
        return versions;
    }

    /** Every version is loaded: the filters cover the whole registry. */
    public boolean isComplete() {
        return complete;
    }

    /** The number of versions in the registry, known before they are all loaded. */
    public LongProperty totalProperty() {
        return total;
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
    public ObservableList<ReviewDesk.VersionAction> detailActions() {
        return detailActions;
    }

    /** What the policy and the user's roles allow (the dialogs themselves are opened by the view). */
    public GovernanceCommands governance() {
        return governance;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }
}
