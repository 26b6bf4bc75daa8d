package com.modelsteward.ui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Dialog;

/**
 * Every dialog goes through here — messages, confirmations, the console's own dialogs and the file choosers — so that
 * dialogs share the owner window, its screen and the theme, and ViewModel tests can replace it and answer them.
 */
public interface DialogService {

    void showError(String title, String message);

    void showInfo(String title, String message);

    boolean confirm(String title, String message);

    /** Shows a dialog built by a view (owned, placed and styled like every other) and returns at once. */
    void show(Dialog<?> dialog);

    /** Shows a dialog built by a view and waits for its result; empty when it is closed without one. */
    <R> Optional<R> showAndWait(Dialog<R> dialog);

    /** Asks for an existing file to read; empty when the user cancels. */
    Optional<Path> chooseFileToOpen(String title, List<FileType> types);

    /** Asks where to write a file, proposing {@code suggestedName}; empty when the user cancels. */
    Optional<Path> chooseFileToSave(String title, String suggestedName, List<FileType> types);

    /** One entry of a file chooser's type list: "CSV" with {@code *.csv}. */
    record FileType(String description, List<String> patterns) {

        public FileType(String description, String... patterns) {
            this(description, List.of(patterns));
        }
    }

    /**
     * A message written for one line of a terminal ("cannot reach the server …") as a dialog's sentence: a capital first
     * letter and a full stop.
     */
    static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String text = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return text.endsWith(".") || text.endsWith("?") || text.endsWith("!") ? text : text + ".";
    }

    /** Turns any failure into a sentence a user can act on; never a stack trace. */
    static String describe(Throwable failure) {
        Throwable shown = failure;
        while (shown.getCause() != null && !(shown instanceof com.modelsteward.registry.RegistryException)) {
            shown = shown.getCause();
        }
        if (shown instanceof com.modelsteward.registry.RegistryException registryError) {
            return registryError.getMessage();
        }
        return Optional.ofNullable(failure.getMessage()).orElse(failure.getClass().getSimpleName());
    }
}
