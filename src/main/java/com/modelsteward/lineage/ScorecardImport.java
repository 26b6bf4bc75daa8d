package com.modelsteward.lineage;

import com.modelsteward.registry.AuditTrail;
import com.modelsteward.registry.CanonicalJson;
import com.modelsteward.registry.Registry;
import com.modelsteward.registry.RegistryException;
import com.modelsteward.registry.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Imports a scorecard CSV: validated in full first, then written in one transaction with one audit entry naming the
 * file and its SHA-256 — all rows or none. A row already in the registry (same model, pack, metric and time) is
 * refused as a duplicate, so importing the same file twice changes nothing.
 */
public final class ScorecardImport {

    public record Result(int rows, int models, String fileSha256) {
    }

    private ScorecardImport() {
    }

    public static Result importCsv(Registry registry, Path file, Clock clock, String actor, ScorecardCsvReader.Progress progress) {
        Set<String> models = new HashSet<>(registry.read(handle -> handle.createQuery("SELECT model_id FROM model_registry")
                .mapTo(String.class).list()));
        List<ScorecardCsvReader.Row> rows = ScorecardCsvReader.read(file, models::contains, progress);
        String name = file.getFileName().toString();
        String fileHash;
        try {
            fileHash = CanonicalJson.sha256Hex(Files.readAllBytes(file));
        } catch (IOException unreadable) {
            throw new RegistryException("E_IMPORT_CANT_READ", "cannot read " + file + ": " + unreadable.getMessage());
        }
        String now = Timestamps.now(clock);
        return registry.write(handle -> {
            for (ScorecardCsvReader.Row row : rows) {
                if (row.generatedAt() != null && handle.createQuery("""
                                SELECT count(*) FROM scorecards
                                 WHERE model_id = :m AND pack_id = :p AND metric = :k AND generated_at = :at""")
                        .bind("m", row.modelId()).bind("p", row.packId()).bind("k", row.metric()).bind("at", row.generatedAt())
                        .mapTo(Integer.class).one() > 0) {
                    throw new RegistryException("E_IMPORT_INVALID", name + ":" + row.line() + ": duplicate: the registry already holds "
                            + row.modelId() + " " + row.packId() + " " + row.metric() + " at " + row.generatedAt() + "; nothing was imported");
                }
            }
            PreparedBatch batch = handle.prepareBatch("""
                    INSERT INTO scorecards (model_id, pack_id, metric, value, generated_at, source)
                    VALUES (:m, :p, :k, :v, :at, :source)""");
            for (ScorecardCsvReader.Row row : rows) {
                batch.bind("m", row.modelId()).bind("p", row.packId()).bind("k", row.metric()).bind("v", row.value())
                        .bind("at", row.generatedAt() == null ? now : row.generatedAt()).bind("source", "import:" + name).add();
            }
            batch.execute();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("file", name);
            payload.put("sha256", fileHash);
            payload.put("rows", rows.size());
            payload.put("model_ids", rows.stream().map(ScorecardCsvReader.Row::modelId).distinct().sorted().toList());
            AuditTrail.append(handle, clock, actor, "scorecards.imported", "scorecards", payload);
            return new Result(rows.size(), (int) rows.stream().map(ScorecardCsvReader.Row::modelId).distinct().count(), fileHash);
        });
    }
}
