package com.modelsteward.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Which versions an audit entry names: the rule {@code audit_mentions} is filled by (docs/schema.md, "Audit mentions").
 * An entry names version {@code ID} when its entity is {@code model:ID} or {@code model/ID}, or when its entity, or a
 * string or member name anywhere in its payload's JSON, is the id of a version. A payload that is not one JSON value
 * names nothing, as SQLite's {@code json_valid} and PostgreSQL's {@code json} input decide.
 */
public final class AuditMentions {

    private static final JsonFactory JSON = new JsonFactory();

    private AuditMentions() {
    }

    /** The id an entity of the form {@code model:ID} or {@code model/ID} names whether or not it is registered, else null. */
    public static String prefixed(String entity) {
        return entity != null && (entity.startsWith("model:") || entity.startsWith("model/")) ? entity.substring(6) : null;
    }

    /** The ids the entry names among those {@code isVersion} accepts (and the prefixed entity's, always). */
    public static Set<String> named(String entity, String payload, Predicate<String> isVersion) {
        Set<String> named = new LinkedHashSet<>(4);
        String prefixed = prefixed(entity);
        if (prefixed != null) {
            named.add(prefixed);
        }
        if (entity != null && isVersion.test(entity)) {
            named.add(entity);
        }
        strings(payload, text -> {
            if (isVersion.test(text)) {
                named.add(text);
            }
        });
        return named;
    }

    /** Whether {@code entry} names version {@code modelId}: what a reader checks each row of {@code audit_mentions} by. */
    public static boolean names(AuditEntry entry, String modelId) {
        return named(entry.entity(), entry.payloadJson(), modelId::equals).contains(modelId);
    }

    /** Every string and member name of a JSON text, at any depth; none when the text is not exactly one JSON value. */
    static void strings(String json, Consumer<String> each) {
        if (json == null) {
            return;
        }
        List<String> found = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken token = parser.nextToken();
            int depth = 0;
            while (token != null) {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME, VALUE_STRING -> found.add(parser.getText());
                    default -> {
                    }
                }
                if (depth == 0) {
                    // One value and nothing after it: "{} {}" or "{}}" is not JSON, as json_valid decides.
                    if (parser.nextToken() != null) {
                        return;
                    }
                    break;
                }
                token = parser.nextToken();
            }
            if (token == null) {
                return;
            }
        } catch (IOException | RuntimeException notJson) {
            return;
        }
        found.forEach(each);
    }
}
