package com.modelsteward.ui.shell;

import com.modelsteward.ui.common.AppContext;
import com.modelsteward.ui.common.FxTaskRunner;
import com.modelsteward.ui.common.Page;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The window's frame: navigation on the left, the current page, a banner for read-only states, and a status bar. */
final class MainWindow {

    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final VBox banners = new VBox();
    private final Map<String, ToggleButton> navButtons = new LinkedHashMap<>();
    private final Map<String, Page> pages = new HashMap<>();
    private final ToggleGroup navGroup = new ToggleGroup();
    private final Label registryLabel = new Label("No registry open");
    private final Label userLabel = new Label();
    private final Label monitorLabel = new Label();
    private AppContext context;
    private String currentPage;

    MainWindow(FxTaskRunner tasks, Runnable openRegistry) {
        VBox nav = new VBox(4);
        nav.getStyleClass().add("nav");
        nav.setPadding(new Insets(12, 8, 12, 8));
        Label brand = new Label("Model Steward");
        brand.getStyleClass().add("brand");
        nav.getChildren().add(brand);
        for (Pages.Spec spec : Pages.ALL) {
            ToggleButton button = new ToggleButton(spec.title());
            button.setId("nav-" + spec.id());
            button.setToggleGroup(navGroup);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setAlignment(Pos.CENTER_LEFT);
            button.getStyleClass().add("nav-button");
            button.setOnAction(event -> {
                if (button.isSelected() || spec.id().equals(currentPage)) {
                    show(spec.id());
                }
                button.setSelected(true);
            });
            button.setDisable(true);
            navButtons.put(spec.id(), button);
            nav.getChildren().add(button);
        }
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Button open = new Button("Open registry…");
        open.setId("open-registry");
        open.setMaxWidth(Double.MAX_VALUE);
        open.setOnAction(event -> openRegistry.run());
        nav.getChildren().addAll(spacer, open);

        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(140);
        progress.progressProperty().bind(tasks.progressProperty());
        progress.visibleProperty().bind(tasks.runningProperty().greaterThan(0));
        Label taskLabel = new Label();
        taskLabel.textProperty().bind(tasks.messageProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox status = new HBox(12, registryLabel, userLabel, monitorLabel, grow, taskLabel, progress);
        status.getStyleClass().add("status-bar");
        status.setAlignment(Pos.CENTER_LEFT);
        userLabel.setId("status-user");

        content.getStyleClass().add("content");
        root.setLeft(nav);
        root.setTop(banners);
        root.setCenter(content);
        root.setBottom(status);
        showMessage("Opening registry…");
    }

    BorderPane root() {
        return root;
    }

    /** Shows the pages of a newly opened registry, starting with the Overview. */
    void attach(AppContext newContext) {
        this.context = newContext;
        pages.clear();
        newContext.setNavigator(this::show);
        registryLabel.setText("Registry: " + newContext.registry().file() + " (schema v" + newContext.registry().schemaVersion() + ")");
        userLabel.setText("User: " + newContext.user() + (newContext.roles().isEmpty() ? " (no role: view only)" : " (" + String.join(", ", newContext.roles()) + ")"));
        banners.getChildren().clear();
        newContext.registry().readOnlyReason().ifPresent(reason -> banners.getChildren().add(banner("banner-read-only",
                "⚠ Read-only: " + newContext.registry().file().getFileName() + " is open read-only because " + reason + ".")));
        if (newContext.roles().isEmpty()) {
            banners.getChildren().add(banner("banner-no-role", "⚠ View only: " + newContext.user()
                    + " is not in this registry's principals, so the console only shows data. Ask an ADMIN to add you."));
        }
        navButtons.values().forEach(button -> button.setDisable(false));
        show("overview");
    }

    void show(String pageId) {
        if (context == null) {
            return;
        }
        Pages.Spec spec = Pages.ALL.stream().filter(s -> s.id().equals(pageId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no page " + pageId));
        Page page = pages.computeIfAbsent(pageId, id -> spec.factory().apply(context));
        currentPage = pageId;
        navButtons.get(pageId).setSelected(true);
        content.getChildren().setAll(page.root());
        page.refresh();
    }

    Page page(String pageId) {
        return pages.get(pageId);
    }

    String currentPage() {
        return currentPage;
    }

    /** Another process committed: reload what is on screen; other pages reload when shown. */
    void registryChanged() {
        if (context != null && currentPage != null) {
            pages.get(currentPage).refresh();
            monitorLabel.setText("");
        }
    }

    void monitorFailed(String message) {
        monitorLabel.setText("⚠ live refresh paused: " + message);
    }

    void showMessage(String message) {
        Label label = new Label(message);
        label.getStyleClass().add("placeholder-message");
        label.setWrapText(true);
        content.getChildren().setAll(label);
    }

    /** After a failed open: no registry, every page disabled, the reason on screen. */
    void detach(String message) {
        context = null;
        currentPage = null;
        pages.clear();
        banners.getChildren().clear();
        navButtons.values().forEach(button -> {
            button.setDisable(true);
            button.setSelected(false);
        });
        registryLabel.setText("No registry open");
        userLabel.setText("");
        showMessage(message);
    }

    private static Node banner(String id, String text) {
        Label label = new Label(text);
        label.setId(id);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.getStyleClass().add("banner");
        return label;
    }

}
