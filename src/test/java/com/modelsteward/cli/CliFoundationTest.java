package com.modelsteward.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.modelsteward.registry.CanonicalJson;
import com.modelsteward.testsupport.TestRegistries;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliFoundationTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.fixed(TestRegistries.ANCHOR, ZoneOffset.UTC), "cli.tester");
        return new Cli(context).execute(args);
    }

    @Test
    void demoThenStatusAsJson() throws Exception {
        Path db = dir.resolve("demo.db");
        assertEquals(0, run("demo", "--db", db.toString()), err.toString());
        assertTrue(out.toString().contains("Created demo registry"));
        assertEquals(0, run("status", "--db", db.toString(), "--json"), err.toString());
        JsonNode status = CanonicalJson.mapper().readTree(out.toString());
        assertEquals(6, status.get("active").size());
        assertTrue(status.get("versions_by_state").get("RETIRED").asInt() > 0);
        assertEquals(0, run("status", "--db", db.toString(), "--model", "momentum_xgb-3.1.0"));
        assertTrue(out.toString().contains("training config hash"));
    }

    @Test
    void demoNeverOverwritesAFile() throws Exception {
        Path db = dir.resolve("taken.db");
        Files.writeString(db, "someone else's file");
        assertEquals(1, run("demo", "--db", db.toString()));
        assertTrue(err.toString().startsWith("E_REGISTRY_EXISTS: "), err.toString());
        assertEquals("someone else's file", Files.readString(db));
    }

    @Test
    void badInputGivesOneLineAndANonZeroExit() throws Exception {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "hello");
        assertEquals(1, run("status", "--db", notes.toString()));
        String message = err.toString().strip();
        assertTrue(message.startsWith("E_REGISTRY_NOT_SQLITE: " + notes), message);
        assertFalse(message.contains("\n"), "one line");
        assertFalse(message.contains("Exception"), "no stack trace or exception name");

        assertEquals(1, run("status", "--db", dir.resolve("missing/dir/x.db").toString()));
        assertTrue(err.toString().contains("does not exist"));

        assertEquals(2, run("frobnicate"));
        assertTrue(err.toString().contains("unknown command"));
        assertEquals(2, run("status", "--colour", "red"));
        assertTrue(err.toString().contains("unknown option --colour"));
    }

    @Test
    void initMakesTheCallerTheFirstAdmin() throws Exception {
        Path db = dir.resolve("new.db");
        assertEquals(0, run("init", "--db", db.toString()), err.toString());
        assertTrue(out.toString().contains("cli.tester is its first ADMIN"));
        try (var registry = com.modelsteward.registry.Registry.open(db)) {
            assertEquals(java.util.Set.of("ADMIN"), new com.modelsteward.registry.ModelCatalog(registry).rolesOf("cli.tester"));
        }
    }
}
