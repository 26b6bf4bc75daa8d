package com.modelsteward.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the console keeps per-user data: the demo registry, settings, keys.
 * Never the installation directory, so a packaged app works from a read-only location.
 */
public final class AppDirs {

    /** Overrides the data directory; tests and packaged smoke runs point it at a temp folder. */
    public static final String HOME_PROPERTY = "steward.home";
    public static final String HOME_ENV = "MODEL_STEWARD_HOME";

    private AppDirs() {
    }

    public static Path dataDir() {
        String configured = System.getProperty(HOME_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = Environment.process().get(HOME_ENV).orElse(null);
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        // The OS account's home, never user.home or $HOME: those are whatever the client says (docs/security.md).
        return OsAccount.current().home().resolve(".model-steward");
    }

    public static Path demoRegistry() {
        return dataDir().resolve("demo.db");
    }

    public static Path settingsFile() {
        return dataDir().resolve("settings.properties");
    }

    public static Path ensureDataDir() throws java.io.IOException {
        Path dir = dataDir();
        Files.createDirectories(dir);
        return dir;
    }
}
