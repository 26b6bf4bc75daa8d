package com.modelsteward.ui.lineage;

import com.modelsteward.modelcard.ModelCard;
import com.modelsteward.modelcard.ModelCardWriter;
import com.modelsteward.ui.common.AppContext;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.stage.FileChooser;

/** "Model card…": asks where to save, then gathers and writes the card in the background (HTML, or PDF for *.pdf). */
public final class ModelCardAction {

    private final AppContext context;

    public ModelCardAction(AppContext context) {
        this.context = context;
    }

    public void chooseFileAndWrite(Node owner, String modelId) {
        if (modelId == null) {
            context.dialogs().showInfo("Model card", "Select a version first.");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the model card of " + modelId);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("HTML (self-contained)", "*.html"),
                new FileChooser.ExtensionFilter("PDF", "*.pdf"));
        chooser.setInitialFileName(ModelCard.suggestedFileName(modelId, "html"));
        File file = chooser.showSaveDialog(owner.getScene().getWindow());
        if (file != null) {
            write(modelId, file.toPath(), written -> context.dialogs().showInfo("Model card written", "The model card of " + modelId
                    + " was written to " + written + "."));
        }
    }

    /** Gathers the card (this re-hashes the artifact) and writes it, off the FX thread. */
    public void write(String modelId, Path file, Consumer<Path> onWritten) {
        context.tasks().runWithProgress("Writing the model card of " + modelId, progress -> {
            ModelCard card = ModelCard.gather(context.services().lineage(), modelId,
                    context.services().metricRules(), context.clock(),
                    context.user(), progress::update, progress::isCancelled);
            ModelCardWriter.write(card, file);
            return file;
        }, onWritten, failure -> context.showFailure("Cannot write the model card of " + modelId, failure));
    }
}
