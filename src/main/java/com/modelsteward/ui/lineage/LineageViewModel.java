package com.modelsteward.ui.lineage;

import com.modelsteward.lineage.ArtifactVerifier;
import com.modelsteward.lineage.LineageCheck;
import com.modelsteward.lineage.LineageEvidence;
import com.modelsteward.lineage.LineageService;
import com.modelsteward.lineage.LineageTree;
import com.modelsteward.lineage.VersionHashes;
import com.modelsteward.registry.FileGeneration;
import com.modelsteward.registry.ModelSummary;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.TaskRunner;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Lineage view's state: the tree of every name, the search, the selected version's evidence and auditable-lineage
 * check, and the artifact verification. All reads run in the background through the task runner.
 */
public final class LineageViewModel {

    private final AppContext context;
    private final LineageService service;
    private final ObjectProperty<LineageTree> tree = new SimpleObjectProperty<>();
    private final ObjectProperty<Map<String, Set<String>>> hashes = new SimpleObjectProperty<>(Map.of());
    private final ObjectProperty<Map<String, LineageCheck>> activeChecks = new SimpleObjectProperty<>(Map.of());
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<LineageEvidence> evidence = new SimpleObjectProperty<>();
    private final ObjectProperty<LineageCheck> check = new SimpleObjectProperty<>();
    private final StringProperty detailTitle = new SimpleStringProperty("");
    private final StringProperty detailText = new SimpleStringProperty("");
    private final StringProperty artifactMessage = new SimpleStringProperty("");
    private final ObjectProperty<ArtifactVerifier.Status> artifactStatus = new SimpleObjectProperty<>();
    private final DoubleProperty artifactProgress = new SimpleDoubleProperty(0);
    private final BooleanProperty verifying = new SimpleBooleanProperty(false);
    private final BooleanProperty checking = new SimpleBooleanProperty(false);
    private final FileGeneration<Snapshot> snapshots;
    private TaskRunner.Running verification;

    /** What the view adds to the tree: every version's hashes (for the search) and the ACTIVE versions' checks. */
    private record Extras(Map<String, Set<String>> hashes, Map<String, LineageCheck> checks) {
    }

    /** A tree read at one generation of the file, and its extras once read (for the same tree, so they always agree). */
    private static final class Snapshot {
        private final LineageTree tree;
        private Extras extras;

        Snapshot(LineageTree tree) {
            this.tree = tree;
        }

        synchronized Extras extras(LineageService service) {
            if (extras == null) {
                List<String> active = tree.groups().stream().flatMap(g -> g.active().stream()).map(ModelSummary::modelId).toList();
                extras = new Extras(service.hashes().stream().collect(Collectors.toMap(VersionHashes::modelId, VersionHashes::all)),
                        service.checks(active));
            }
            return extras;
        }
    }

    public LineageViewModel(AppContext context) {
        this.context = context;
        this.service = context.services().lineage();
        this.snapshots = new FileGeneration<>(context.registry());
        context.selectedModelIdProperty().addListener((obs, old, now) -> {
            if (context.isShown(LineageView.PAGE_ID)) {
                loadSelected(now);
            }
        });
    }

    public LineageService service() {
        return service;
    }

    /**
     * Shows the tree as soon as it is built, then checks the ACTIVE versions and reads the hashes the search matches in a
     * second task. Both are kept until the file changes ({@link FileGeneration}): showing the view again costs a look at
     * the file's change counter, and the tree property keeps its value, so the view is not rebuilt.
     */
    public void refresh() {
        context.tasks().run("Loading lineage", () -> snapshots.get(() -> new Snapshot(service.tree())), loaded -> {
            tree.set(loaded.tree);
            loadSelected(context.selectedModelIdProperty().get());
            loadChecks(loaded);
        }, failure -> context.showFailure("Cannot load lineage", failure));
    }

    private void loadChecks(Snapshot snapshot) {
        checking.set(true);
        context.tasks().run("Checking the lineage of the ACTIVE versions", () -> snapshot.extras(service), loaded -> {
            if (snapshot.tree == tree.get()) {
                hashes.set(loaded.hashes());
                activeChecks.set(loaded.checks());
                checking.set(false);
            }
        }, failure -> {
            checking.set(false);
            context.showFailure("Cannot check the lineage of the ACTIVE versions", failure);
        });
    }

    public void select(String modelId) {
        context.selectedModelIdProperty().set(modelId);
    }

    /** Evidence of a version for an expanded evidence node; {@code onLoaded} runs on the FX thread. */
    public void loadEvidence(String modelId, Consumer<LineageEvidence> onLoaded) {
        context.tasks().run("Loading evidence of " + modelId, () -> service.evidence(modelId), onLoaded,
                failure -> context.showFailure("Cannot load the evidence of " + modelId, failure));
    }

    private void loadSelected(String modelId) {
        cancelVerification();
        artifactMessage.set("");
        artifactStatus.set(null);
        artifactProgress.set(0);
        if (modelId == null || tree.get() == null || tree.get().node(modelId).isEmpty()) {
            evidence.set(null);
            check.set(null);
            return;
        }
        record Loaded(LineageEvidence evidence, LineageCheck check) {
        }
        context.tasks().run("Checking the lineage of " + modelId, () -> {
            LineageEvidence read = service.evidence(modelId);
            return new Loaded(read, service.check(read));
        }, loaded -> {
            if (Objects.equals(modelId, context.selectedModelIdProperty().get())) {
                evidence.set(loaded.evidence());
                check.set(loaded.check());
                showDetail("Training config of " + modelId, com.modelsteward.modelcard.ModelCardHtml.prettyConfig(
                        loaded.evidence().version().trainingConfigJson()));
            }
        }, failure -> context.showFailure("Cannot check the lineage of " + modelId, failure));
    }

    public void showDetail(String title, String text) {
        detailTitle.set(title);
        detailText.set(text);
    }

    /** Re-hashes the selected version's artifact in the background, with progress; a second call while running is ignored. */
    public void verifyArtifact() {
        LineageEvidence current = evidence.get();
        if (current == null || verifying.get()) {
            return;
        }
        String pathRef = current.version().pathRef();
        verifying.set(true);
        artifactProgress.set(-1);
        artifactStatus.set(null);
        artifactMessage.set("Hashing " + pathRef + " …");
        verification = context.tasks().runWithProgress("Verifying the artifact of " + current.version().modelId(),
                progress -> ArtifactVerifier.verify(pathRef, context.registry().location(), progress::update, progress::isCancelled),
                result -> {
                    verifying.set(false);
                    artifactProgress.set(1);
                    artifactStatus.set(result.status());
                    artifactMessage.set((result.ok() ? "✓ " : "✗ ") + result.message());
                }, failure -> {
                    verifying.set(false);
                    artifactProgress.set(0);
                    artifactMessage.set(failure instanceof java.util.concurrent.CancellationException ? "Verification cancelled."
                            : "Verification failed: " + com.modelsteward.ui.common.DialogService.describe(failure));
                });
    }

    public void cancelVerification() {
        if (verification != null && verifying.get()) {
            verification.cancel();
            verifying.set(false);
            artifactProgress.set(0);
            artifactMessage.set("Verification cancelled.");
        }
        verification = null;
    }

    /** Whether a version is shown for the current search text. */
    public boolean matches(ModelSummary version) {
        return LineageTree.matches(version, search.get(), hashes.get().getOrDefault(version.modelId(), Set.of()));
    }

    /** The hashes of every version, by model id (what the search matches besides names and versions). */
    public Map<String, Set<String>> hashes() {
        return hashes.get();
    }

    /** The auditable-lineage check of every ACTIVE version, by model id. */
    public Map<String, LineageCheck> activeChecks() {
        return activeChecks.get();
    }

    public ObjectProperty<Map<String, LineageCheck>> activeChecksProperty() {
        return activeChecks;
    }

    public ObjectProperty<Map<String, Set<String>>> hashesProperty() {
        return hashes;
    }

    /** True while the ACTIVE versions' checks and the hashes are being read after the tree was shown. */
    public BooleanProperty checkingProperty() {
        return checking;
    }

    public ObjectProperty<LineageTree> treeProperty() {
        return tree;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<LineageEvidence> evidenceProperty() {
        return evidence;
    }

    public ObjectProperty<LineageCheck> checkProperty() {
        return check;
    }

    public StringProperty detailTitleProperty() {
        return detailTitle;
    }

    public StringProperty detailTextProperty() {
        return detailText;
    }

    public StringProperty artifactMessageProperty() {
        return artifactMessage;
    }

    public ObjectProperty<ArtifactVerifier.Status> artifactStatusProperty() {
        return artifactStatus;
    }

    public DoubleProperty artifactProgressProperty() {
        return artifactProgress;
    }

    public BooleanProperty verifyingProperty() {
        return verifying;
    }
}
