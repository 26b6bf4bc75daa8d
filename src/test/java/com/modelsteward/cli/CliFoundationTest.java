package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.json.CanonicalJson;
import com.modelsteward.testsupport.CliHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CliFoundationTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final CliHarness cli = new CliHarness();

    private int run(String... args) {
        return cli.run("cli.tester", args);
    }

    @Test
    void demoThenStatusAsJson() throws Exception {
        Path db = dir.resolve("demo.db");
        assertEquals(0, run("demo", "--db", db.toString()), cli.err());
        assertTrue(cli.out().contains("Created demo registry"));
        assertEquals(0, run("status", "--db", db.toString(), "--json"), cli.err());
        JsonNode status = CanonicalJson.mapper().readTree(cli.out());
        assertEquals(6, status.get("active").size());
        assertTrue(status.get("versions_by_state").get("RETIRED").asInt() > 0);
        assertEquals(0, run("status", "--db", db.toString(), "--model", "momentum_xgb-3.1.0"));
        assertTrue(cli.out().contains("training config hash"));
    }

    @Test
    void demoNeverOverwritesAFile() throws Exception {
        Path db = dir.resolve("taken.db");
        Files.writeString(db, "someone else's file");
        assertEquals(1, run("demo", "--db", db.toString()));
        assertTrue(cli.err().startsWith("E_REGISTRY_EXISTS: "), cli.err());
        assertEquals("someone else's file", Files.readString(db));
    }

    @Test
    void badInputGivesOneLineAndANonZeroExit() throws Exception {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "hello");
        assertEquals(1, run("status", "--db", notes.toString()));
        String message = cli.err().strip();
        assertTrue(message.startsWith("E_REGISTRY_NOT_SQLITE: " + notes), message);
        assertFalse(message.contains("\n"), "one line");
        assertFalse(message.contains("Exception"), "no stack trace or exception name");

        assertEquals(1, run("status", "--db", dir.resolve("missing/dir/x.db").toString()));
        assertTrue(cli.err().contains("does not exist"));

        assertEquals(2, run("frobnicate"));
        assertTrue(cli.err().contains("unknown command"));
        assertEquals(2, run("status", "--colour", "red"));
        assertTrue(cli.err().contains("unknown option --colour"));
    }

    @Test
    void initMakesTheCallerTheFirstAdmin() throws Exception {
        Path db = dir.resolve("new.db");
        assertEquals(0, run("init", "--db", db.toString()), cli.err());
        assertTrue(cli.out().contains("cli.tester is its first ADMIN"));
        try (var registry = com.modelsteward.registry.Registry.open(db)) {
            assertEquals(java.util.Set.of("ADMIN"), new com.modelsteward.registry.ModelCatalog(registry).rolesOf("cli.tester"));
        }
    }
}
