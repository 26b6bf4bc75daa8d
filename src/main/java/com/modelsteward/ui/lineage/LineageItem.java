package com.modelsteward.ui.lineage;

import com.modelsteward.lineage.LineageTree;
import com.modelsteward.registry.ModelSummary;

/** What a node of the lineage tree stands for. */
sealed interface LineageItem {

    /**
     * A model name with all its versions below, and the auditable-lineage check of its ACTIVE version if it has one;
     * {@code checking} while the checks are still being read after the tree was shown.
     */
    record Name(LineageTree.Group group, java.util.Optional<com.modelsteward.lineage.LineageCheck> activeCheck, boolean checking)
            implements LineageItem {
    }

    /**
     * A version; {@code reason} says why it is a root although it names a parent (orphan, cycle, other name);
     * {@code chainedFrom} is the parent's version label when the item continues a deep chain flat instead of sitting
     * under its parent, otherwise null.
     */
    record Version(ModelSummary version, LineageTree.RootReason reason, String chainedFrom, String liveState) implements LineageItem {
    }

    /** The collapsed "Evidence" node of a version; its children are loaded when it is first expanded. */
    record EvidenceFolder(String modelId) implements LineageItem {
    }

    /** One piece of evidence: a label, a short value, and what the detail pane shows when it is selected. */
    record Evidence(String label, String value, String detailTitle, String detailText, String mark) implements LineageItem {
    }

    record Loading() implements LineageItem {
    }
}
