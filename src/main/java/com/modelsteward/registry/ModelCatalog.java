package com.modelsteward.registry;

import java.util.List;
import java.util.Optional;

/**
 * Read-side queries the console and the command line share ({@link CatalogStore}), and the one cached list of every version.
 * Every method reads the registry: never call it on the FX thread.
 */
public final class ModelCatalog {

    private final Registry registry;

    public ModelCatalog(Registry registry) {
        this.registry = registry;
    }

    public Registry registry() {
        return registry;
    }

    /**
     * All versions, newest first, unmodifiable. Kept by the registry until the file changes ({@link FileGeneration}), so
     * the views that each list every version read 100 000 rows (0.5-1 s) once per change, not once per view.
     */
    public List<ModelSummary> versions() {
        return registry.versions.get(() -> List.copyOf(registry.read(store -> store.catalog().versions())));
    }

    /** The newest {@code limit} versions (the order of {@link #versions()}): what a first screenful needs. */
    public List<ModelSummary> newestVersions(int limit) {
        return registry.read(store -> store.catalog().newestVersions(limit));
    }

    public long versionCount() {
        return registry.read(store -> store.catalog().versionCount());
    }

    public List<ModelSummary> versionsOf(String modelName) {
        return registry.read(store -> store.catalog().versionsOf(modelName));
    }

    public Optional<ModelVersion> version(String modelId) {
        return registry.read(store -> store.catalog().version(modelId));
    }

    /** The versions in one state (the policy's live state: one per name at most), newest first. */
    public List<ModelSummary> versionsInState(String state) {
        return registry.read(store -> store.catalog().versionsInState(state));
    }

    /** The version of a name in the policy's live state, if any. */
    public Optional<ModelSummary> liveVersionOf(String modelName, String liveState) {
        return registry.read(store -> store.catalog().liveVersionOf(modelName, liveState));
    }

    /** The latest value of each (pack, metric) of a version. */
    public List<Scorecard> scorecards(String modelId) {
        return registry.read(store -> store.scorecards().latest(modelId));
    }

    public List<StateCount> countsByState() {
        return registry.read(store -> store.catalog().countsByState());
    }

    public List<String> modelTypes() {
        return registry.read(store -> store.catalog().modelTypes());
    }

    /** Every model name, sorted. */
    public List<String> modelNames() {
        return registry.read(store -> store.catalog().modelNames());
    }

    public List<RegistryEvent> recentEvents(int limit) {
        return registry.read(store -> store.catalog().recentEvents(limit));
    }

    public List<TransitionRequestRow> requests(Optional<String> status) {
        return registry.read(store -> store.catalog().requests(status));
    }

    public long pendingRequestCount() {
        return registry.read(store -> store.catalog().pendingRequestCount());
    }

    public List<AuditEntry> auditEntries(int limit) {
        return registry.read(store -> store.catalog().auditEntries(limit));
    }

    /** What the Audit view's filters select from the whole trail; null for a filter not set. */
    public record AuditFilter(String actor, String action, String text, String fromDay, String toDay) {

        public static final AuditFilter NONE = new AuditFilter(null, null, null, null, null);

        public boolean isNone() {
            return equals(NONE);
        }
    }

    /** The newest {@code limit} entries of the whole trail that pass {@code filter} (a negative limit: all of them). */
    public List<AuditEntry> searchAudit(AuditFilter filter, int limit) {
        return registry.read(store -> store.catalog().searchAudit(filter, limit));
    }

    public Optional<AuditEntry> auditEntry(long seq) {
        return registry.read(store -> store.catalog().auditEntry(seq));
    }

    public long auditCount() {
        return registry.read(store -> store.catalog().auditCount());
    }

    /** Every actor in the trail, sorted. */
    public List<String> auditActors() {
        return registry.read(store -> store.catalog().auditActors());
    }

    /** Every action in the trail, sorted. */
    public List<String> auditActions() {
        return registry.read(store -> store.catalog().auditActions());
    }

    /** The most recent stored result per (model, feature, kind). */
    public List<DriftResultRow> latestDrift() {
        return registry.read(store -> store.catalog().latestDrift());
    }

    /**
     * Live versions whose latest drift result for some feature is SEVERE: a retired version's drift alarms nobody, it
     * no longer trades.
     */
    public long driftAlertCount(String liveState) {
        return registry.read(store -> store.catalog().driftAlertCount(liveState));
    }

    /** The latest SEVERE results of live versions, grouped by version: the drift a risk officer must look at now. */
    public List<DriftResultRow> severeLiveDrift(String liveState) {
        return registry.read(store -> store.catalog().severeLiveDrift(liveState));
    }

    /** Every version in {@code state} with all its columns (the shadows, say, with the time they entered the state). */
    public List<ModelVersion> versionRowsInState(String state) {
        return registry.read(store -> store.catalog().versionRowsInState(state));
    }

    /** The roles of a principal ("ANALYST,RISK_OFFICER"), empty when the user is not in {@code principals} or inactive. */
    public java.util.Set<String> rolesOf(String user) {
        String roles = registry.read(store -> store.catalog().rolesOf(user));
        java.util.Set<String> result = new java.util.TreeSet<>();
        for (String role : roles.split(",")) {
            if (!role.isBlank()) {
                result.add(role.strip());
            }
        }
        return result;
    }
}
