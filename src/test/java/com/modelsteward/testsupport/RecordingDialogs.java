package com.modelsteward.testsupport;

import com.modelsteward.ui.common.DialogService;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Dialog;

/**
 * Dialogs for ViewModel tests: records what would have been shown ("title: message", errors and infos apart, the titles
 * of custom dialogs and file choosers) and answers as the test says — confirmations no unless told yes, file choosers
 * with the paths queued by {@link #answerFiles}, or cancelled when none is left.
 */
public final class RecordingDialogs implements DialogService {

    private final List<String> errors = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();
    private final List<String> dialogs = new ArrayList<>();
    private final List<String> choosers = new ArrayList<>();
    private final Deque<Path> files = new ArrayDeque<>();
    private boolean confirmAnswer;

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
        dialogs.add(title);
        return confirmAnswer;
    }

    @Override
    public void show(Dialog<?> dialog) {
        dialogs.add(dialog.getTitle());
    }

    @Override
    public <R> Optional<R> showAndWait(Dialog<R> dialog) {
        dialogs.add(dialog.getTitle());
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title, List<FileType> types) {
        choosers.add(title);
        return Optional.ofNullable(files.poll());
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, String suggestedName, List<FileType> types) {
        choosers.add(title + " [" + suggestedName + "]");
        return Optional.ofNullable(files.poll());
    }

    /** The answers of the next file choosers, in order. */
    public RecordingDialogs answerFiles(Path... answers) {
        files.addAll(List.of(answers));
        return this;
    }

    /** What every confirmation answers from now on. */
    public RecordingDialogs answerConfirm(boolean answer) {
        confirmAnswer = answer;
        return this;
    }

    public List<String> errors() {
        return errors;
    }

    public List<String> infos() {
        return infos;
    }

    /** The titles of the confirmations and custom dialogs shown, in order. */
    public List<String> dialogs() {
        return dialogs;
    }

    /** The titles of the file choosers shown (a save chooser with its suggested name in brackets). */
    public List<String> choosers() {
        return choosers;
    }
}
