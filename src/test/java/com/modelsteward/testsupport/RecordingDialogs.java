package com.modelsteward.testsupport;

import com.modelsteward.ui.common.DialogService;
import java.util.ArrayList;
import java.util.List;

/** Dialogs for ViewModel tests: what would have been shown, as "title: message", errors and infos apart; confirms say no. */
public final class RecordingDialogs implements DialogService {

    private final List<String> errors = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public void showInfo(String title, String message) {
        infos.add(title + ": " + message);
    }

    @Override
    public boolean confirm(String title, String message) {
        return false;
    }

    public List<String> errors() {
        return errors;
    }

    public List<String> infos() {
        return infos;
    }
}
