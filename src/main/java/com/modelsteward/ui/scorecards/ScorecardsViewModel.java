package com.modelsteward.ui.scorecards;

import com.modelsteward.lineage.LineageService;
import com.modelsteward.policy.Policy;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.registry.ModelVersion;
import com.modelsteward.registry.Scorecard;
import com.modelsteward.scorecards.ImportCancelled;
import com.modelsteward.scorecards.MetricRules;
import com.modelsteward.scorecards.PolicyMetricRules;
import com.modelsteward.scorecards.ScorecardComparison;
import com.modelsteward.scorecards.ScorecardImport;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.TaskRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
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
    /** The policy's live state: its version of the name is the default baseline and is starred. */
    private String liveState = "";
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
    private final BooleanProperty importing = new SimpleBooleanProperty(false);
    private final DoubleProperty importProgress = new SimpleDoubleProperty(0);
    private final StringProperty importStatus = new SimpleStringProperty("");
    private AtomicBoolean importCancel = new AtomicBoolean();

    public ScorecardsViewModel(AppContext context) {
        this.context = context;
        this.service = context.services().lineage();
        context.selectedModelIdProperty().addListener((obs, old, now) -> {
            if (now != null && !chosen.contains(now) && context.isShown(ScorecardsView.PAGE_ID)) {
                refresh();
            }
        });
        baseline.addListener((obs, old, now) -> recompute());
    }

    /** Loads the names and the selected version's name, choosing the selected version against the ACTIVE one. */
    public void refresh() {
        String selected = context.selectedModelIdProperty().get();
        record Loaded(List<String> names, String name, List<ModelSummary> versions, Map<String, List<Scorecard>> scorecards, MetricRules rules,
                      String liveState) {
        }
        context.tasks().run("Loading scorecards", () -> {
            List<String> allNames = context.catalog().modelNames();
            String name = Optional.ofNullable(selected).flatMap(id -> context.catalog().version(id))
                    .map(ModelVersion::modelName).orElse(modelName.get() != null ? modelName.get() : allNames.isEmpty() ? null : allNames.getFirst());
            Policy policy = context.services().policy();
            MetricRules judged = new PolicyMetricRules(policy);
            if (name == null) {
                return new Loaded(allNames, null, List.of(), Map.of(), judged, policy.liveState());
            }
            return new Loaded(allNames, name, context.catalog().versionsOf(name), service.scorecardsOfName(name), judged, policy.liveState());
        }, loaded -> {
            loading = true;
            rules = loaded.rules();
            liveState = loaded.liveState();
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
        Optional<ModelSummary> active = versions.stream().filter(v -> liveState.equals(v.state())).findFirst();
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
            compared.add(new ScorecardComparison.Version(id, label(version, liveState), version.modelType(), scorecardsOfName.get().getOrDefault(id, List.of())));
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

    static String label(ModelSummary version, String liveState) {
        return version.version() + (liveState.equals(version.state()) ? " ★" : "");
    }

    String label(ModelSummary version) {
        return label(version, liveState);
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
     * Imports a scorecard CSV in the background, all rows or none, then reloads. The bar follows the bytes read (the
     * copy into the registry takes the last tenth); {@link #cancelImport()} stops it and the registry stays unchanged.
     * {@code onImported} receives how many values were written; a cancel or a refusal is shown in {@link #importStatusProperty()}.
     */
    public TaskRunner.Running importCsv(Path file, Consumer<Long> onImported) {
        String name = String.valueOf(file.getFileName());
        AtomicBoolean cancel = new AtomicBoolean();
        importCancel = cancel;
        importing.set(true);
        importProgress.set(-1);
        importStatus.set("Reading " + name + "…");
        ImportMeter meter = new ImportMeter();
        return context.tasks().runWithProgress("Importing " + name, progress -> ScorecardImport.importCsv(context.registry(), file,
                        context.clock(), context.user(), new ScorecardImport.Listener() {
                            @Override
                            public void reading(long rows, long bytesRead, long totalBytes) {
                                progress.update(bytesRead, totalBytes);
                                meter.show(totalBytes == 0 ? 0 : 0.9 * bytesRead / totalBytes, String.format(Locale.ROOT,
                                        "Reading %s: %,d rows, %s of %s", name, rows, megabytes(bytesRead), megabytes(totalBytes)));
                            }

                            @Override
                            public void copying(long rowsCopied, long rowsTotal) {
                                meter.show(0.9 + 0.1 * rowsCopied / Math.max(1, rowsTotal), String.format(Locale.ROOT,
                                        "Writing %s into the registry: %,d of %,d rows", name, rowsCopied, rowsTotal));
                            }

                            @Override
                            public boolean cancelled() {
                                return cancel.get() || progress.isCancelled();
                            }
                        }),
                result -> {
                    finishImport(String.format(Locale.ROOT, "Imported %,d scorecard value(s) for %,d version(s) from %s.",
                            result.rows(), result.models(), name));
                    onImported.accept(result.rows());
                    refresh();
                }, failure -> {
                    if (failure instanceof ImportCancelled) {
                        finishImport("Import of " + name + " cancelled; nothing was imported.");
                    } else {
                        finishImport("Import of " + name + " failed; nothing was imported.");
                        context.showFailure("Cannot import " + name, failure);
                    }
                });
    }

    /** Asks the running import to stop; it reports "cancelled" once the registry is known to be unchanged. */
    public void cancelImport() {
        importCancel.set(true);
        importStatus.set("Cancelling… nothing will be imported");
    }

    public ReadOnlyBooleanProperty importingProperty() {
        return importing;
    }

    /** 0…1, or -1 while the size is not known yet. */
    public ReadOnlyDoubleProperty importProgressProperty() {
        return importProgress;
    }

    public ReadOnlyStringProperty importStatusProperty() {
        return importStatus;
    }

    private void finishImport(String outcome) {
        importing.set(false);
        importProgress.set(0);
        importStatus.set(outcome);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
    }

    /**
     * Carries progress from the importing thread to the FX thread: the latest value replaces any not yet shown, so a
     * fast reader queues at most one update however often it reports.
     */
    private final class ImportMeter {

        private final AtomicReference<Object[]> latest = new AtomicReference<>();

        void show(double fraction, String text) {
            if (latest.getAndSet(new Object[] {fraction, text}) == null) {
                Platform.runLater(() -> {
                    Object[] now = latest.getAndSet(null);
                    if (now != null && importing.get() && !importCancel.get()) {
                        importProgress.set((Double) now[0]);
                        importStatus.set((String) now[1]);
                    }
                });
            }
        }
    }

    /** The trend: for each pack, the metric's value per version of the name in creation order (null where missing). */
    public Map<String, List<Double>> trend(String metricName) {
        // One pass over each version's cards (it runs on the FX thread when the metric changes): for 1 000 versions,
        // filtering every version's cards once per pack took 20-40 ms.
        Map<String, Double[]> byPack = new java.util.TreeMap<>();
        scorecardsOfName.get().values().stream().flatMap(List::stream).filter(s -> s.metric().equals(metricName))
                .forEach(s -> byPack.computeIfAbsent(s.packId(), pack -> new Double[versions.size()]));
        for (int i = 0; i < versions.size(); i++) {
            for (Scorecard card : scorecardsOfName.get().getOrDefault(versions.get(i).modelId(), List.of())) {
                if (card.metric().equals(metricName) && card.value() != null && byPack.get(card.packId())[i] == null) {
                    byPack.get(card.packId())[i] = card.value();
                }
            }
        }
        Map<String, List<Double>> trend = new java.util.TreeMap<>();
        byPack.forEach((pack, values) -> trend.put(pack, java.util.Arrays.asList(values)));
        return trend;
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
