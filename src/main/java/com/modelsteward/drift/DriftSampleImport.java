package com.modelsteward.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.DriftSampleRow;
import com.modelsteward.registry.Outbox;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.Store;
import com.modelsteward.trust.Signatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports one samples file, CSV or Parquet as the {@code drift} command reads it ({@link SampleFiles}), into
 * {@code drift_samples} for one model version and one role (docs/drift.md, "Importing samples"): every feature column
 * becomes rows (feature = column name, value, one {@code observed_at}); missing values are left out as the drift
 * command leaves them out.
 *
 * <ul>
 *   <li>All rows or none: one transaction, in batches of {@value #BATCH} rows, so that memory is the file's doubles
 *       (the drift command's limits and memory check) plus one batch, never the file as boxed rows.</li>
 *   <li>Once per file: the transaction appends a {@value Outbox#DRIFT_SAMPLES_IMPORTED} event naming the file's
 *       SHA-256, the model and the role, and a file whose digest is already recorded for that model and role is refused
 *       with what was recorded, so a script unsure whether its import went through may run it again.</li>
 *   <li>The event enters the signed audit history when the importer can sign, as drift results do.</li>
 * </ul>
 */
public final class DriftSampleImport {

    /** Rows per insert batch. */
    static final int BATCH = 10_000;
    private static final String CODE = "E_DRIFT_IMPORT";

    public record Result(String modelId, String role, long rows, int features, String observedAt, String fileSha256) {
    }

    private DriftSampleImport() {
    }

    /**
     * Imports {@code file} for {@code modelId} as {@code role} (REFERENCE or CURRENT) at {@code observedAt} (the registry's
     * timestamp form), by {@code actor}, whose identity the caller has established.
     */
    public static Result importFile(Registry registry, Path file, String modelId, String role, String observedAt, Clock clock, String actor) {
        if (!"REFERENCE".equals(role) && !"CURRENT".equals(role)) {
            throw new DriftException("E_USAGE", "the role must be REFERENCE or CURRENT, not \"" + role + "\"");
        }
        registry.read(store -> {
            if (store.versions().find(modelId).isEmpty()) {
                throw new DriftException("E_NOT_FOUND", "no model version with id \"" + modelId + "\" in " + registry.location()
                        + "; nothing was imported");
            }
            return null;
        });
        if (!Files.isRegularFile(file)) {
            throw new DriftException(CODE, file + (Files.exists(file) ? " is not a regular file; import a file, not a pipe, so that it is "
                    + "recognised when imported again" : " does not exist") + "; nothing was imported");
        }
        Map<String, double[]> columns = SampleFiles.read(file);
        String sha256 = sha256(file);
        registry.read(store -> {
            refuseRepeat(store, file, modelId, role, sha256);
            return null;
        });
        long rows = columns.values().stream().mapToLong(values -> values.length).sum();
        if (rows == 0) {
            throw new DriftException(CODE, file + " holds no values; nothing was imported");
        }
        int features = columns.size();
        List<String> names = List.copyOf(columns.keySet());
        String fileName = String.valueOf(file.getFileName());
        return registry.write(store -> {
            // The same file committed meanwhile by another process, or this import retried after an uncertain end.
            refuseRepeat(store, file, modelId, role, sha256);
            List<DriftSampleRow> batch = new ArrayList<>(BATCH);
            for (Map.Entry<String, double[]> column : columns.entrySet()) {
                for (double value : column.getValue()) {
                    batch.add(new DriftSampleRow(modelId, column.getKey(), role, value, observedAt));
                    if (batch.size() == BATCH) {
                        store.drift().insertSamples(batch);
                        batch.clear();
                    }
                }
            }
            if (!batch.isEmpty()) {
                store.drift().insertSamples(batch);
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("model_id", modelId);
            payload.put("role", role);
            payload.put("file", fileName);
            payload.put("sha256", sha256);
            payload.put("rows", rows);
            payload.put("features", names);
            payload.put("observed_at", observedAt);
            payload.put("imported_by", actor);
            // Samples are observations any account may add; they enter the signed history only when the actor can sign
            // (docs/security.md): an unsigned entry would leave the chain's tail outside every signature.
            boolean attested = Signatures.canSign(store, actor);
            store.events().append(clock, attested ? actor : null, Outbox.DRIFT_SAMPLES_IMPORTED, payload);
            if (attested) {
                Signatures.seal(store, clock, actor);
            }
            return new Result(modelId, role, rows, features, observedAt, sha256);
        });
    }

    private static void refuseRepeat(Store store, Path file, String modelId, String role, String sha256) {
        prior(store, modelId, role, sha256).ifPresent(prior -> {
            throw new DriftException("E_ALREADY_IMPORTED", file + ": this file (SHA-256 " + sha256.substring(0, 12) + "…) was already imported "
                    + "as " + prior.path("file").asText() + " for " + modelId + " " + role + " by " + prior.path("imported_by").asText()
                    + " (" + prior.path("rows").asLong() + " rows at " + prior.path("observed_at").asText() + "); nothing was imported again");
        });
    }

    private static Optional<JsonNode> prior(Store store, String modelId, String role, String sha256) {
        for (String json : store.drift().sampleImportPayloads(sha256)) {
            JsonNode payload;
            try {
                payload = CanonicalJson.mapper().readTree(json);
            } catch (IOException unreadable) {
                continue; // not one of ours: another writer's event text that happens to hold the digest
            }
            if (sha256.equals(payload.path("sha256").asText()) && modelId.equals(payload.path("model_id").asText())
                    && role.equals(payload.path("role").asText())) {
                return Optional.of(payload);
            }
        }
        return Optional.empty();
    }

    /** The file's SHA-256, read once more after the reader accepted it. */
    private static String sha256(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException required) {
            throw new IllegalStateException("every Java runtime has SHA-256", required);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException unreadable) {
            throw new DriftException(CODE, file + " cannot be read again to take its digest (" + unreadable.getMessage() + "); nothing was imported");
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
