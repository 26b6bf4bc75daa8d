package com.modelsteward.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The app's version as the pom gives it (a resource Maven fills in), so the jar, the packages and tests agree. */
public final class AppVersion {

    private static final String RESOURCE = "version.properties";

    private AppVersion() {
    }

    /** Reads a resource from the jar: call it off the FX thread. "unknown" when the build did not supply one. */
    public static String current() {
        try (InputStream in = AppVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            return version.isEmpty() || version.startsWith("${") ? "unknown" : version;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
