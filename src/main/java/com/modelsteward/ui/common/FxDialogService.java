package com.modelsteward.ui.common;

import java.io.File;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogEvent;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Window;

/**
 * Dialogs owned by the main window, placed on the screen that window is on, and styled with the app's stylesheets (a
 * separate window does not inherit them); a dialog that is open when the theme changes follows it.
 */
public final class FxDialogService implements DialogService {

    /** Room left between a dialog and the screen's edges, so that its frame and the desktop's panels stay visible. */
    private static final double MARGIN = 24;

    private final Window owner;
    private final ObservableList<String> stylesheets;

    public FxDialogService(Window owner, List<String> stylesheets) {
        this(owner, FXCollections.observableArrayList(stylesheets));
    }

    /** @param stylesheets the theme's stylesheets, which the caller changes when the user picks another theme */
    public FxDialogService(Window owner, ObservableList<String> stylesheets) {
        this.owner = owner;
        this.stylesheets = stylesheets;
    }

    @Override
    public void showError(String title, String message) {
        showAndWait(alert(Alert.AlertType.ERROR, title, message));
    }

    @Override
    public void showInfo(String title, String message) {
        showAndWait(alert(Alert.AlertType.INFORMATION, title, message));
    }

    @Override
    public boolean confirm(String title, String message) {
        return showAndWait(alert(Alert.AlertType.CONFIRMATION, title, message)).filter(ButtonType.OK::equals).isPresent();
    }

    @Override
    public void show(Dialog<?> dialog) {
        prepare(dialog);
        dialog.show();
    }

    @Override
    public <R> Optional<R> showAndWait(Dialog<R> dialog) {
        prepare(dialog);
        return dialog.showAndWait();
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title, List<FileType> types) {
        return Optional.ofNullable(chooser(title, types).showOpenDialog(activeWindow())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, String suggestedName, List<FileType> types) {
        FileChooser chooser = chooser(title, types);
        chooser.setInitialFileName(suggestedName);
        return Optional.ofNullable(chooser.showSaveDialog(activeWindow())).map(File::toPath);
    }

    /**
     * The screen a window is on: the one holding most of it. Dialogs are sized and kept inside this one — measured
     * against the primary screen instead, a dialog of a window on a second monitor was pulled over to the first.
     */
    static Rectangle2D screenOf(Rectangle2D window, List<Rectangle2D> screens, Rectangle2D primary) {
        return screens.stream().filter(screen -> overlap(screen, window) > 0)
                .max(Comparator.comparingDouble(screen -> overlap(screen, window))).orElse(primary);
    }

    /** Where a dialog at ({@code x}, {@code y}) of this size goes so that it lies inside {@code screen} (top-left wins). */
    static double[] inside(Rectangle2D screen, double x, double y, double width, double height) {
        return new double[] {
            Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - width)),
            Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - height))};
    }

    private static double overlap(Rectangle2D a, Rectangle2D b) {
        double width = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
        double height = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
        return width <= 0 || height <= 0 ? 0 : width * height;
    }

    private Rectangle2D ownersScreen() {
        Rectangle2D primary = Screen.getPrimary().getVisualBounds();
        if (owner == null || Double.isNaN(owner.getX()) || owner.getWidth() <= 0) {
            return primary;
        }
        return screenOf(new Rectangle2D(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight()),
                Screen.getScreens().stream().map(Screen::getVisualBounds).toList(), primary);
    }

    /**
     * Owner, theme, size and place: a dialog never larger than its owner's screen (a risk officer's laptop is smaller than
     * a dialog's design size, and the content scrolls), and, once shown, pulled back inside that screen where centring
     * it on the owner made it reach past an edge.
     */
    private void prepare(Dialog<?> dialog) {
        if (dialog.getOwner() == null && owner != null) {
            dialog.initOwner(owner);
        }
        DialogPane pane = dialog.getDialogPane();
        style(pane);
        Rectangle2D screen = ownersScreen();
        fitTo(pane, screen);
        dialog.addEventHandler(DialogEvent.DIALOG_SHOWN, event -> {
            double[] place = inside(screen, dialog.getX(), dialog.getY(), dialog.getWidth(), dialog.getHeight());
            dialog.setX(place[0]);
            dialog.setY(place[1]);
        });
    }

    /** Shrinks a dialog's design size to what fits on {@code screen} with a margin, and never lets it grow past the screen. */
    public static void fitTo(DialogPane pane, Rectangle2D screen) {
        if (pane.getPrefWidth() > screen.getWidth() - 2 * MARGIN) {
            pane.setPrefWidth(screen.getWidth() - 2 * MARGIN);
        }
        if (pane.getPrefHeight() > screen.getHeight() - 2 * MARGIN) {
            pane.setPrefHeight(screen.getHeight() - 2 * MARGIN);
        }
        pane.setMaxSize(screen.getWidth() - MARGIN, screen.getHeight() - 2 * MARGIN);
    }

    /**
     * The theme on the pane, and on whatever is made the scene's root around it: ControlsFX's decorations (the required
     * fields' messages) live in a pane it makes the root with a copy of the stylesheets, which a theme chosen while the
     * dialog is open would leave behind.
     */
    private void style(DialogPane pane) {
        Bindings.bindContent(pane.getStylesheets(), stylesheets);
        ChangeListener<Parent> rootFollows = (property, before, root) -> {
            if (root != null && root != pane) {
                Bindings.bindContent(root.getStylesheets(), stylesheets);
            }
        };
        pane.sceneProperty().addListener((property, before, scene) -> {
            if (scene != null) {
                scene.rootProperty().addListener(rootFollows);
                rootFollows.changed(scene.rootProperty(), null, scene.getRoot());
            }
        });
        if (pane.getScene() != null) {
            pane.getScene().rootProperty().addListener(rootFollows);
            rootFollows.changed(pane.getScene().rootProperty(), null, pane.getScene().getRoot());
        }
    }

    /** The console's window the user is looking at (an open dialog rather than the main window), for a file chooser. */
    private Window activeWindow() {
        return Window.getWindows().stream().filter(Window::isFocused).findFirst().orElse(owner);
    }

    private static FileChooser chooser(String title, List<FileType> types) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        for (FileType type : types) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(type.description(), type.patterns()));
        }
        return chooser;
    }

    private Alert alert(Alert.AlertType type, String title, String message) {
        Alert alert = new Alert(type);
        alert.setTitle(title);
        alert.setHeaderText(title);
        Label text = new Label(message);
        text.setWrapText(true);
        // A label's preferred width is its text on one line, and the dialog took it: a long sentence made it wider than
        // the screen. At 520 px the text wraps.
        text.setPrefWidth(520);
        text.setMaxWidth(520);
        alert.getDialogPane().setContent(text);
        return alert;
    }
}
