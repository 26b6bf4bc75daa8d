package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.testsupport.CliHarness;
import com.modelsteward.testsupport.TestRegistries;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A wholesale attack on the signatures is told in a screenful of text, and in full in JSON. */
class AuditVerifyListingTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    @Test
    void everySignedHeadDeletedIsToldInFortyLinesAndACountWhileTheJsonListsEveryProblem() throws Exception {
        TestRegistries.demo(dir).close();
        String db = dir.resolve("demo.db").toString();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + db); Statement sql = raw.createStatement()) {
            sql.executeUpdate("DROP TRIGGER IF EXISTS audit_signatures_no_delete");
            sql.executeUpdate("DELETE FROM audit_signatures");
        }

        assertEquals(1, cli.run("cli.tester", "audit", "verify", "--db", db));
        List<String> lines = cli.out().lines().toList();
        List<String> listed = lines.stream().filter(line -> line.startsWith("  ✖ ")).toList();
        assertEquals(AuditVerifyCommand.LISTED, listed.size(), cli.out());
        String more = lines.stream().filter(line -> line.startsWith("  … and ")).findFirst().orElseThrow(() -> new AssertionError(cli.out()));
        long counted = Long.parseLong(more.replaceAll("^  … and (\\d+) more: .*$", "$1"));
        assertTrue(more.endsWith("`audit verify --json` lists every one"), more);
        assertTrue(cli.err().startsWith("E_AUDIT_"), cli.err());

        assertEquals(1, cli.run("cli.tester", "audit", "verify", "--db", db, "--json"));
        JsonNode json = CanonicalJson.mapper().readTree(cli.out());
        assertEquals(AuditVerifyCommand.LISTED + counted, json.get("signature_problems").size(), "JSON carries every problem");
        assertEquals(listed.getFirst().substring(4), json.get("signature_problems").get(0).asText(), "the same problems, first first");
    }
}
