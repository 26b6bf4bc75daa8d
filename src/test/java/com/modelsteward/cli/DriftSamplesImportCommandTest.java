package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.registry.Registry;
import com.modelsteward.testsupport.CliHarness;
import com.modelsteward.testsupport.TestRegistries;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drift-samples import}: CSV and Parquet samples files into {@code drift_samples} of a real SQLite registry, all
 * rows or none, once per file; the drift computed from the imported rows is the drift of the files themselves.
 */
class DriftSamplesImportCommandTest {

    /** A demo version without drift samples of its own. */
    private static final String MODEL = "crypto_basis_gbm-1.0.0";
    private static final String ANALYST = "alice.nguyen";

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    @TempDir
    Path dir;

    private Path db;

    @BeforeEach
    void demoRegistry() {
        TestRegistries.demo(dir).close();
        db = dir.resolve("demo.db");
    }

    private static String golden(String name) {
        try {
            return Path.of(DriftSamplesImportCommandTest.class.getResource("/drift/columnar/" + name).toURI()).toString();
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private int importAs(String user, String role, String file, String... more) {
        String[] args = {"drift-samples", "import", "--db", db.toString(), "--model", MODEL, "--role", role, "--file", file};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return cli.run(user, all);
    }

    private long count(String sql) {
        try (Registry registry = Registry.open(db)) {
            return registry.<Long>readHandle(h -> h.createQuery(sql).bind("m", MODEL).mapTo(Long.class).one());
        }
    }

    private long samples() {
        return count("SELECT count(*) FROM drift_samples WHERE model_id = :m");
    }

    /** feature → its row of a drift --json output, without the order the two forms list them in. */
    private static Map<String, JsonNode> byFeature(JsonNode features) {
        Map<String, JsonNode> rows = new TreeMap<>();
        features.forEach(row -> rows.put(row.get("feature").asText(), row));
        return rows;
    }

    @Test
    void parquetAndCsvFilesAreImportedOnceAndTheirStoredDriftIsTheFilesDrift() throws Exception {
        assertEquals(0, samples(), "the version starts without samples");
        assertEquals(0, importAs(ANALYST, "REFERENCE", golden("reference.zstd.parquet"), "--observed-at", "2026-10-01T00:00:00Z"), cli.err());
        assertEquals(0, importAs(ANALYST, "current", golden("current.csv"), "--observed-at", "2026-10-31T00:00:00Z", "--json"), cli.err());
        JsonNode printed = CanonicalJson.mapper().readTree(cli.out());
        assertEquals("CURRENT", printed.get("role").asText());
        assertEquals(3, printed.get("features").asInt());
        assertEquals("2026-10-31T00:00:00.000Z", printed.get("observed_at").asText());
        long imported = samples();
        assertEquals(imported, count("SELECT count(*) FROM drift_samples WHERE model_id = :m AND role = 'REFERENCE'") + printed.get("rows").asLong());
        assertEquals(2, count("SELECT count(*) FROM events WHERE event_type = 'ordinis.learn.drift.samples_imported' AND payload_json LIKE '%' || :m || '%'"));

        assertEquals(1, importAs(ANALYST, "CURRENT", golden("current.csv")), "the same file again is refused");
        assertTrue(cli.err().startsWith("E_ALREADY_IMPORTED: " + golden("current.csv") + ": this file (SHA-256 "), cli.err());
        assertTrue(cli.err().strip().endsWith("was already imported as current.csv for " + MODEL + " CURRENT by " + ANALYST
                + " (" + printed.get("rows").asLong() + " rows at 2026-10-31T00:00:00.000Z); nothing was imported again"), cli.err());
        assertEquals(imported, samples(), "nothing was inserted twice");

        assertEquals(0, cli.run("cli.tester", "drift", "--reference", golden("reference.zstd.parquet"), "--current", golden("current.csv"), "--json"),
                cli.err());
        Map<String, JsonNode> fromFiles = byFeature(CanonicalJson.mapper().readTree(cli.out()).get("features"));
        assertEquals(0, cli.run("cli.tester", "drift", "--db", db.toString(), "--model", MODEL, "--json"), cli.err());
        Map<String, JsonNode> fromRegistry = byFeature(CanonicalJson.mapper().readTree(cli.out()).get("models").get(0).get("features"));
        assertEquals("SEVERE", fromFiles.get("spread").get("severity").asText(), "the golden data must drift, or equality proves little");
        assertEquals(fromFiles, fromRegistry, "PSI, KS, counts and severity from the imported rows are those of the files");
    }

    @Test
    void aBadFileImportsNothingAndSaysWhyInOneLine() throws Exception {
        assertEquals(1, importAs(ANALYST, "CURRENT", golden("brotli.parquet")));
        assertEquals("E_DRIFT_PARQUET: " + golden("brotli.parquet") + ", column \"price\": compressed with BROTLI, which drift does not "
                + "read; write the file with SNAPPY, ZSTD, GZIP or no compression", cli.err().strip());
        assertEquals(1, importAs(ANALYST, "CURRENT", golden("text-column.parquet")));
        assertTrue(cli.err().startsWith("E_DRIFT_PARQUET: " + golden("text-column.parquet") + ", column "), cli.err());
        Path csv = Files.writeString(dir.resolve("bad.csv"), "x,y\n1,2\n3,oops\n");
        assertEquals(1, importAs(ANALYST, "CURRENT", csv.toString()));
        assertEquals("E_DRIFT_CSV: " + csv + ", line 3, column 2 (y): \"oops\" is not a number", cli.err().strip());
        assertEquals(0, samples(), "a refused file leaves no row behind");
    }

    @Test
    void anUnknownModelAnotherRoleAndABadRoleOrTimeAreRefused() {
        assertEquals(1, cli.run(ANALYST, "drift-samples", "import", "--db", db.toString(), "--model", "no-such-model", "--role", "CURRENT",
                "--file", golden("current.csv")));
        assertEquals("E_NOT_FOUND: no model version with id \"no-such-model\" in " + db + "; nothing was imported", cli.err().strip());
        assertEquals(2, importAs(ANALYST, "BASELINE", golden("current.csv")));
        assertEquals("E_USAGE: --role must be REFERENCE or CURRENT, not \"BASELINE\"", cli.err().strip());
        assertEquals(2, importAs(ANALYST, "CURRENT", golden("current.csv"), "--observed-at", "yesterday"));
        assertEquals("E_USAGE: --observed-at \"yesterday\" is not an ISO time such as 2026-12-05T06:00:00Z", cli.err().strip());
        assertEquals(0, samples());
    }

    @Test
    void onlyAnAnalystImports() {
        assertTrue(importAs("rachel.okafor", "CURRENT", golden("current.csv")) != 0, "a risk officer is not an analyst");
        assertTrue(cli.err().contains("ANALYST"), cli.err());
        assertEquals(0, samples());
    }
}
