package com.modelsteward.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registries this user opened last, newest first, kept in the settings as {@code registry.recent.0} … so that
 * File ▸ Open recent lists them. A path is listed once (the same file reached by another spelling counts once).
 */
public final class RecentRegistries {

    /** As many as a menu shows at a glance, each with a digit as its mnemonic. */
    public static final int LIMIT = 9;
    private static final String KEY = "registry.recent.";

    private RecentRegistries() {
    }

    public static List<Path> read(AppSettings settings) {
        List<Path> recent = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            Optional<String> value = settings.get(KEY + i);
            if (value.isEmpty()) {
                break;
            }
            recent.add(Path.of(value.get()));
        }
        return recent;
    }

    /** Puts {@code file} first and returns the new list; the oldest falls off past {@link #LIMIT}. */
    public static List<Path> remember(AppSettings settings, Path file) {
        Path normal = file.toAbsolutePath().normalize();
        List<Path> recent = new ArrayList<>(List.of(normal));
        for (Path earlier : read(settings)) {
            if (!earlier.toAbsolutePath().normalize().equals(normal) && recent.size() < LIMIT) {
                recent.add(earlier);
            }
        }
        write(settings, recent);
        return recent;
    }

    public static void clear(AppSettings settings) {
        write(settings, List.of());
    }

    private static void write(AppSettings settings, List<Path> recent) {
        for (int i = 0; i < LIMIT; i++) {
            if (i < recent.size()) {
                settings.put(KEY + i, recent.get(i).toString());
            } else {
                settings.remove(KEY + i);
            }
        }
    }
}
