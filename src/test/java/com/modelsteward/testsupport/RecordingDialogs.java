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
 * Dialogs for ViewModel tests: records what would have been shown ("title: message", errors and infos apart, and the
 * titles of file choosers) and answers: confirmations no, file choosers with the paths queued by {@link #answerFiles}
 * (cancelled when none is left).
 */
public final class RecordingDialogs implements DialogService {

    private final List<String> errors = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();
    private final List<String> choosers = new ArrayList<>();
    private final Deque<Path> files = new ArrayDeque<>();

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

    /** A view model never builds a dialog (DialogSeamTest): a test that gets here found a defect. */
    @Override
    public void show(Dialog<?> dialog) {
        throw new AssertionError("a view model showed the dialog \"" + dialog.getTitle() + "\"");
    }

    @Override
    public <R> Optional<R> showAndWait(Dialog<R> dialog) {
        throw new AssertionError("a view model showed the dialog \"" + dialog.getTitle() + "\"");
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

    public List<String> errors() {
        return errors;
    }

    public List<String> infos() {
        return infos;
    }

    /** The titles of the file choosers shown (a save chooser with its suggested name in brackets). */
    public List<String> choosers() {
        return choosers;
    }
}
