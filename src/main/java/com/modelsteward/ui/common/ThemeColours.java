package com.modelsteward.ui.common;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.collections.WeakListChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.Background;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * The theme's looked-up colours for what Java draws itself (TilesFX tiles, canvas sparklines), so that no colour is
 * written in Java and a theme switch reaches those too. A colour is resolved by styling a throw-away region with the
 * scene's stylesheets, once per stylesheet list and name; FX thread only.
 */
public final class ThemeColours {

    private static final Map<List<String>, Map<String, Color>> RESOLVED = new ConcurrentHashMap<>();

    private ThemeColours() {
    }

    /** The colours of {@code node}'s scene, or of the light theme while the node is in no scene. */
    public static Function<String, Color> of(Node node) {
        Scene scene = node.getScene();
        List<String> stylesheets = scene == null || scene.getStylesheets().isEmpty() ? Theme.LIGHT.stylesheets() : List.copyOf(scene.getStylesheets());
        Map<String, Color> colours = RESOLVED.computeIfAbsent(stylesheets, sheets -> new ConcurrentHashMap<>());
        return name -> colours.computeIfAbsent(name, looked -> resolve(stylesheets, looked));
    }

    /**
     * Calls {@code apply} with the colours now, and again whenever the node joins a scene or its scene's theme changes.
     */
    public static void follow(Node node, Consumer<Function<String, Color>> apply) {
        apply.accept(of(node));
        ListChangeListener<String> themeChanged = change -> apply.accept(of(node));
        // The scene holds the listener weakly and the node strongly: a table cell dropped by its table is not kept alive.
        node.getProperties().put(new Object(), themeChanged);
        WeakListChangeListener<String> weakly = new WeakListChangeListener<>(themeChanged);
        InvalidationListener sceneChanged = new InvalidationListener() {
            private Scene watched;

            @Override
            public void invalidated(javafx.beans.Observable observable) {
                if (watched != null) {
                    watched.getStylesheets().removeListener(weakly);
                }
                watched = node.getScene();
                if (watched != null) {
                    watched.getStylesheets().addListener(weakly);
                }
                apply.accept(of(node));
            }
        };
        node.sceneProperty().addListener(sceneChanged);
        if (node.getScene() != null) {
            sceneChanged.invalidated(node.sceneProperty());
        }
    }

    private static Color resolve(List<String> stylesheets, String name) {
        Region probe = new Region();
        probe.setStyle("-fx-background-color: " + name + ";");
        Scene scene = new Scene(probe);
        scene.getStylesheets().setAll(stylesheets);
        probe.applyCss();
        Background background = probe.getBackground();
        Paint fill = background == null || background.getFills().isEmpty() ? null : background.getFills().getFirst().getFill();
        if (fill instanceof Color colour) {
            return colour;
        }
        throw new IllegalStateException("the theme defines no colour " + name + " in " + stylesheets);
    }
}
