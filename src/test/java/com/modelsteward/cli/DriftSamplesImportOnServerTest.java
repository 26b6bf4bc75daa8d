package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.testsupport.CliHarness;
import com.modelsteward.testsupport.PostgresServer;
import com.modelsteward.testsupport.PostgresTeam;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drift-samples import} on a PostgreSQL server, as an analyst's own login: the rows, the once-per-file record
 * (read back with the server's own LIKE) and the drift computed from them, as on a file.
 */
@Tag("postgresql")
class DriftSamplesImportOnServerTest {

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    @TempDir
    Path dir;

    private static String golden(String name) {
        try {
            return Path.of(DriftSamplesImportOnServerTest.class.getResource("/drift/columnar/" + name).toURI()).toString();
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Test
    void anAnalystImportsParquetOnceAndTheStoredDriftIsTheFilesDrift() throws Exception {
        try (PostgresTeam team = new PostgresTeam()) {
            team.enrolTeam();
            String db = team.server().url("alice", team.database());
            Map<String, String> login = Map.of("PGPASSWORD", PostgresServer.passwordOf("alice"));
            Path model = Files.writeString(dir.resolve("model.json"), """
                    {"model_name": "samples", "version": "1", "model_type": "signal_model", "path_ref": "models/samples/1",
                     "training_config": {"seed": 1}, "data_snapshot_ref": "s3://data/samples",
                     "data_snapshot_hash": "3b7e4f0c2a1d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7"}""");
            assertEquals(0, cli.run("alice", login, "register", "--db", db, "--file", model.toString()), cli.err());
            assertEquals(0, cli.run("alice", login, "drift-samples", "import", "--db", db, "--model", "samples-1", "--role", "REFERENCE",
                    "--file", golden("reference.zstd.parquet")), cli.err());
            assertEquals(0, cli.run("alice", login, "drift-samples", "import", "--db", db, "--model", "samples-1", "--role", "CURRENT",
                    "--file", golden("current.snappy.parquet")), cli.err());
            assertEquals(1, cli.run("alice", login, "drift-samples", "import", "--db", db, "--model", "samples-1", "--role", "CURRENT",
                    "--file", golden("current.snappy.parquet")));
            assertTrue(cli.err().startsWith("E_ALREADY_IMPORTED: "), cli.err());
            long rows = team.owner().<Long>readHandle(h -> h.createQuery("SELECT count(*) FROM drift_samples WHERE model_id = 'samples-1'")
                    .mapTo(Long.class).one());
            long audited = team.owner().<Long>readHandle(h -> h.createQuery(
                    "SELECT count(*) FROM audit_log WHERE action = 'EVENT_EMITTED' AND actor = 'alice'").mapTo(Long.class).one());
            assertEquals(2, audited, "an analyst who can sign attests each import in the audit chain");

            assertEquals(0, cli.run("alice", "drift", "--reference", golden("reference.zstd.parquet"), "--current",
                    golden("current.snappy.parquet"), "--json"), cli.err());
            JsonNode fromFiles = CanonicalJson.mapper().readTree(cli.out()).get("features");
            long fileRows = 0;
            for (JsonNode feature : fromFiles) {
                fileRows += feature.get("n_reference").asLong() + feature.get("n_current").asLong() + feature.get("n_dropped").asLong();
            }
            assertEquals(fileRows, rows, "one row per value of either file, nothing twice");
            assertEquals(0, cli.run("alice", login, "drift", "--db", db, "--model", "samples-1", "--json"), cli.err());
            JsonNode fromServer = CanonicalJson.mapper().readTree(cli.out()).get("models").get(0).get("features");
            Map<String, JsonNode> expected = new java.util.TreeMap<>();
            fromFiles.forEach(row -> expected.put(row.get("feature").asText(), row));
            Map<String, JsonNode> actual = new java.util.TreeMap<>();
            fromServer.forEach(row -> actual.put(row.get("feature").asText(), row));
            assertEquals(expected, actual);
        }
    }
}
