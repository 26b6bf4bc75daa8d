package com.modelsteward.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Form 1 of the canonical JSON, kept only to verify what was hashed or signed with it before RFC 8785 (ADR 0014):
 * keys sorted by UTF-16 code units, numbers and escapes as Jackson writes them ({@code 1.0E-4}, {@code \u001B}),
 * non-finite numbers as the strings {@code "NaN"}/{@code "Infinity"}. Nothing new is written in this form, except the
 * scorecard fingerprint of a pending request, which only this app recomputes and compares.
 */
public final class LegacyCanonicalJson {

    private LegacyCanonicalJson() {
    }

    /** Form 1 of any JSON text; throws IllegalArgumentException with Jackson's reason when it is not JSON. */
    public static String canonicalize(String json) {
        try {
            return write(CanonicalJson.mapper().readTree(json));
        } catch (JsonProcessingException invalid) {
            throw new IllegalArgumentException("not valid JSON: " + invalid.getOriginalMessage(), invalid);
        }
    }

    public static String write(Object value) {
        try {
            Object tree = value instanceof JsonNode ? value : CanonicalJson.mapper().valueToTree(value);
            return CanonicalJson.mapper().writeValueAsString(sortKeys((JsonNode) tree));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot write canonical JSON", impossible);
        }
    }

    public static String hashOfJson(String json) {
        return CanonicalJson.sha256Hex(canonicalize(json));
    }

    private static JsonNode sortKeys(JsonNode node) {
        if (node.isObject()) {
            var sorted = CanonicalJson.mapper().createObjectNode();
            var names = new java.util.ArrayList<String>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String name : names) {
                sorted.set(name, sortKeys(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            var array = CanonicalJson.mapper().createArrayNode();
            node.forEach(element -> array.add(sortKeys(element)));
            return array;
        }
        return node;
    }
}
