package com.modelsteward.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.modelsteward.registry.RegistryException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import org.erdtman.jcs.JsonCanonicalizer;
import org.erdtman.jcs.NumberToJSON;

/**
 * The registry's canonical JSON, form 2: RFC 8785, the JSON Canonicalization Scheme (ADR 0014, docs/schema.md
 * "Canonical JSON"). Keys sorted by their UTF-16 code units, no insignificant white space, numbers as ECMAScript
 * writes a double ({@code 0.0001}, {@code 1e-7}, {@code 1e+21}, {@code 0} for minus zero), UTF-8. Hashes are lower-case
 * hex SHA-256 of those bytes. The pipeline reproduces them with Python's {@code rfc8785} package.
 *
 * <p>Values that RFC 8785 cannot write exactly are refused, never approximated, with {@link Unrepresentable} naming
 * their path: non-finite numbers, integers a double would round (2<sup>53</sup>+1 becomes 2<sup>53</sup>), and text with a lone UTF-16 surrogate, which is not Unicode. Form 1 ({@link LegacyCanonicalJson}) is kept to
 * verify what was hashed or signed before.
 */
public final class CanonicalJson {

    /** The form new hashes and signatures use, as named in docs/schema.md. */
    public static final String FORM = "RFC8785";

    /**
     * Integers up to this size are doubles exactly (I-JSON, RFC 7493 section 2.2); a larger one is accepted only when
     * RFC 8785 writes it back digit for digit, as it does for its own output of a large double ({@code 1e20}).
     */
    private static final BigInteger MAX_SAFE_INTEGER = BigInteger.valueOf((1L << 53) - 1);

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonLimits.jsonFactory())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    /** A value the canonical form cannot hold exactly; {@link #path()} is where it is, e.g. {@code training_config.lr}. */
    public static final class Unrepresentable extends IllegalArgumentException {

        private final String path;

        Unrepresentable(String path, String problem) {
            super(path + " " + problem);
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    private CanonicalJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Canonical form of any JSON text; throws IllegalArgumentException with Jackson's reason when it is not JSON, and
     * {@link Unrepresentable} when it holds a value the form cannot write exactly.
     */
    public static String canonicalize(String json) {
        try {
            return write(MAPPER.readTree(json));
        } catch (JsonProcessingException invalid) {
            throw new IllegalArgumentException("not valid JSON: " + invalid.getOriginalMessage(), invalid);
        }
    }

    /** Canonical form of a value the app built (a map, a record, a tree); paths in a refusal start at the top level. */
    public static String write(Object value) {
        return write(value, "");
    }

    /**
     * Canonical form of {@code value}, which sits at {@code path} of its document (e.g. {@code training_config}), so
     * that a refusal names the place the user wrote, like {@code training_config.lr}.
     */
    public static String write(Object value, String path) {
        JsonNode tree = value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
        check(tree, path);
        try {
            return new JsonCanonicalizer(MAPPER.writeValueAsString(tree)).getEncodedString();
        } catch (IOException impossible) {
            throw new IllegalStateException("cannot write canonical JSON of a checked value", impossible);
        }
    }

    /** Parses JSON the app wrote itself (audit payloads); text that is not JSON is a corrupted row, reported as such. */
    public static JsonNode parse(String json) {
        try {
            return mapper().readTree(json);
        } catch (JsonProcessingException unreadable) {
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

    /** SHA-256 of the canonical form: the training_config_hash convention for everything registered from now on. */
    public static String hashOfJson(String json) {
        return sha256Hex(canonicalize(json));
    }

    /**
     * The hash of a stored config to compare with its stored {@code training_config_hash}: in the form that matches it,
     * RFC 8785 or form 1 for rows written before it (ADR 0014), else the RFC 8785 hash (form 1 when RFC 8785 refuses the
     * value). Both forms hash the same value, so a match in either proves as much. Throws IllegalArgumentException only
     * when the stored config is not JSON.
     */
    public static String recomputedHash(String json, String storedHash) {
        String stored = storedHash == null ? "" : storedHash.strip().toLowerCase(java.util.Locale.ROOT);
        String current = null;
        try {
            current = hashOfJson(json);
            if (current.equals(stored)) {
                return current;
            }
        } catch (Unrepresentable formOneOnly) {
            // a value RFC 8785 refuses can only have been hashed in form 1
        }
        String formOne = LegacyCanonicalJson.hashOfJson(json);
        return formOne.equals(stored) || current == null ? formOne : current;
    }

    /** Whether {@code storedHash} is the hash of the stored config in either form ({@link #recomputedHash}). */
    public static boolean hashMatches(String json, String storedHash) {
        return storedHash != null && recomputedHash(json, storedHash).equalsIgnoreCase(storedHash.strip());
    }

    private static void check(JsonNode node, String path) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                int lone = loneSurrogate(field.getKey());
                if (lone >= 0) {
                    throw new Unrepresentable(path.isEmpty() ? "a key at the top level" : "a key in " + path,
                            "holds a lone UTF-16 surrogate (" + escape(field.getKey().charAt(lone)) + " at character " + (lone + 1)
                                    + "), which is not Unicode text");
                }
                check(field.getValue(), child(path, field.getKey()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), (path.isEmpty() ? "$" : path) + "[" + i + "]");
            }
        } else if (node.isTextual()) {
            int lone = loneSurrogate(node.textValue());
            if (lone >= 0) {
                throw new Unrepresentable(name(path), "holds a lone UTF-16 surrogate (" + escape(node.textValue().charAt(lone))
                        + " at character " + (lone + 1) + "), which is not Unicode text");
            }
        } else if (node.isIntegralNumber()) {
            BigInteger integer = node.bigIntegerValue();
            if (integer.abs().compareTo(MAX_SAFE_INTEGER) > 0) {
                String written = Double.isFinite(integer.doubleValue()) ? numberText(integer.doubleValue()) : "nothing (it is beyond a double)";
                if (!written.equals(integer.toString())) {
                    throw new Unrepresentable(name(path), "is the integer " + integer + ", which canonical JSON (RFC 8785) would write as "
                            + written + "; write it as a string");
                }
            }
        } else if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
            throw new Unrepresentable(name(path), "is not a finite 64-bit floating-point number (" + node.doubleValue()
                    + "), which canonical JSON (RFC 8785) cannot hold");
        }
    }

    /** ECMAScript's text of a finite double, as RFC 8785 requires. */
    private static String numberText(double value) {
        try {
            return NumberToJSON.serializeNumber(value);
        } catch (IOException impossible) {
            throw new IllegalStateException("a finite double always has a JSON text", impossible);
        }
    }

    private static String child(String path, String key) {
        if (PLAIN_KEY.matcher(key).matches()) {
            return path.isEmpty() ? key : path + "." + key;
        }
        return (path.isEmpty() ? "$" : path) + "[" + quote(key) + "]";
    }

    private static String name(String path) {
        return path.isEmpty() ? "the top-level value" : path;
    }

    private static String quote(String key) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : key.toCharArray()) {
            quoted.append(c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c) ? escape(c) : String.valueOf(c));
        }
        return quoted.append('"').toString();
    }

    private static String escape(char c) {
        return String.format("\\u%04X", (int) c);
    }

    /** Index of the first surrogate without its partner, or −1. */
    private static int loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
