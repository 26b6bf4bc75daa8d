package com.modelsteward.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The read limits of every JSON and YAML the app accepts from outside (input files, policies), set deliberately rather
 * than left to Jackson's defaults, and one place that turns a broken limit into a sentence for the user.
 *
 * <p>No field of ours is legitimately longer than {@value #MAX_STRING_CHARS} characters (a training configuration is an
 * object, not a string); numbers have at most {@value #MAX_NUMBER_CHARS} digits; nesting is at most
 * {@value #MAX_DEPTH} deep. Duplicate keys are an error, never "last one wins". YAML anchors and aliases are capped so a
 * "billion laughs" file cannot exhaust memory.
 */
public final class JsonLimits {

    public static final int MAX_STRING_CHARS = 1_000_000;
    public static final int MAX_NUMBER_CHARS = 100;
    public static final int MAX_DEPTH = 64;
    public static final int MAX_NAME_CHARS = 1_000;
    /** A policy or model file is small; a scorecards file may be large but is streamed. */
    public static final long MAX_DOCUMENT_BYTES = 4L * 1024 * 1024 * 1024;
    /** model.json: one version's fields and training configuration; checked before it is read. */
    public static final long MAX_MODEL_FILE_BYTES = 4L * 1024 * 1024;
    /** A scorecards JSON file is streamed, so its cap bounds the time of an import rather than memory. */
    public static final long MAX_SCORECARD_FILE_BYTES = 1024L * 1024 * 1024;
    /** Keys and list elements of a training configuration, counted together at every level. */
    public static final int MAX_CONFIG_VALUES = 10_000;
    /** Levels of objects and lists in a training configuration, the configuration itself being the first. */
    public static final int MAX_CONFIG_DEPTH = 32;
    private static final int MAX_YAML_ALIASES = 50;
    private static final int MAX_YAML_CODE_POINTS = 4 * 1024 * 1024;

    private JsonLimits() {
    }

    public static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxStringLength(MAX_STRING_CHARS)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .maxNestingDepth(MAX_DEPTH)
                .maxNameLength(MAX_NAME_CHARS)
                .maxDocumentLength(MAX_DOCUMENT_BYTES)
                .build();
    }

    public static JsonFactory jsonFactory() {
        return JsonFactory.builder()
                .streamReadConstraints(constraints())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    public static YAMLFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_YAML_ALIASES);
        options.setCodePointLimit(MAX_YAML_CODE_POINTS);
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        return YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(constraints())
                .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** A byte limit as people say it: "4 MB", "1 GB", "512 bytes". */
    public static String inWords(long bytes) {
        if (bytes >= 1024L * 1024 * 1024 && bytes % (1024L * 1024 * 1024) == 0) {
            return bytes / (1024L * 1024 * 1024) + " GB";
        }
        if (bytes >= 1024L * 1024 && bytes % (1024L * 1024) == 0) {
            return bytes / (1024L * 1024) + " MB";
        }
        return bytes + " bytes";
    }

    /** Jackson's problem as a sentence for the user: which limit, in our words, or Jackson's own message otherwise. */
    public static String explain(JsonProcessingException problem) {
        String message = problem.getOriginalMessage();
        if (problem instanceof StreamConstraintsException || problem.getCause() instanceof StreamConstraintsException
                || message != null && message.contains("StreamReadConstraints")) {
            if (message.startsWith("String value length")) {
                return "a text value is longer than " + MAX_STRING_CHARS + " characters";
            }
            if (message.startsWith("Number value length")) {
                return "a number has more than " + MAX_NUMBER_CHARS + " digits";
            }
            if (message.startsWith("Document nesting depth") || message.contains("nesting depth")) {
                return "the content is nested more than " + MAX_DEPTH + " levels deep";
            }
            if (message.startsWith("Name length")) {
                return "a field name is longer than " + MAX_NAME_CHARS + " characters";
            }
            if (message.startsWith("Document length")) {
                return "the file is larger than " + MAX_DOCUMENT_BYTES / (1024 * 1024) + " MB";
            }
        }
        if (message == null) {
            return problem.getClass().getSimpleName();
        }
        if (message.startsWith("Unexpected end-of-input")) {
            return "the file ends before its content is complete (is it truncated?)";
        }
        if (message.startsWith("Invalid UTF-8") || message.startsWith("Invalid UTF-32")) {
            return "the file is not valid UTF-8 text (" + message.replaceFirst("^Invalid ", "invalid ") + ")";
        }
        if (message.startsWith("Non-standard token '")) {
            String token = message.substring("Non-standard token '".length(), message.indexOf('\'', "Non-standard token '".length()));
            return token + " is not a JSON number; write null for a missing value";
        }
        if (message.startsWith("Unrecognized token '")) {
            String token = message.substring("Unrecognized token '".length(), message.indexOf('\'', "Unrecognized token '".length()));
            return "\"" + token + "\" is not JSON (expected text in quotes, a number, an object, a list, true, false or null)";
        }
        if (message.startsWith("Cannot deserialize value of type `")) {
            String type = message.substring("Cannot deserialize value of type `".length(), message.indexOf('`', "Cannot deserialize value of type `".length()));
            String found = message.contains(" from ") ? message.substring(message.indexOf(" from ") + 6).replaceFirst("[:(].*$", "").strip() : "another value";
            return "expected " + typeInWords(type) + ", found " + found.replace(" value", "").toLowerCase(java.util.Locale.ROOT);
        }
        if (message.startsWith("Duplicate field '") && message.endsWith("'")) {
            return "field \"" + message.substring("Duplicate field '".length(), message.length() - 1) + "\" is given twice";
        }
        return message;
    }

    private static String typeInWords(String javaType) {
        return switch (javaType.substring(javaType.lastIndexOf('.') + 1)) {
            case "String" -> "text";
            case "Integer", "int", "Long", "long" -> "a whole number";
            case "Double", "double" -> "a number";
            case "Boolean", "boolean" -> "true or false";
            default -> javaType.contains("List") ? "a list" : "an object";
        };
    }
}
