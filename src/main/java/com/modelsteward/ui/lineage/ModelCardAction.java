package com.modelsteward.ui.lineage;

import com.modelsteward.modelcard.ModelCard;
import com.modelsteward.modelcard.ModelCardWriter;
import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.DialogService;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** "Model card…": asks where to save, then gathers and writes the card in the background (HTML, or PDF for *.pdf). */
public final class ModelCardAction {

    private final AppContext context;

    public ModelCardAction(AppContext context) {
        this.context = context;
    }

    public void chooseFileAndWrite(String modelId) {
        if (modelId == null) {
            context.dialogs().showInfo("Model card", "Select a version first.");
            return;
        }
        context.dialogs().chooseFileToSave("Save the model card of " + modelId, ModelCard.suggestedFileName(modelId, "html"),
                        List.of(new DialogService.FileType("HTML (self-contained)", "*.html"), new DialogService.FileType("PDF", "*.pdf")))
                .ifPresent(file -> write(modelId, file, written -> context.dialogs().showInfo("Model card written", "The model card of " + modelId
                        + " was written to " + written + ".")));
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
