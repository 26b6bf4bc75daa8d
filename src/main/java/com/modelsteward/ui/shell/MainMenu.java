package com.modelsteward.ui.shell;

import com.modelsteward.registry.Location;
import com.modelsteward.ui.common.Theme;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;

/**
 * The main window's menu bar: File (open a registry, the recent ones, quit), View (one item per page, in sidebar order, with its
 * Shortcut+N accelerator; the page shown is checked; the theme) and Help (keyboard shortcuts, About). Every menu and item has a
 * mnemonic, so the whole bar works without a mouse.
 */
final class MainMenu {

    /** What the File and Help items do; the window supplies them. */
    interface Commands {
        void openRegistry();

        void openRecent(Location location);

        void clearRecent();

        void useTheme(Theme theme);

        void quit();

        void showShortcuts();

        void showAbout();
    }

    private final MenuBar bar = new MenuBar();
    private final Map<String, RadioMenuItem> pageItems = new LinkedHashMap<>();
    private final Commands commands;
    private final Menu recent = new Menu("Open _recent");
    private final Map<Theme, RadioMenuItem> themeItems = new LinkedHashMap<>();

    MainMenu(Commands commands, Consumer<String> showPage) {
        this.commands = commands;
        MenuItem open = item("menu-open-registry", "_Open registry…", commands::openRegistry);
        open.setAccelerator(Shortcuts.OPEN_REGISTRY);
        recent.setId("menu-recent");
        showRecent(List.of());
        MenuItem quit = item("menu-quit", "_Quit", commands::quit);
        quit.setAccelerator(Shortcuts.QUIT);
        Menu file = new Menu("_File", null, open, recent, new SeparatorMenuItem(), quit);

        Menu view = new Menu("_View");
        ToggleGroup shown = new ToggleGroup();
        Set<Character> taken = new HashSet<>();
        for (int i = 0; i < Pages.ALL.size(); i++) {
            Pages.Spec spec = Pages.ALL.get(i);
            RadioMenuItem item = new RadioMenuItem(withMnemonic(spec.title(), taken));
            item.setId("menu-page-" + spec.id());
            item.setToggleGroup(shown);
            Shortcuts.page(i).ifPresent(item::setAccelerator);
            item.setDisable(true);
            item.setOnAction(event -> showPage.accept(spec.id()));
            pageItems.put(spec.id(), item);
            view.getItems().add(item);
        }

        Menu themes = new Menu("_Theme");
        themes.setId("menu-theme");
        ToggleGroup themeGroup = new ToggleGroup();
        for (Theme theme : Theme.values()) {
            RadioMenuItem item = new RadioMenuItem("_" + theme.title());
            item.setId("menu-theme-" + theme.name().toLowerCase(java.util.Locale.ROOT));
            item.setToggleGroup(themeGroup);
            item.setOnAction(event -> commands.useTheme(theme));
            themeItems.put(theme, item);
            themes.getItems().add(item);
        }
        view.getItems().addAll(new SeparatorMenuItem(), themes);

        MenuItem shortcuts = item("menu-shortcuts", "_Keyboard shortcuts", commands::showShortcuts);
        shortcuts.setAccelerator(Shortcuts.SHOW_SHORTCUTS);
        Menu help = new Menu("_Help", null, shortcuts, item("menu-about", "_About Model Steward", commands::showAbout));

        bar.setId("menu-bar");
        bar.getMenus().addAll(file, view, help);
        // On macOS the items move to the screen's menu bar, where users look for them; elsewhere this changes nothing.
        bar.setUseSystemMenuBar(true);
    }

    MenuBar bar() {
        return bar;
    }

    /**
     * Lists the recent registries, newest first, each with its digit as the mnemonic: a file's name, then its folder, so
     * two files with one name are told apart; a server's database and server, then the login. With none, a disabled line
     * says so.
     */
    void showRecent(List<Location> locations) {
        recent.getItems().clear();
        for (int i = 0; i < locations.size(); i++) {
            Location location = locations.get(i);
            MenuItem item = item("menu-recent-" + i, "_" + (i + 1) + "  " + recentLabel(location), () -> commands.openRecent(location));
            recent.getItems().add(item);
        }
        if (locations.isEmpty()) {
            MenuItem none = new MenuItem("No recent registries");
            none.setId("menu-recent-none");
            none.setDisable(true);
            recent.getItems().add(none);
        } else {
            recent.getItems().addAll(new SeparatorMenuItem(), item("menu-recent-clear", "_Clear the list", commands::clearRecent));
        }
    }

    /** "demo.db  —  /home/rachel/registries" or "steward on db.example:5432  —  rachel". */
    static String recentLabel(Location location) {
        return switch (location) {
            case Location.File file -> {
                Path folder = file.path().getParent();
                yield file.path().getFileName() + (folder == null ? "" : "  —  " + folder);
            }
            case Location.Server server -> RegistryNames.serverName(server) + (server.user().isEmpty() ? "" : "  —  " + server.user());
        };
    }

    /** Checks the theme in use (a check mark, as for the page shown). */
    void themeShown(Theme theme) {
        themeItems.forEach((each, item) -> item.setSelected(each == theme));
    }

    /** The page items work only while a registry is open, like the sidebar. */
    void setPagesEnabled(boolean enabled) {
        pageItems.values().forEach(item -> item.setDisable(!enabled));
    }

    /** Checks the item of the page on screen (a check mark, not only a colour); null unchecks all. */
    void pageShown(String pageId) {
        pageItems.forEach((id, item) -> item.setSelected(id.equals(pageId)));
    }

    private static MenuItem item(String id, String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(event -> action.run());
        return item;
    }

    /** The title with its first letter no earlier item took marked as the mnemonic ("A_udit" after "_Approvals"). */
    private static String withMnemonic(String title, Set<Character> taken) {
        for (int i = 0; i < title.length(); i++) {
            char letter = Character.toLowerCase(title.charAt(i));
            if (Character.isLetter(letter) && taken.add(letter)) {
                return title.substring(0, i) + "_" + title.substring(i);
            }
        }
        return title;
    }
}
