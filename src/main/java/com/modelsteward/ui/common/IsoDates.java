package com.modelsteward.ui.common;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javafx.scene.control.DatePicker;
import javafx.util.StringConverter;

/**
 * Date pickers that read and show ISO dates (2026-11-01), as every other date in the console does. The default converter
 * follows the locale's short format, so typing an ISO date and pressing Enter emptied the field.
 */
public final class IsoDates {

    private IsoDates() {
    }

    /** A picker showing ISO dates; text that is not one keeps the date it had, instead of clearing it. */
    public static DatePicker picker(String promptText) {
        DatePicker picker = new DatePicker();
        picker.setPromptText(promptText);
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(LocalDate date) {
                return date == null ? "" : DateTimeFormatter.ISO_LOCAL_DATE.format(date);
            }

            @Override
            public LocalDate fromString(String text) {
                if (text == null || text.isBlank()) {
                    return null;
                }
                try {
                    return LocalDate.parse(text.strip(), DateTimeFormatter.ISO_LOCAL_DATE);
                } catch (DateTimeParseException notIso) {
                    return picker.getValue();
                }
            }
        });
        return picker;
    }
}
