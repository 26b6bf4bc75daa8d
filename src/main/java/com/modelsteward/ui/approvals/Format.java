package com.modelsteward.ui.approvals;

import com.modelsteward.registry.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** How the governance dialogs write numbers, times and ages. */
final class Format {

    private Format() {
    }

    /** Four decimals, so that a column of values lines up; a missing value reads "—", never 0. */
    static String number(Double value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%.4f", value);
    }

    static String signed(Double value) {
        if (value == null) {
            return "—";
        }
        return (value >= 0 ? "+" : "−") + number(Math.abs(value));
    }

    /** "2026-10-31 06:00 UTC". */
    static String time(String timestamp) {
        if (timestamp == null) {
            return "—";
        }
        Instant at = Timestamps.parse(timestamp);
        return at.toString().substring(0, 16).replace('T', ' ') + " UTC";
    }

    static Duration age(String timestamp, Clock clock) {
        return timestamp == null ? Duration.ZERO : Duration.between(Timestamps.parse(timestamp), clock.instant());
    }

    /** "3 d 4 h", "5 h 12 min", "40 min". */
    static String duration(Duration duration) {
        if (duration.isNegative()) {
            return "0 min";
        }
        long days = duration.toDays();
        long hours = duration.toHoursPart();
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + duration.toMinutesPart() + " min";
        }
        return duration.toMinutes() + " min";
    }
}
