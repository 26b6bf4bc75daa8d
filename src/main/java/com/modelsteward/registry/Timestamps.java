package com.modelsteward.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The registry's one timestamp format: ISO-8601 UTC with milliseconds, e.g. {@code 2026-11-22T10:15:30.123Z}. */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    public static String now(Clock clock) {
        return format(clock.instant());
    }

    /** Parses the registry's format and the looser ISO forms other writers use (no millis, offsets). */
    public static Instant parse(String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException notInstant) {
            return java.time.OffsetDateTime.parse(text).toInstant();
        }
    }
}
