package com.modelsteward.governance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.registry.CanonicalJson;
import com.modelsteward.registry.JsonLimits;
import com.modelsteward.registry.Timestamps;
import java.io.BufferedInputStream;
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
    }

    private InputFiles() {
    }

    public static NewVersion readModel(Path file) {
        Located model = readObject(file);
        model.allowOnly(MODEL_FIELDS);
        String name = model.text("model_name", true);
        String version = model.text("version", true);
        String modelId = model.text("model_id", false);
        JsonNode config = model.values().get("training_config");
        if (config == null || !config.isObject()) {
            throw config == null ? new GovernanceException("E_INVALID_INPUT", file + " line " + model.line()
                    + ": field \"training_config\" is required (the training configuration as a JSON object)")
                    : model.problem("training_config", "must be a JSON object");
        }
        String configJson = CanonicalJson.write(config);
        String computed = CanonicalJson.sha256Hex(configJson);
        String declared = model.text("training_config_hash", false);
        if (declared != null && !declared.equals(computed)) {
            throw model.problem("training_config_hash", "is " + declared + " but the SHA-256 of the canonical training_config is " + computed);
        }
        String snapshotHash = model.text("data_snapshot_hash", true);
        if (!snapshotHash.matches("[0-9a-f]{64}")) {
            throw model.problem("data_snapshot_hash", "must be 64 lower-case hex digits (SHA-256)");
        }
        return new NewVersion(modelId != null ? modelId : name + "-" + version, name, model.text("model_type", true), version,
                model.text("parent_id", false), model.text("path_ref", true), configJson, computed, model.text("data_snapshot_ref", true),
                snapshotHash, model.text("feature_graph_hash", false), model.text("code_commit", false));
    }

    /**
     * Either {@code {"model_id": …, "source": …, "generated_at": …, "scorecards": [{pack_id, metric, value}, …]}} or a
     * list of {@code {model_id, pack_id, metric, value, generated_at}} objects.
     */
    public static List<ScorecardValue> readScorecards(Path file, String now) {
        List<ScorecardValue> values = new ArrayList<>();
        try (InputStream content = open(file)) {
            readScorecards(file, content, now, values::add);
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
        try (JsonParser parser = CanonicalJson.mapper().createParser(content)) {
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
                        defaultModel = head.text("model_id", false);
                        source = header.containsKey("source") ? head.text("source", false) : source;
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
            String model = row.text("model_id", defaultModel == null);
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
            values.accept(new ScorecardValue(model != null ? model : defaultModel, row.text("pack_id", true), row.text("metric", true), number,
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
        try (JsonParser parser = CanonicalJson.mapper().createParser(open(file))) {
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

    /** Streams the file to the parser instead of reading it whole: a large scorecards file is never held as bytes. */
    private static InputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new GovernanceException("E_INVALID_INPUT", file + " does not exist or is not a file");
        }
        return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    }
}
