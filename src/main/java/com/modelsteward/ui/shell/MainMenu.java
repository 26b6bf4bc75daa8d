package com.modelsteward.ui.shell;

import java.util.HashSet;
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
 * The main window's menu bar: File (open a registry, quit), View (one item per page, in sidebar order, with its
 * Shortcut+N accelerator; the page shown is checked) and Help (keyboard shortcuts, About). Every menu and item has a
 * mnemonic, so the whole bar works without a mouse.
 */
final class MainMenu {

    /** What the File and Help items do; the window supplies them. */
    interface Commands {
        void openRegistry();

        void quit();

        void showShortcuts();

        void showAbout();
    }

    private final MenuBar bar = new MenuBar();
    private final Map<String, RadioMenuItem> pageItems = new LinkedHashMap<>();

    MainMenu(Commands commands, Consumer<String> showPage) {
        MenuItem open = item("menu-open-registry", "_Open registry…", commands::openRegistry);
        open.setAccelerator(Shortcuts.OPEN_REGISTRY);
        MenuItem quit = item("menu-quit", "_Quit", commands::quit);
        quit.setAccelerator(Shortcuts.QUIT);
        Menu file = new Menu("_File", null, open, new SeparatorMenuItem(), quit);

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
