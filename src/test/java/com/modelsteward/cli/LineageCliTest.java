package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.testsupport.CliHarness;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LineageCliTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private int run(String... args) {
        return cli.run("cli.tester", args);
    }

    private Path demo() {
        TestRegistries.demo(dir).close();
        return dir.resolve("demo.db");
    }

    @Test
    void lineageOfADemoActiveVersionIsCompleteWithItsChain() throws Exception {
        Path db = demo();
        assertEquals(0, run("lineage", "--db", db.toString(), "--model", "momentum_xgb-3.1.0", "--json"), cli.err());
        JsonNode report = CanonicalJson.mapper().readTree(cli.out());
        assertTrue(report.get("complete").asBoolean());
        JsonNode version = report.get("versions").get(0);
        assertEquals("ACTIVE", version.get("state").asText());
        assertEquals(0, version.get("missing").size());
        assertEquals("momentum_xgb-1.0.0", version.get("chain").get(version.get("chain").size() - 1).get("model_id").asText());

        assertEquals(0, run("lineage", "--db", db.toString()), cli.err());
        assertTrue(cli.out().contains("research_summary_prompts-1.1.0"), "every ACTIVE version is checked");
    }

    @Test
    void lineageOfACandidateNamesWhatIsMissingAndExitsNonZero() throws Exception {
        Path db = demo();
        assertEquals(1, run("lineage", "--db", db.toString(), "--model", "momentum_xgb-3.3.0"));
        assertTrue(cli.out().contains("✗ An executed, approved transition request"), cli.out());
        assertTrue(cli.err().lines().anyMatch(line -> line.startsWith("E_LINEAGE_INCOMPLETE: the lineage of momentum_xgb-3.3.0")),
                cli.err());
    }

    @Test
    void unknownModelsAreRefusedInOneLine() {
        Path db = demo();
        assertEquals(1, run("lineage", "--db", db.toString(), "--model", "nope-1"));
        assertTrue(cli.err().lines().anyMatch(line -> line.startsWith("E_NOT_FOUND: no model version with id \"nope-1\"")),
                cli.err());
        assertEquals(1, run("model-card", "--db", db.toString(), "--model", "nope-1", "--out", dir.resolve("x.html").toString()));
        assertFalse(Files.exists(dir.resolve("x.html")));
        assertEquals(2, run("model-card", "--db", db.toString(), "--model", "momentum_xgb-3.1.0", "--out", dir.resolve("x.docx").toString()));
    }

    @Test
    void modelCardWritesHtmlAndPdf() throws Exception {
        Path db = demo();
        Path html = dir.resolve("card.html");
        Path pdf = dir.resolve("card.pdf");
        assertEquals(0, run("model-card", "--db", db.toString(), "--model", "momentum_xgb-3.1.0", "--out", html.toString()), cli.err());
        assertTrue(Files.readString(html).contains("momentum_xgb-3.1.0"));
        assertEquals(0, run("model-card", "--db", db.toString(), "--model", "momentum_xgb-3.1.0", "--out", pdf.toString()), cli.err());
        assertEquals("%PDF-", new String(Files.readAllBytes(pdf), 0, 5, StandardCharsets.US_ASCII));
    }

    @Test
    void scorecardsImportCsvWritesAllRowsOrNone() throws Exception {
        Path db = demo();
        Path good = Files.writeString(dir.resolve("good.csv"),
                "model_id,pack_id,metric,value,generated_at\ncrypto_basis_gbm-2.0.0,pack_04_bear,sharpe,0.41,2026-11-01T10:00:00Z\n");
        Path bad = Files.writeString(dir.resolve("bad.csv"),
                "model_id,pack_id,metric,value,generated_at\ncrypto_basis_gbm-2.0.0,pack_04_bear,sharpe,lots,2026-11-01T10:00:00Z\n");
        assertEquals(1, run("scorecards", "import-csv", "--db", db.toString(), "--as", "alice.nguyen", "--file", bad.toString()));
        assertTrue(cli.err().contains("bad.csv:2:4: value \"lots\" is not a number"), cli.err());
        assertEquals(0, run("scorecards", "import-csv", "--db", db.toString(), "--as", "alice.nguyen", "--file", good.toString()), cli.err());
        assertTrue(cli.out().lines().anyMatch(line -> line.startsWith("Imported 1 scorecard value(s) for 1 version(s)")),
                cli.out());
    }
}
