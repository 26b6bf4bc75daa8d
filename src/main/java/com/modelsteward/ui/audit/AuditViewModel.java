package com.modelsteward.ui.audit;

import com.modelsteward.export.AuditExport;
import com.modelsteward.governance.GovernanceEngine;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.AuditEntry;
import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.ModelCatalog;
import com.modelsteward.ui.approvals.GovernanceCommands;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.DialogService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The audit trail with filters, the selected entry's payload, chain verification and export. */
public final class AuditViewModel {

    public static final String ALL = "All";
    /**
     * The most entries the table holds: the newest of the trail, or the newest that pass the filters, which search the
     * whole trail in the registry. The count says when there are more; verification and export cover the whole trail.
     */
    static final int LOADED_ENTRIES = 50_000;

    /** The outcome of the last verification, for the status line (text and symbol, never colour alone). */
    public enum ChainStatus { NOT_CHECKED, CHECKING, INTACT, BROKEN }

    private final AppContext context;
    private final ObservableList<AuditEntry> entries = FXCollections.observableArrayList();
    /**
     * The entries that pass the filters, replaced as a whole by each filter run in the background: 50 000 payloads
     * searched on the FX thread at every keystroke stalled it, and a table given a new list resets in constant time.
     */
    private final ObjectProperty<ObservableList<AuditEntry>> visible = new SimpleObjectProperty<>(FXCollections.observableArrayList());
    /** Counts filter runs so that only the newest result is shown when two finish out of order. */
    private long filterRun;
    private final ObservableList<String> actors = FXCollections.observableArrayList(ALL);
    private final ObservableList<String> actions = FXCollections.observableArrayList(ALL);
    private final StringProperty actorFilter = new SimpleStringProperty(ALL);
    private final StringProperty actionFilter = new SimpleStringProperty(ALL);
    private final StringProperty modelFilter = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> fromDate = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> toDate = new SimpleObjectProperty<>();
    private final ObjectProperty<AuditEntry> selected = new SimpleObjectProperty<>();
    private final StringProperty payloadText = new SimpleStringProperty("");
    private final ObjectProperty<ChainStatus> chainStatus = new SimpleObjectProperty<>(ChainStatus.NOT_CHECKED);
    private final StringProperty chainMessage = new SimpleStringProperty("Chain not verified yet");
    private final ObjectProperty<Long> firstBadSeq = new SimpleObjectProperty<>();
    private final ObservableList<String> modelNames = FXCollections.observableArrayList();
    private final StringProperty timelineName = new SimpleStringProperty();
    private final ObservableList<GovernanceEngine.ActivePeriod> timeline = FXCollections.observableArrayList();
    private final ObjectProperty<LocalDate> activeAtDate = new SimpleObjectProperty<>();
    private final StringProperty activeAtText = new SimpleStringProperty("");

    private final int loadLimit;
    /** True while {@link #clearFilters} sets the filters one by one. */
    private boolean clearing;
    /** Entries in the whole trail, as of the last load. */
    private long total;
    private final StringProperty countText = new SimpleStringProperty("");

    public AuditViewModel(AppContext context) {
        this(context, LOADED_ENTRIES);
    }

    AuditViewModel(AppContext context, int loadLimit) {
        this.context = context;
        this.loadLimit = loadLimit;
        actorFilter.addListener((obs, old, now) -> applyFilter());
        actionFilter.addListener((obs, old, now) -> applyFilter());
        modelFilter.addListener((obs, old, now) -> applyFilter());
        fromDate.addListener((obs, old, now) -> applyFilter());
        toDate.addListener((obs, old, now) -> applyFilter());
        selected.addListener((obs, old, now) -> payloadText.set(now == null ? "" : detail(now)));
        timelineName.addListener((obs, old, now) -> loadTimeline());
        activeAtDate.addListener((obs, old, now) -> loadActiveAt());
    }

    public void refresh() {
        record Loaded(List<AuditEntry> entries, long total, List<String> actors, List<String> actions) {
        }
        context.tasks().run("Loading the audit trail", () -> {
            ModelCatalog catalog = context.catalog();
            return new Loaded(catalog.auditEntries(loadLimit), catalog.auditCount(), catalog.auditActors(), catalog.auditActions());
        }, loaded -> {
            // A reload (another process committed) keeps the selected entry, by seq, showing its current content.
            Long keep = selected.get() == null ? null : selected.get().seq();
            total = loaded.total();
            entries.setAll(loaded.entries());
            selected.set(null);
            if (keep != null) {
                loaded.entries().stream().filter(e -> e.seq() == keep).findFirst().ifPresent(selected::set);
            }
            setChoices(actors, loaded.actors());
            setChoices(actions, loaded.actions());
            applyFilter();
        }, failure -> context.showFailure("Cannot load the audit trail", failure));
        context.tasks().run("Loading model names", () -> context.catalog().modelNames(),
                names -> {
                    if (!modelNames.equals(names)) {
                        modelNames.setAll(names);
                    }
                }, failure -> context.showFailure("Cannot load model names", failure));
        loadTimeline();
    }

    /** Every ACTIVE period of the chosen model name, from the audit trail. */
    private void loadTimeline() {
        String name = timelineName.get();
        if (name == null || name.isBlank()) {
            timeline.clear();
            activeAtText.set("");
            return;
        }
        context.tasks().run("Loading the ACTIVE history of " + name, () -> GovernanceCommands.engine(context).history(name.strip()), periods -> {
            if (name.equals(timelineName.get())) {
                timeline.setAll(periods);
            }
        }, failure -> context.showFailure("Cannot load the ACTIVE history of " + name, failure));
        loadActiveAt();
    }

    /** Which version was ACTIVE at noon UTC of the chosen day. */
    private void loadActiveAt() {
        String name = timelineName.get();
        LocalDate day = activeAtDate.get();
        if (name == null || name.isBlank() || day == null) {
            activeAtText.set("");
            return;
        }
        java.time.Instant noon = day.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC);
        context.tasks().run("Finding the ACTIVE " + name, () -> GovernanceCommands.engine(context).activeAt(name.strip(), noon),
                active -> activeAtText.set(active.map(id -> "On " + day + " at 12:00 UTC, " + id + " was ACTIVE.")
                        .orElse("On " + day + " at 12:00 UTC, no version of " + name + " was ACTIVE.")),
                failure -> context.showFailure("Cannot find the ACTIVE " + name, failure));
    }

    /** Walks the whole chain off the FX thread; a broken chain selects its first bad entry. */
    public void verify() {
        chainStatus.set(ChainStatus.CHECKING);
        chainMessage.set("Verifying the chain…");
        context.tasks().runWithProgress("Verifying the audit chain", sink -> AuditTrail.verify(context.registry(), (checked, total) -> {
            sink.update(checked, total);
            Platform.runLater(() -> {
                if (chainStatus.get() == ChainStatus.CHECKING) {
                    chainMessage.set("Verifying the chain… " + checked + " of " + total + " entries");
                }
            });
        }), result -> {
            if (result.ok()) {
                chainStatus.set(ChainStatus.INTACT);
                firstBadSeq.set(null);
                chainMessage.set("✔ Chain intact: " + result.checked() + " entries verified");
            } else {
                chainStatus.set(ChainStatus.BROKEN);
                long bad = result.firstBadSeq().orElseThrow();
                firstBadSeq.set(bad);
                chainMessage.set("✖ Chain broken at entry " + bad + ": " + result.problem());
                clearFilters();
                Optional<AuditEntry> loaded = entries.stream().filter(e -> e.seq() == bad).findFirst();
                if (loaded.isPresent()) {
                    selected.set(loaded.get());
                } else {
                    // Older than the newest entries the table holds: its content is shown all the same.
                    context.tasks().run("Reading audit entry " + bad, () -> context.catalog().auditEntry(bad),
                            entry -> entry.ifPresent(selected::set), failure -> context.showFailure("Cannot read audit entry " + bad, failure));
                }
            }
        }, failure -> {
            chainStatus.set(ChainStatus.NOT_CHECKED);
            chainMessage.set("Verification failed");
            context.showFailure("Cannot verify the audit chain", failure);
        });
    }

    /** Writes every entry of the whole trail that passes the filters, however many the table holds. */
    public void exportCsv(Path target) {
        export(target, AuditExport::csv);
    }

    /** Writes every entry of the whole trail that passes the filters, however many the table holds. */
    public void exportJson(Path target) {
        export(target, AuditExport::json);
    }

    /** Asks where to write the CSV export (the dialog service's save chooser), then writes it; nothing when cancelled. */
    public void chooseAndExportCsv() {
        chooseTarget("audit.csv", new DialogService.FileType("CSV", "*.csv")).ifPresent(this::exportCsv);
    }

    /** Asks where to write the JSON export, then writes it; nothing when cancelled. */
    public void chooseAndExportJson() {
        chooseTarget("audit.json", new DialogService.FileType("JSON", "*.json")).ifPresent(this::exportJson);
    }

    private Optional<Path> chooseTarget(String suggestedName, DialogService.FileType type) {
        return context.dialogs().chooseFileToSave("Export the filtered audit entries", suggestedName, List.of(type));
    }

    /** CSV or JSON. */
    private interface Format {
        void write(List<AuditEntry> rows, Path target) throws IOException;
    }

    private void export(Path target, Format format) {
        ModelCatalog.AuditFilter filter = filter();
        context.tasks().run("Exporting the audit entries", () -> {
            List<AuditEntry> rows = context.catalog().searchAudit(filter, -1);
            format.write(rows, target);
            return rows.size();
        }, written -> context.dialogs().showInfo("Export finished", written + " entries written to " + target),
                failure -> context.showFailure("Cannot export to " + target, failure));
    }

    /**
     * Clears every filter and applies the result once: each filter applies itself when it changes, and clearing them one
     * by one searched the whole trail for every state in between (about 80 ms each at 100 000 versions).
     */
    public void clearFilters() {
        clearing = true;
        try {
            actorFilter.set(ALL);
            actionFilter.set(ALL);
            modelFilter.set("");
            fromDate.set(null);
            toDate.set(null);
        } finally {
            clearing = false;
        }
        applyFilter();
    }

    /**
     * Without filters the table shows the loaded newest entries; with any, the registry is searched in the background,
     * the whole trail and not only the entries loaded, and the newest run's result replaces the shown list.
     */
    private void applyFilter() {
        if (clearing) {
            return;
        }
        long run = ++filterRun;
        ModelCatalog.AuditFilter filter = filter();
        if (filter.isNone()) {
            visible.set(FXCollections.observableList(List.copyOf(entries)));
            countText.set(entries.size() >= total ? total + " entries" : "the newest " + entries.size() + " of " + total + " entries");
            return;
        }
        context.tasks().run("Searching the audit trail", () -> context.catalog().searchAudit(filter, loadLimit), shown -> {
            if (run == filterRun) {
                visible.set(FXCollections.observableList(shown));
                countText.set(shown.size() >= loadLimit ? "the newest " + shown.size() + " matching of " + total + " entries"
                        : shown.size() + " of " + total + " entries match");
            }
        }, failure -> context.showFailure("Cannot search the audit trail", failure));
    }

    /** The filters as set, each null when it lets everything through. */
    private ModelCatalog.AuditFilter filter() {
        String text = modelFilter.get() == null ? "" : modelFilter.get().strip();
        return new ModelCatalog.AuditFilter(choice(actorFilter.get()), choice(actionFilter.get()), text.isEmpty() ? null : text,
                fromDate.get() == null ? null : fromDate.get().toString(), toDate.get() == null ? null : toDate.get().toString());
    }

    private static String choice(String value) {
        return value == null || ALL.equals(value) ? null : value;
    }

    /** A one-line summary of a payload: its most telling fields. */
    public static String summary(AuditEntry entry) {
        try {
            var node = CanonicalJson.mapper().readTree(entry.payloadJson());
            List<String> parts = new ArrayList<>();
            for (String key : List.of("model_id", "from", "to", "from_state", "to_state", "active_model_id",
                    "previous_active_id", "from_model_id", "to_model_id", "cause", "decision", "comment", "reason", "severity", "feature")) {
                if (node.hasNonNull(key)) {
                    parts.add(key + "=" + node.get(key).asText());
                }
            }
            return parts.isEmpty() ? entry.payloadJson() : String.join("  ", parts);
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            return entry.payloadJson();
        }
    }

    /** The stored canonical text (what the chain hashes), its links, and a readable form. */
    static String detail(AuditEntry entry) {
        return "seq " + entry.seq() + "   " + entry.ts() + "   " + entry.actor() + "   " + entry.action() + "   " + entry.entity()
                + "\nhash       " + entry.hash() + "\nprev_hash  " + entry.prevHash()
                + "\n\npayload_json (canonical, as hashed):\n" + entry.payloadJson()
                + "\n\nreadable:\n" + pretty(entry.payloadJson());
    }

    private static String pretty(String json) {
        try {
            return CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(CanonicalJson.mapper().readTree(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
            return json;
        }
    }

    private static void setChoices(ObservableList<String> choices, List<String> values) {
        List<String> wanted = new ArrayList<>();
        wanted.add(ALL);
        wanted.addAll(values);
        if (!choices.equals(wanted)) {
            choices.setAll(wanted);
        }
    }

    /** The entries shown, after the filters (a new list after each filter run; see {@link #visibleProperty()}). */
    public ObservableList<AuditEntry> visibleEntries() {
        return visible.get();
    }

    public ObjectProperty<ObservableList<AuditEntry>> visibleProperty() {
        return visible;
    }

    public ObservableList<AuditEntry> allEntries() {
        return entries;
    }

    /** How many entries are shown of how many in the whole trail, and whether the filters or the limit left some out. */
    public StringProperty countTextProperty() {
        return countText;
    }

    public ObservableList<String> actors() {
        return actors;
    }

    public ObservableList<String> actions() {
        return actions;
    }

    public StringProperty actorFilterProperty() {
        return actorFilter;
    }

    public StringProperty actionFilterProperty() {
        return actionFilter;
    }

    public StringProperty modelFilterProperty() {
        return modelFilter;
    }

    public ObjectProperty<LocalDate> fromDateProperty() {
        return fromDate;
    }

    public ObjectProperty<LocalDate> toDateProperty() {
        return toDate;
    }

    public ObjectProperty<AuditEntry> selectedProperty() {
        return selected;
    }

    public StringProperty payloadTextProperty() {
        return payloadText;
    }

    public ObjectProperty<ChainStatus> chainStatusProperty() {
        return chainStatus;
    }

    public StringProperty chainMessageProperty() {
        return chainMessage;
    }

    public ObservableList<String> modelNames() {
        return modelNames;
    }

    /** The model name whose "who was ACTIVE when" timeline is shown. */
    public StringProperty timelineNameProperty() {
        return timelineName;
    }

    public ObservableList<GovernanceEngine.ActivePeriod> timeline() {
        return timeline;
    }

    public ObjectProperty<LocalDate> activeAtDateProperty() {
        return activeAtDate;
    }

    public StringProperty activeAtTextProperty() {
        return activeAtText;
    }

    public Optional<Long> firstBadSeq() {
        return Optional.ofNullable(firstBadSeq.get());
    }
}
