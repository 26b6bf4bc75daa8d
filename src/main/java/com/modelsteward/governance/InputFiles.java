package com.modelsteward.governance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.json.JsonLimits;
import com.modelsteward.policy.PolicyLoader;
import com.modelsteward.registry.Names;
import com.modelsteward.registry.Timestamps;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the command line's input files ({@code register --file model.json}, {@code scorecards import --file
 * scorecards.json}). Every problem names the file, the line and the field.
 */
public final class InputFiles {

    /** A version to register, as read from model.json. */
    public record NewVersion(String modelId, String modelName, String modelType, String version, String parentId, String pathRef,
                             String trainingConfigJson, String trainingConfigHash, String dataSnapshotRef, String dataSnapshotHash,
                             String featureGraphHash, String codeCommit) {
    }

    /** One scorecard value; {@code value} null means the run produced no usable number (null or "NaN" in the file). */
    public record ScorecardValue(String modelId, String packId, String metric, Double value, String generatedAt, String source, int line) {
    }

    private static final Set<String> MODEL_FIELDS = Set.of("model_id", "model_name", "model_type", "version", "parent_id", "path_ref",
            "training_config", "training_config_hash", "data_snapshot_ref", "data_snapshot_hash", "feature_graph_hash", "code_commit");
    private static final Set<String> SCORECARD_FILE_FIELDS = Set.of("model_id", "source", "generated_at", "scorecards");
    private static final Set<String> SCORECARD_FIELDS = Set.of("model_id", "pack_id", "metric", "value", "generated_at");

    /** A JSON object with the line of each field, so messages can point at it. */
    private record Located(String file, int line, Map<String, JsonNode> values, Map<String, Integer> lines) {

        GovernanceException problem(String field, String what) {
            return new GovernanceException("E_INVALID_INPUT", file + " line " + lines.getOrDefault(field, line) + ": field \"" + field + "\" " + what);
        }

        void allowOnly(Set<String> known) {
            for (String field : values.keySet()) {
                if (!known.contains(field)) {
                    throw new GovernanceException("E_INVALID_INPUT", file + " line " + lines.get(field) + ": unknown field \"" + field
                            + "\" (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
                }
            }
        }

        String text(String field, boolean required) {
            JsonNode node = values.get(field);
            if (node == null || node.isNull()) {
                if (required) {
                    throw new GovernanceException("E_INVALID_INPUT", file + " line " + line + ": field \"" + field + "\" is required");
                }
                return null;
            }
            if (!node.isTextual() || node.asText().isBlank()) {
                throw problem(field, "must be a non-empty string");
            }
            return node.asText().strip();
        }

        /** A required or optional name, held to {@link Names#nameProblem}. */
        String name(String field, boolean required) {
            return held(field, required, Names::nameProblem);
        }

        /** A required or optional id, held to {@link Names#idProblem}. */
        String id(String field, boolean required) {
            return held(field, required, Names::idProblem);
        }

        /** A reference or free text (path_ref, code_commit), held to {@link Names#textProblem}. */
        String reference(String field, boolean required) {
            return held(field, required, value -> Names.textProblem(value, Names.MAX_REFERENCE_CHARS));
        }

        private String held(String field, boolean required, java.util.function.Function<String, java.util.Optional<String>> rule) {
            String value = text(field, required);
            if (value != null) {
                rule.apply(value).ifPresent(problem -> {
                    throw problem(field, problem);
                });
            }
            return value;
        }
    }

    private InputFiles() {
    }

    public static NewVersion readModel(Path file) {
        Located model = readObject(file);
        model.allowOnly(MODEL_FIELDS);
        String name = model.id("model_name", true);
        String version = model.id("version", true);
        String modelId = model.id("model_id", false);
        if (modelId == null) {
            Names.idProblem(name + "-" + version).ifPresent(problem -> {
                throw model.problem("model_name", "and \"version\" make the model_id \"" + name + "-" + version + "\", which " + problem
                        + "; give a shorter model_id");
            });
        }
        JsonNode config = model.values().get("training_config");
        if (config == null || !config.isObject()) {
            throw config == null ? new GovernanceException("E_INVALID_INPUT", file + " line " + model.line()
                    + ": field \"training_config\" is required (the training configuration as a JSON object)")
                    : model.problem("training_config", "must be a JSON object");
        }
        checkConfig(model, config);
        String configJson;
        try {
            configJson = CanonicalJson.write(config, "training_config");
        } catch (CanonicalJson.Unrepresentable inexact) {
            // What the checks above let through but RFC 8785 cannot write exactly, e.g. an integer beyond 2^53.
            throw model.problem("training_config", "cannot be hashed exactly: " + inexact.getMessage());
        }
        String computed = CanonicalJson.sha256Hex(configJson);
        String declared = model.text("training_config_hash", false);
        if (declared != null && !declared.equals(computed)) {
            throw model.problem("training_config_hash", "is " + declared + " but the SHA-256 of the canonical training_config is " + computed);
        }
        String snapshotHash = model.text("data_snapshot_hash", true);
        if (!snapshotHash.matches("[0-9a-f]{64}")) {
            throw model.problem("data_snapshot_hash", "must be 64 lower-case hex digits (SHA-256)");
        }
        return new NewVersion(modelId != null ? modelId : name + "-" + version, name, model.name("model_type", true), version,
                model.id("parent_id", false), pathRef(model), configJson, computed, model.reference("data_snapshot_ref", true),
                snapshotHash, model.reference("feature_graph_hash", false), model.reference("code_commit", false));
    }

    /**
     * path_ref names the artifact relative to the artifact root (lineage.ArtifactVerifier); a {@code ..} segment would
     * step out of it, so it is refused here rather than only when the artifact is verified.
     */
    private static String pathRef(Located model) {
        String pathRef = model.reference("path_ref", true);
        String location = pathRef.replaceFirst("#.*$", "");
        for (String segment : location.split("[/\\\\]")) {
            if (segment.equals("..")) {
                throw model.problem("path_ref", "must not contain a \"..\" segment (it names a file relative to the artifact root, "
                        + "and may not leave it), not \"" + Names.forTerminal(pathRef, false) + "\"");
            }
        }
        return pathRef;
    }

    /**
     * The training configuration is hashed and stored as it is read, so a value the registry cannot hold exactly is
     * refused with its path rather than changed: a number beyond the double range (1e400 would become Infinity), a lone
     * surrogate (it would become "?"); and its size is capped so one file cannot grow the registry without bound.
     */
    private static void checkConfig(Located model, JsonNode config) {
        int[] values = {0};
        checkConfig(model, config, "training_config", 1, values);
    }

    private static void checkConfig(Located model, JsonNode node, String path, int depth, int[] values) {
        if (depth > JsonLimits.MAX_CONFIG_DEPTH) {
            throw model.problem("training_config", "is nested more than " + JsonLimits.MAX_CONFIG_DEPTH + " levels deep (at " + path + ")");
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String key = member.getKey();
                String at = path + "." + Names.forTerminal(key, false);
                if (++values[0] > JsonLimits.MAX_CONFIG_VALUES) {
                    throw model.problem("training_config", "holds more than " + JsonLimits.MAX_CONFIG_VALUES + " keys and list elements (at " + at + ")");
                }
                int surrogate = Names.loneSurrogate(key);
                if (surrogate >= 0) {
                    throw model.problem("training_config", "has a key with a lone surrogate U+" + String.format("%04X", (int) key.charAt(surrogate))
                            + " at " + at + "; a lone surrogate is not a character and cannot be stored as UTF-8");
                }
                checkConfig(model, member.getValue(), at, depth + 1, values);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String at = path + "[" + i + "]";
                if (++values[0] > JsonLimits.MAX_CONFIG_VALUES) {
                    throw model.problem("training_config", "holds more than " + JsonLimits.MAX_CONFIG_VALUES + " keys and list elements (at " + at + ")");
                }
                checkConfig(model, node.get(i), at, depth + 1, values);
            }
        } else if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
            throw model.problem("training_config", "holds a number at " + path
                    + " beyond the largest the registry stores (about 1.8e308 either side of zero); it would be stored as Infinity");
        } else if (node.isTextual()) {
            int surrogate = Names.loneSurrogate(node.textValue());
            if (surrogate >= 0) {
                throw model.problem("training_config", "holds a lone surrogate U+" + String.format("%04X", (int) node.textValue().charAt(surrogate))
                        + " at " + path + "; a lone surrogate is not a character and cannot be stored as UTF-8");
            }
        }
    }

    /**
     * Either {@code {"model_id": …, "source": …, "generated_at": …, "scorecards": [{pack_id, metric, value}, …]}} or a
     * list of {@code {model_id, pack_id, metric, value, generated_at}} objects.
     */
    public static List<ScorecardValue> readScorecards(Path file, String now) {
        List<ScorecardValue> values = new ArrayList<>();
        try (InputStream content = open(file, JsonLimits.MAX_SCORECARD_FILE_BYTES)) {
            readScorecards(file, content, now, values::add);
        } catch (TooLarge large) {
            throw large.problem(file, "scorecards file");
        } catch (IOException unreadable) {
            throw new GovernanceException("E_INVALID_INPUT", file + " cannot be read: " + unreadable.getMessage());
        }
        return values;
    }

    /**
     * Streams the scorecards of {@code content} (the bytes of {@code file}, which names it in messages) to {@code sink}
     * one at a time, so a file of any size is read in bounded memory (lineage.ScorecardImport). A {@code now} of null
     * leaves {@code generatedAt} null where the file gives no time.
     */
    public static void readScorecards(Path file, InputStream content, String now, java.util.function.Consumer<ScorecardValue> sink) {
        String name = file.toString();
        try (JsonParser parser = CanonicalJson.mapper().createParser(limited(file, content, JsonLimits.MAX_SCORECARD_FILE_BYTES))) {
            JsonToken first = parser.nextToken();
            long[] count = {0};
            java.util.function.Consumer<ScorecardValue> values = value -> {
                count[0]++;
                sink.accept(value);
            };
            if (first == JsonToken.START_ARRAY) {
                readRows(parser, name, null, now, "import", values);
            } else if (first == JsonToken.START_OBJECT) {
                int line = parser.currentTokenLocation().getLineNr();
                Map<String, JsonNode> header = new LinkedHashMap<>();
                Map<String, Integer> lines = new LinkedHashMap<>();
                boolean sawRows = false;
                String defaultModel = null;
                String source = "import";
                String generatedAt = now;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    lines.put(field, parser.currentTokenLocation().getLineNr());
                    if (!SCORECARD_FILE_FIELDS.contains(field)) {
                        throw new GovernanceException("E_INVALID_INPUT", name + " line " + lines.get(field) + ": unknown field \"" + field
                                + "\" (known: generated_at, model_id, scorecards, source)");
                    }
                    if (field.equals("scorecards")) {
                        Located head = new Located(name, line, header, lines);
                        defaultModel = head.id("model_id", false);
                        source = header.containsKey("source") ? head.name("source", false) : source;
                        generatedAt = header.containsKey("generated_at") ? timestamp(head, "generated_at") : generatedAt;
                        if (parser.nextToken() != JsonToken.START_ARRAY) {
                            throw head.problem("scorecards", "must be a list of {pack_id, metric, value} objects");
                        }
                        readRows(parser, name, defaultModel, generatedAt, source, values);
                        sawRows = true;
                    } else {
                        parser.nextToken();
                        header.put(field, parser.readValueAsTree());
                    }
                }
                if (!sawRows) {
                    throw new GovernanceException("E_INVALID_INPUT", name + " line " + line + ": field \"scorecards\" is required "
                            + "(put model_id, source and generated_at before it)");
                }
            } else {
                throw new GovernanceException("E_INVALID_INPUT", name + " line 1: expected a JSON object or a list of scorecards");
            }
            if (count[0] == 0) {
                throw new GovernanceException("E_INVALID_INPUT", name + ": the file holds no scorecards");
            }
        } catch (JsonProcessingException invalid) {
            throw new GovernanceException("E_INVALID_INPUT", name + PolicyLoader.where(invalid.getLocation()) + ": " + JsonLimits.explain(invalid));
        } catch (TooLarge large) {
            throw large.problem(file, "scorecards file");
        } catch (IOException unreadable) {
            throw new GovernanceException("E_INVALID_INPUT", name + " cannot be read: " + unreadable.getMessage());
        }
    }

    private static void readRows(JsonParser parser, String name, String defaultModel, String generatedAt, String source,
                                 java.util.function.Consumer<ScorecardValue> values) throws IOException {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new GovernanceException("E_INVALID_INPUT", name + " line " + parser.currentTokenLocation().getLineNr()
                        + ": each scorecard must be an object {pack_id, metric, value}");
            }
            Located row = readObject(parser, name);
            row.allowOnly(SCORECARD_FIELDS);
            String model = row.id("model_id", defaultModel == null);
            JsonNode value = row.values().get("value");
            Double number;
            if (value == null) {
                throw new GovernanceException("E_INVALID_INPUT", name + " line " + row.line() + ": field \"value\" is required (a number, null or \"NaN\")");
            } else if (value.isNull() || value.isTextual() && value.asText().equals("NaN")) {
                number = null;
            } else if (value.isNumber()) {
                number = value.asDouble();
                if (!Double.isFinite(number)) {
                    throw row.problem("value", "is beyond the largest number the registry stores (about 1.8e308 either side of zero)");
                }
            } else {
                throw row.problem("value", "must be a number, null or \"NaN\", not " + value);
            }
            values.accept(new ScorecardValue(model != null ? model : defaultModel, row.name("pack_id", true), row.name("metric", true), number,
                    row.values().containsKey("generated_at") ? timestamp(row, "generated_at") : generatedAt, source, row.line()));
        }
    }

    private static String timestamp(Located located, String field) {
        String text = located.text(field, true);
        try {
            return Timestamps.format(Timestamps.parse(text));
        } catch (java.time.format.DateTimeParseException notATime) {
            throw located.problem(field, "must be an ISO-8601 time such as 2026-11-01T12:00:00Z, not \"" + text + "\"");
        }
    }

    private static Located readObject(Path file) {
        try (JsonParser parser = CanonicalJson.mapper().createParser(open(file, JsonLimits.MAX_MODEL_FILE_BYTES))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new GovernanceException("E_INVALID_INPUT", file + " line 1: expected a JSON object");
            }
            Located located = readObject(parser, file.toString());
            if (parser.nextToken() != null) {
                throw new GovernanceException("E_INVALID_INPUT", file + " line " + parser.currentTokenLocation().getLineNr()
                        + ": unexpected content after the object");
            }
            return located;
        } catch (JsonProcessingException invalid) {
            throw new GovernanceException("E_INVALID_INPUT", file + PolicyLoader.where(invalid.getLocation()) + ": " + JsonLimits.explain(invalid));
        } catch (TooLarge large) {
            throw large.problem(file, "model file");
        } catch (IOException unreadable) {
            throw new GovernanceException("E_INVALID_INPUT", file + " cannot be read: " + unreadable.getMessage());
        }
    }

    /** Reads the object the parser is at (its START_OBJECT is current), remembering each field's line. */
    private static Located readObject(JsonParser parser, String name) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            int fieldLine = parser.currentTokenLocation().getLineNr();
            if (values.containsKey(field)) {
                throw new GovernanceException("E_INVALID_INPUT", name + " line " + fieldLine + ": field \"" + field + "\" is given twice");
            }
            parser.nextToken();
            values.put(field, parser.readValueAsTree());
            lines.put(field, fieldLine);
        }
        return new Located(name, line, values, lines);
    }

    /**
     * Streams the file to the parser instead of reading it whole, and stops at {@code maxBytes}: the size is checked
     * before reading, and again while reading, because a file can grow, and some (in /proc) report no size at all.
     */
    private static InputStream open(Path file, long maxBytes) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new GovernanceException("E_INVALID_INPUT", file + " does not exist or is not a file");
        }
        return new BufferedInputStream(limited(file, Files.newInputStream(file), maxBytes), 64 * 1024);
    }

    private static InputStream limited(Path file, InputStream content, long maxBytes) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > maxBytes) {
            throw new TooLarge(maxBytes);
        }
        return new FilterInputStream(content) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int n = super.read(bytes, offset, length);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) throws TooLarge {
                read += n;
                if (read > maxBytes) {
                    throw new TooLarge(maxBytes);
                }
            }
        };
    }

    /** The file is larger than its kind may be; thrown before or while reading, never after holding it. */
    private static final class TooLarge extends IOException {

        private final long maxBytes;

        TooLarge(long maxBytes) {
            super("larger than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        GovernanceException problem(Path file, String kind) {
            return new GovernanceException("E_INVALID_INPUT", file + " is larger than " + JsonLimits.inWords(maxBytes) + ", the most a "
                    + kind + " may hold; nothing was read");
        }
    }
}
