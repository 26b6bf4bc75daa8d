package com.modelsteward.ui.scorecards;

import com.modelsteward.lineage.LineageService;
import com.modelsteward.lineage.MetricRules;
import com.modelsteward.lineage.ScorecardComparison;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Scorecard;
import com.modelsteward.ui.common.AppContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Scorecards view's state: which name, which versions (up to {@value #MAX_VERSIONS}) against which baseline, the
 * comparison and the data of both charts. The scorecards of every version of the name are loaded once in the background;
 * choosing versions and the baseline then recomputes in memory.
 */
public final class ScorecardsViewModel {

    public static final int MAX_VERSIONS = 8;

    private final AppContext context;
    private final LineageService service;
    /** The registry's policy, read in the background with the first load. */
    private MetricRules rules;
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final StringProperty modelName = new SimpleStringProperty();
    private final ObservableList<ModelSummary> versions = FXCollections.observableArrayList();
    private final ObservableList<String> chosen = FXCollections.observableArrayList();
    private final StringProperty baseline = new SimpleStringProperty();
    private final ObjectProperty<ScorecardComparison> comparison = new SimpleObjectProperty<>();
    private final ObjectProperty<Map<String, List<Scorecard>>> scorecardsOfName = new SimpleObjectProperty<>(Map.of());
    private final ObservableList<String> metrics = FXCollections.observableArrayList();
    private final StringProperty metric = new SimpleStringProperty();
    private boolean loading;

    public ScorecardsViewModel(AppContext context) {
        this.context = context;
        this.service = new LineageService(context.registry(), System.getenv());
        context.selectedModelIdProperty().addListener((obs, old, now) -> {
            if (now != null && !chosen.contains(now)) {
                refresh();
            }
        });
        baseline.addListener((obs, old, now) -> recompute());
    }

    /** Loads the names and the selected version's name, choosing the selected version against the ACTIVE one. */
    public void refresh() {
        String selected = context.selectedModelIdProperty().get();
        record Loaded(List<String> names, String name, List<ModelSummary> versions, Map<String, List<Scorecard>> scorecards, MetricRules rules) {
        }
        context.tasks().run("Loading scorecards", () -> {
            List<String> allNames = context.catalog().modelNames();
            String name = Optional.ofNullable(selected).flatMap(id -> context.catalog().version(id))
                    .map(ModelVersion::modelName).orElse(modelName.get() != null ? modelName.get() : allNames.isEmpty() ? null : allNames.getFirst());
            MetricRules policy = MetricRules.configured(context.registry(), System.getenv());
            if (name == null) {
                return new Loaded(allNames, null, List.of(), Map.of(), policy);
            }
            return new Loaded(allNames, name, context.catalog().versionsOf(name), service.scorecardsOfName(name), policy);
        }, loaded -> {
            loading = true;
            rules = loaded.rules();
            names.setAll(loaded.names());
            modelName.set(loaded.name());
            versions.setAll(loaded.versions());
            scorecardsOfName.set(loaded.scorecards());
            loading = false;
            chooseDefault(selected);
        }, failure -> context.showFailure("Cannot load scorecards", failure));
    }

    /** Shows another name: its ACTIVE version against its newest version. */
    public void showName(String name) {
        if (name == null || name.equals(modelName.get())) {
            return;
        }
        record Loaded(List<ModelSummary> versions, Map<String, List<Scorecard>> scorecards) {
        }
        context.tasks().run("Loading scorecards of " + name, () -> new Loaded(context.catalog().versionsOf(name), service.scorecardsOfName(name)),
                loaded -> {
                    modelName.set(name);
                    versions.setAll(loaded.versions());
                    scorecardsOfName.set(loaded.scorecards());
                    chooseDefault(null);
                }, failure -> context.showFailure("Cannot load scorecards of " + name, failure));
    }

    /** The selected version against the ACTIVE one; the ACTIVE one against the version it was retrained from. */
    private void chooseDefault(String selectedId) {
        Optional<ModelSummary> active = versions.stream().filter(v -> "ACTIVE".equals(v.state())).findFirst();
        Optional<ModelSummary> selected = versions.stream().filter(v -> v.modelId().equals(selectedId)).findFirst();
        Optional<ModelSummary> candidate = selected.isPresent() ? selected : versions.isEmpty() ? Optional.empty() : Optional.of(versions.getLast());
        List<String> ids = new ArrayList<>();
        String base = null;
        if (active.isPresent() && candidate.isPresent() && !active.get().equals(candidate.get())) {
            base = active.get().modelId();
            ids.add(base);
            ids.add(candidate.get().modelId());
        } else if (candidate.isPresent()) {
            String parent = candidate.get().parentId();
            if (parent != null && versions.stream().anyMatch(v -> v.modelId().equals(parent))) {
                base = parent;
                ids.add(parent);
            }
            ids.add(candidate.get().modelId());
        }
        choose(ids, base);
    }

    /** Chooses versions (kept in creation order, at most {@value #MAX_VERSIONS}) and the baseline among them. */
    public void choose(List<String> ids, String baselineId) {
        List<String> ordered = versions.stream().map(ModelSummary::modelId).filter(ids::contains).limit(MAX_VERSIONS).toList();
        loading = true;
        chosen.setAll(ordered);
        baseline.set(ordered.contains(baselineId) ? baselineId : null);
        loading = false;
        recompute();
    }

    /** Adds or removes one version; adding a ninth is refused (returns false). */
    public boolean toggle(String modelId) {
        List<String> ids = new ArrayList<>(chosen);
        if (ids.contains(modelId)) {
            ids.remove(modelId);
        } else if (ids.size() >= MAX_VERSIONS) {
            return false;
        } else {
            ids.add(modelId);
        }
        choose(ids, baseline.get());
        return true;
    }

    private void recompute() {
        if (loading || rules == null) {
            return;
        }
        List<ScorecardComparison.Version> compared = new ArrayList<>();
        int baselineIndex = -1;
        for (String id : chosen) {
            ModelSummary version = versions.stream().filter(v -> v.modelId().equals(id)).findFirst().orElseThrow();
            if (id.equals(baseline.get())) {
                baselineIndex = compared.size();
            }
            compared.add(new ScorecardComparison.Version(id, label(version), version.modelType(), scorecardsOfName.get().getOrDefault(id, List.of())));
        }
        ScorecardComparison result = ScorecardComparison.compare(compared, baselineIndex, rules);
        List<String> names = scorecardsOfName.get().values().stream().flatMap(List::stream).map(Scorecard::metric).distinct().sorted().toList();
        if (!metrics.equals(names)) {
            metrics.setAll(names);
        }
        if (metric.get() == null || !names.contains(metric.get())) {
            metric.set(names.contains("sharpe") ? "sharpe" : names.isEmpty() ? null : names.getFirst());
        }
        comparison.set(result);
    }

    static String label(ModelSummary version) {
        return version.version() + ("ACTIVE".equals(version.state()) ? " ★" : "");
    }

    /** Writes the comparison as CSV (UTF-8 with a byte-order mark so spreadsheets read Δ and ≥) in the background. */
    public void exportCsv(Path file, Consumer<Path> onWritten) {
        ScorecardComparison current = comparison.get();
        if (current == null) {
            return;
        }
        String csv = "\uFEFF" + current.toCsv();
        context.tasks().run("Exporting the comparison", () -> {
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".scorecards-", ".tmp");
            try {
                Files.writeString(temporary, csv, StandardCharsets.UTF_8);
                Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return file;
        }, onWritten, failure -> context.showFailure("Cannot export the comparison to " + file, failure));
    }

    /**
     * Imports a scorecard CSV in the background with progress (validated in full, then all rows or none), then reloads.
     * {@code onImported} receives how many values were written.
     */
    public com.modelsteward.ui.common.TaskRunner.Running importCsv(Path file, Consumer<Integer> onImported) {
        return context.tasks().runWithProgress("Importing " + file.getFileName(), progress -> com.modelsteward.lineage.ScorecardImport.importCsv(
                        context.registry(), file, context.clock(), context.user(), (lines, bytes, total) -> progress.update(bytes, total)),
                result -> {
                    onImported.accept(result.rows());
                    refresh();
                }, failure -> context.showFailure("Cannot import " + file.getFileName(), failure));
    }

    /** The trend: for each pack, the metric's value per version of the name in creation order (null where missing). */
    public Map<String, List<Double>> trend(String metricName) {
        Map<String, List<Double>> byPack = new java.util.TreeMap<>();
        scorecardsOfName.get().values().stream().flatMap(List::stream).filter(s -> s.metric().equals(metricName))
                .forEach(s -> byPack.putIfAbsent(s.packId(), new ArrayList<>()));
        for (ModelSummary version : versions) {
            List<Scorecard> cards = scorecardsOfName.get().getOrDefault(version.modelId(), List.of());
            byPack.forEach((pack, values) -> values.add(cards.stream().filter(s -> s.packId().equals(pack) && s.metric().equals(metricName))
                    .map(Scorecard::value).filter(Objects::nonNull).findFirst().orElse(null)));
        }
        return byPack;
    }

    public ObservableList<String> names() {
        return names;
    }

    public StringProperty modelNameProperty() {
        return modelName;
    }

    public ObservableList<ModelSummary> versions() {
        return versions;
    }

    public ObservableList<String> chosen() {
        return chosen;
    }

    public StringProperty baselineProperty() {
        return baseline;
    }

    public ObjectProperty<ScorecardComparison> comparisonProperty() {
        return comparison;
    }

    public ObservableList<String> metrics() {
        return metrics;
    }

    public StringProperty metricProperty() {
        return metric;
    }
}
