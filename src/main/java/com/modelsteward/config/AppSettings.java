package com.modelsteward.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * Small per-user settings (window geometry, last and recent registries, pinned keys). Written atomically (temp file + move)
 * so a crash never leaves a half-written file. A missing or unreadable file means defaults.
 */
public final class AppSettings {

    private final Path file;
    private final Properties values = new Properties();

    public AppSettings(Path file) {
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                values.load(in);
            } catch (IOException | IllegalArgumentException unreadable) {
                values.clear();
            }
        }
    }

    public static AppSettings load() {
        return new AppSettings(AppDirs.settingsFile());
    }

    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    public synchronized Optional<Double> getDouble(String key) {
        return get(key).flatMap(value -> {
            try {
                return Optional.of(Double.parseDouble(value));
            } catch (NumberFormatException notANumber) {
                return Optional.empty();
            }
        });
    }

    public synchronized void put(String key, String value) {
        values.setProperty(key, value);
    }

    public synchronized void remove(String key) {
        values.remove(key);
    }

    public synchronized void save() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "settings", ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            values.store(out, "Model Steward settings");
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
