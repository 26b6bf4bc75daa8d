package com.modelsteward.ui.overview;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.Outbox;
import com.modelsteward.registry.RegistryEvent;
import com.modelsteward.registry.Timestamps;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * An outbox event as a person reads it: "rachel.okafor approved REQ-000015 — momentum_xgb 3.2.0 is ACTIVE, 3.1.0
 * retired", at a local time with its offset. The raw type and payload stay available behind the Overview's toggle.
 */
final class EventSentence {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

    private EventSentence() {
    }

    /** {@code createdAt} (UTC, as stored) in {@code zone}, to the minute, with the offset. */
    static String time(RegistryEvent event, ZoneId zone) {
        try {
            return LOCAL.format(Timestamps.parse(event.createdAt()).atZone(zone));
        } catch (RuntimeException unreadable) {
            return event.createdAt();
        }
    }

    static String of(RegistryEvent event) {
        JsonNode payload;
        try {
            payload = CanonicalJson.mapper().readTree(event.payloadJson());
        } catch (Exception unreadable) {
            return event.eventType() + " (its details cannot be read)";
        }
        if (payload == null || !payload.isObject()) {
            return event.eventType();
        }
        return switch (event.eventType()) {
            case Outbox.ROLLOUT_COMPLETED -> rollout(payload);
            case Outbox.ROLLBACK_COMPLETED -> rollback(payload);
            case Outbox.DRIFT_ALERT -> driftAlert(payload);
            case Outbox.DRIFT_SAMPLES_IMPORTED -> samplesImported(payload);
            default -> event.eventType();
        };
    }

    private static String rollout(JsonNode p) {
        String name = text(p, "model_name");
        List<String> approvers = new ArrayList<>();
        p.path("approvers").forEach(approver -> approvers.add(approver.asText()));
        String who = approvers.isEmpty() ? "The engine" : String.join(" and ", approvers);
        String previous = text(p, "previous_active_id");
        return who + " approved " + text(p, "request_id") + " — " + name + " " + version(name, text(p, "model_id")) + " is "
                + text(p, "to_state") + (previous.isEmpty() ? "" : ", " + version(name, previous) + " retired");
    }

    private static String rollback(JsonNode p) {
        String name = text(p, "model_name");
        String from = text(p, "from_model_id");
        String reason = text(p, "reason");
        return text(p, "rolled_back_by") + " rolled back " + name + " (" + text(p, "request_id") + ") — " + version(name, text(p, "to_model_id"))
                + " is live again" + (from.isEmpty() ? "" : ", " + version(name, from) + " retired")
                + (reason.isEmpty() ? "" : ": “" + reason + "”");
    }

    private static String driftAlert(JsonNode p) {
        return "Drift alert on " + text(p, "model_id") + ": " + text(p, "feature") + " is " + text(p, "severity") + " ("
                + text(p, "metric") + " " + number(p.path("value")) + ", threshold " + number(p.path("threshold")) + ")";
    }

    private static String samplesImported(JsonNode p) {
        return text(p, "imported_by") + " imported " + text(p, "rows") + " " + text(p, "role") + " drift samples for " + text(p, "model_id")
                + " from " + text(p, "file");
    }

    /** "3.2.0" for momentum_xgb-3.2.0 of momentum_xgb; the whole id when it is not named after its model. */
    private static String version(String name, String modelId) {
        return !name.isEmpty() && modelId.startsWith(name + "-") ? modelId.substring(name.length() + 1) : modelId;
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.path(field);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    private static String number(JsonNode value) {
        return value.isNumber() ? String.format(java.util.Locale.ROOT, "%.3g", value.asDouble()) : value.asText();
    }
}
