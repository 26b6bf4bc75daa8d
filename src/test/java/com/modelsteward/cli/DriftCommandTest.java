package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.testsupport.CliHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DriftCommandTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private int run(String... args) {
        return cli.run("cli.tester", args);
    }

    @Test
    void comparesTwoCsvFilesAsJsonWithExactlyTheDocumentedKeys() throws Exception {
        StringBuilder ref = new StringBuilder("price,volume\n");
        StringBuilder cur = new StringBuilder("volume,price\n");
        for (int i = 0; i < 200; i++) {
            ref.append(i).append(',').append(i % 7).append('\n');
            cur.append(i % 7).append(',').append(i < 5 ? "NaN" : String.valueOf(i + 120)).append('\n');
        }
        Path a = Files.writeString(dir.resolve("a.csv"), ref);
        Path b = Files.writeString(dir.resolve("b.csv"), cur);
        assertEquals(0, run("drift", "--reference", a.toString(), "--current", b.toString(), "--bins", "5", "--json"), cli.err());
        JsonNode features = CanonicalJson.mapper().readTree(cli.out()).get("features");
        assertEquals(2, features.size());
        JsonNode price = features.get(0);
        Set<String> keys = new TreeSet<>();
        price.fieldNames().forEachRemaining(keys::add);
        assertEquals(new TreeSet<>(List.of("feature", "n_reference", "n_current", "n_dropped", "psi", "ks_statistic", "ks_pvalue",
                "severity")), keys);
        assertEquals("price", price.get("feature").asText());
        assertEquals(195, price.get("n_current").asInt());
        assertEquals(5, price.get("n_dropped").asInt());
        assertEquals("SEVERE", price.get("severity").asText());
        assertEquals(0.0, features.get(1).get("psi").asDouble());
        assertEquals("NORMAL", features.get(1).get("severity").asText());
    }

    @Test
    void badCsvGivesOneLineNamingFileLineAndColumn() throws Exception {
        Path a = Files.writeString(dir.resolve("a.csv"), "x\n1\n2\n");
        Path b = Files.writeString(dir.resolve("b.csv"), "x\n1\nlots\n");
        assertEquals(1, run("drift", "--reference", a.toString(), "--current", b.toString()));
        assertEquals("E_DRIFT_CSV: " + b + ", line 3, column 1 (x): \"lots\" is not a number", cli.err().strip());
        assertEquals(2, run("drift", "--reference", a.toString()), "a CSV comparison needs both files");
        assertEquals(2, run("drift", "--reference", a.toString(), "--current", b.toString(), "--bins", "1"));
    }

    @Test
    void binsAreBoundedWithAUsageErrorNamingTheOptionAndTheBound() throws Exception {
        Path a = Files.writeString(dir.resolve("a.csv"), "x\n1\n2\n3\n");
        for (String bins : new String[] {"10001", "10000000", "2147483647"}) {
            assertEquals(2, run("drift", "--reference", a.toString(), "--current", a.toString(), "--bins", bins), bins);
            assertEquals("E_USAGE: --bins must be from 2 to 10000, not " + bins, cli.err().strip());
        }
        assertEquals(0, run("drift", "--reference", a.toString(), "--current", a.toString(), "--bins", "10000", "--json"), cli.err());
    }

    @Test
    void aHexadecimalFloatIsTextNotANumber() throws Exception {
        Path a = Files.writeString(dir.resolve("a.csv"), "x\n1\n2\n");
        Path b = Files.writeString(dir.resolve("b.csv"), "x\n1\n0x1p3\n");
        assertEquals(1, run("drift", "--reference", a.toString(), "--current", b.toString()));
        assertEquals("E_DRIFT_CSV: " + b + ", line 3, column 1 (x): \"0x1p3\" is not a number", cli.err().strip());
    }

    @Test
    void computesAndStoresForEveryModelWithSamples() throws Exception {
        Path db = dir.resolve("demo.db");
        assertEquals(0, run("demo", "--db", db.toString()), cli.err());
        assertEquals(0, run("drift", "--db", db.toString(), "--all", "--json"), cli.err());
        JsonNode models = CanonicalJson.mapper().readTree(cli.out()).get("models");
        assertEquals(3, models.size(), "the demo has drift samples for its three ACTIVE signal models");
        List<Long> opened = new ArrayList<>();
        models.forEach(m -> m.get("incidents_opened").forEach(id -> opened.add(id.asLong())));
        assertTrue(opened.isEmpty(), "the demo's own drift run already opened the incidents; a second run opens none: " + opened);
        try (var registry = com.modelsteward.registry.Registry.open(db)) {
            long open = registry.<Long>readHandle(h -> h.createQuery("SELECT count(*) FROM incidents WHERE status = 'OPEN'").mapTo(Long.class).one());
            assertTrue(open >= 6, "vol_20d and spread_bps breach on each of the three models: " + open);
        }
        assertEquals(0, run("drift", "--db", db.toString(), "--model", "momentum_xgb-3.1.0"), cli.err());
        assertTrue(cli.out().contains("already open"), cli.out());
        assertEquals(1, run("drift", "--db", db.toString(), "--model", "no-such-model"));
        assertTrue(cli.err().startsWith("E_NOT_FOUND: "), cli.err());
    }

    /** Comparing two files signs nothing, so the command line does not spend a core warming the signing key up. */
    @Test
    void onlyTheRegistryFormsMaySign() {
        assertFalse(parsed("drift", "--reference", "a.csv", "--current", "b.csv", "--json").maySign());
        assertTrue(parsed("drift", "--db", "r.db", "--model", "m-1").maySign());
        assertTrue(parsed("drift", "--db", "r.db", "--all").maySign());
    }

    /** The drift command as the command line parses it, before it runs. */
    private static CliCommand parsed(String... args) {
        return (CliCommand) Cli.commandLine().parseArgs(args).subcommand().commandSpec().userObject();
    }
}
