package com.modelsteward.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.MapperFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The registry's canonical JSON: object keys sorted by their UTF-16 code units, no insignificant white space,
 * numbers as Jackson writes them, UTF-8. Hashes are lower-case hex SHA-256 of those bytes (docs/schema.md).
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonLimits.jsonFactory())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    private CanonicalJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Canonical form of any JSON text; throws IllegalArgumentException with Jackson's location when it is not JSON. */
    public static String canonicalize(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            return write(tree);
        } catch (JsonProcessingException invalid) {
            throw new IllegalArgumentException("not valid JSON: " + invalid.getOriginalMessage(), invalid);
        }
    }

    public static String write(Object value) {
        try {
            Object tree = value instanceof JsonNode ? value : MAPPER.valueToTree(value);
            return MAPPER.writeValueAsString(sortKeys((JsonNode) tree));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot write canonical JSON", impossible);
        }
    }

    /** Parses JSON the app wrote itself (audit payloads); text that is not JSON is a corrupted row, reported as such. */
    public static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            throw new RegistryException("E_AUDIT_BROKEN", "an audit payload is not JSON: " + unreadable.getOriginalMessage());
        }
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    /** SHA-256 of the canonical form: the training_config_hash convention. */
    public static String hashOfJson(String json) {
        return sha256Hex(canonicalize(json));
    }

    private static JsonNode sortKeys(JsonNode node) {
        if (node.isObject()) {
            var sorted = MAPPER.createObjectNode();
            var names = new java.util.ArrayList<String>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String name : names) {
                sorted.set(name, sortKeys(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            var array = MAPPER.createArrayNode();
            node.forEach(element -> array.add(sortKeys(element)));
            return array;
        }
        return node;
    }
}
