package com.modelsteward.ui.common;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The console's colour themes. Every colour is a looked-up colour defined in {@code light.css}; a theme other than
 * light is one small stylesheet after it that gives those colours other values, so views and dialogs never name a
 * colour themselves.
 */
public enum Theme {
    LIGHT("Light", List.of("/styles/light.css")),
    DARK("Dark", List.of("/styles/light.css", "/styles/dark.css"));

    /** Where the choice is remembered in the settings. */
    public static final String SETTING = "console.theme";

    private final String title;
    private final List<String> resources;

    Theme(String title, List<String> resources) {
        this.title = title;
        this.resources = resources;
    }

    public String title() {
        return title;
    }

    /** The stylesheets to set on a scene or a dialog pane, as URLs. */
    public List<String> stylesheets() {
        return resources.stream().map(resource -> Objects.requireNonNull(Theme.class.getResource(resource), resource).toExternalForm()).toList();
    }

    /** The theme a setting names; anything else (a hand-edited file, a theme from a newer version) is the light one. */
    public static Theme named(Optional<String> setting) {
        return setting.map(name -> name.strip().toUpperCase(Locale.ROOT)).flatMap(name -> {
            for (Theme theme : values()) {
                if (theme.name().equals(name)) {
                    return Optional.of(theme);
                }
            }
            return Optional.empty();
        }).orElse(LIGHT);
    }
}
