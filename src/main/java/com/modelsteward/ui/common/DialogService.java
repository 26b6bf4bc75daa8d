package com.modelsteward.ui.common;

import java.util.Optional;

/** Every dialog goes through here, so dialogs share the owner window and theme, and ViewModel tests can replace it. */
public interface DialogService {

    void showError(String title, String message);

    void showInfo(String title, String message);

    boolean confirm(String title, String message);

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
