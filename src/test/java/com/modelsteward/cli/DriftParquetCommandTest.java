package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.testsupport.CliHarness;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code drift --reference --current} over Parquet files gives exactly what the same rows give as CSV. */
class DriftParquetCommandTest {

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private static String golden(String name) {
        try {
            return Path.of(DriftParquetCommandTest.class.getResource("/drift/columnar/" + name).toURI()).toString();
        } catch (URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private JsonNode drift(String reference, String current) throws Exception {
        assertEquals(0, cli.run("cli.tester", "drift", "--reference", golden(reference), "--current", golden(current), "--json"), cli.err());
        return CanonicalJson.mapper().readTree(cli.out());
    }

    @Test
    void parquetAndCsvOfTheSameRowsGiveIdenticalPsiKsAndSeverities() throws Exception {
        JsonNode csv = drift("reference.csv", "current.csv");
        JsonNode spread = csv.get("features").get(2);
        assertEquals("spread", spread.get("feature").asText());
        assertEquals("SEVERE", spread.get("severity").asText(), "the golden data must drift, or equality proves little");
        assertTrue(spread.get("n_dropped").asInt() > 0, "NaN and infinities are dropped and counted");
        assertEquals(csv, drift("reference.zstd.parquet", "current.snappy.parquet"));
        assertEquals(csv, drift("reference.zstd.parquet", "current.arrow-rs.parquet"));
        assertEquals(csv, drift("reference.csv", "current.gzip.parquet"), "a CSV file and a Parquet file may be compared");
    }

    @Test
    void aBadParquetFileGivesOneLineAndExitCodeOne() {
        assertEquals(1, cli.run("cli.tester", "drift", "--reference", golden("reference.csv"), "--current", golden("brotli.parquet")));
        assertEquals("E_DRIFT_PARQUET: " + golden("brotli.parquet") + ", column \"price\": compressed with BROTLI, which drift does not "
                + "read; write the file with SNAPPY, ZSTD, GZIP or no compression", cli.err().strip());
    }
}
