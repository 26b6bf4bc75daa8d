package com.modelsteward.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registries this user opened last, newest first, kept in the settings as {@code registry.recent.0} … so that
 * File ▸ Open recent lists them. Each is kept as the console shows it: a file's absolute path, or a server's address
 * without its password ({@code postgresql://rachel@db.example:5432/steward}); an entry is listed once.
 */
public final class RecentRegistries {

    /** As many as a menu shows at a glance, each with a digit as its mnemonic. */
    public static final int LIMIT = 9;
    private static final String KEY = "registry.recent.";

    private RecentRegistries() {
    }

    public static List<String> read(AppSettings settings) {
        List<String> recent = new ArrayList<>();
        for (int i = 0; i < LIMIT; i++) {
            Optional<String> value = settings.get(KEY + i);
            if (value.isEmpty()) {
                break;
            }
            recent.add(value.get());
        }
        return recent;
    }

    /**
     * Puts {@code registry} first and returns the new list; the oldest falls off past {@link #LIMIT}. The caller gives
     * one spelling per registry (a normalised path; an address that holds no password).
     */
    public static List<String> remember(AppSettings settings, String registry) {
        List<String> recent = new ArrayList<>(List.of(registry));
        for (String earlier : read(settings)) {
            if (!earlier.equals(registry) && recent.size() < LIMIT) {
                recent.add(earlier);
            }
        }
        write(settings, recent);
        return recent;
    }

    public static void clear(AppSettings settings) {
        write(settings, List.of());
    }

    private static void write(AppSettings settings, List<String> recent) {
        for (int i = 0; i < LIMIT; i++) {
            if (i < recent.size()) {
                settings.put(KEY + i, recent.get(i));
            } else {
                settings.remove(KEY + i);
            }
        }
    }
}
